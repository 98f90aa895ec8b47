/**
 * Field types shared by the article, its sources, claims and events. Each check tags its issue with
 * the rule id it breaks (`params.rule`); the wording for editors is added later from the path, in
 * `../issues.ts`, so the schema stays data. The `.meta()` hints (lengths, patterns) only describe
 * the checks to editors' tools, through the JSON Schema (`../json-schema.ts`).
 */
import { z } from 'zod';
import { parseContentDate, type ContentDate } from '../dates.ts';
import type { RuleId } from '../rules.ts';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface IssueParams {
  readonly rule: RuleId;
  readonly reason?: string;
  readonly max?: number;
  readonly length?: number;
  readonly scheme?: string;
  readonly tag?: string;
  /** The value this one is compared with, or the place it clashes with. */
  readonly other?: string;
  /** What the value could have been, for "did you mean". */
  readonly candidates?: readonly string[];
}

type Context = z.core.$RefinementCtx;

export function report(ctx: Context, input: unknown, params: IssueParams): void {
  ctx.addIssue({ code: 'custom', input, message: params.rule, params });
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Length in Unicode code points, as the contract counts: an astral character counts once. */
function codePoints(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

/**
 * Plain text: trimmed, between 1 and `max` Unicode code points. Always shown escaped.
 */
export function plainText(max: number) {
  return z
    .string()
    .transform((value, ctx) => {
      const trimmed = value.trim();
      const length = codePoints(trimmed);
      if (length === 0 || length > max) report(ctx, value, { rule: 'text-length', max, length });
      return trimmed;
    })
    .meta({ minLength: 1, maxLength: max });
}

/** A slug: lowercase ASCII letters and digits in groups joined by single hyphens. */
export const slug = z
  .string()
  .superRefine((value, ctx) => {
    if (!SLUG_PATTERN.test(value)) report(ctx, value, { rule: 'invalid-id' });
  })
  .meta({ pattern: SLUG_PATTERN.source });

/** Suggests the slug an editor probably meant, for messages. */
export function toSlug(text: string): string {
  const slugged = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slugged === '' ? 'my-article' : slugged;
}

const DATE_RULE = {
  format: 'date-format',
  'no-offset': 'date-without-offset',
  impossible: 'impossible-date',
} as const satisfies Record<string, RuleId>;

/** How to write a date, for the descriptions editors' tools show beside each date field. */
export const DATE_FORMS =
  'A date at the precision known (`2026`, `2026-06`, `2026-06-24`) or a time with `Z` or an offset (`2026-06-24T19:02:00Z`).';

/**
 * A date at the precision it was written in (`2026`, `2026-06`, `2026-06-24`) or a datetime with
 * `Z` or an offset. Parsed into a {@link ContentDate} that remembers the text as written.
 */
export const contentDate = z
  .string()
  .transform((value, ctx): ContentDate => {
    const parsed = parseContentDate(value.trim());
    if (parsed.ok) return parsed.date;
    report(ctx, value, { rule: DATE_RULE[parsed.problem], reason: parsed.reason });
    return z.NEVER;
  })
  .meta({
    // Editors' YAML tools read an unquoted `2026` as a number; `check` reads it as the year it is.
    type: ['string', 'integer'],
    pattern:
      '^\\d{4}(?:-\\d{2}(?:-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:\\d{2}))?)?)?$',
  });

/** An absolute `http:` or `https:` URL. Any other scheme (`javascript:`, `data:`, `file:`) is refused. */
export const httpUrl = z
  .string()
  .transform((value, ctx) => {
    const trimmed = value.trim();
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
      report(ctx, value, { rule: 'invalid-url', scheme: `${scheme}:` });
    } else if (scheme === undefined || !URL.canParse(trimmed) || /\s/.test(trimmed)) {
      report(ctx, value, { rule: 'invalid-url' });
    }
    return trimmed;
  })
  .meta({ pattern: '^\\s*[Hh][Tt][Tt][Pp][Ss]?://\\S+\\s*$' });

/** A BCP 47 language tag, kept in its canonical form (`EN-gb` becomes `en-GB`). */
export const languageTag = z
  .string()
  .transform((value, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value.trim());
      // Intl accepts any 5–8 letter word as a language, but no such language subtag is registered:
      // `english` or `arabic` would pass and set the wrong `lang` and text direction on the page.
      if (canonical !== undefined && /^[a-z]{2,3}(?:-|$)/.test(canonical)) return canonical;
    } catch {
      // Reported below: Intl throws a RangeError for any malformed tag.
    }
    report(ctx, value, { rule: 'invalid-lang' });
    return value;
  })
  .meta({ pattern: '^\\s*[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\\s*$' });

const directions = new Map<string, 'ltr' | 'rtl'>();

/** Text direction for a language, from the script Unicode's CLDR data expects for it. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  // Asked for every card and timeline entry of a build: remembered per tag.
  let direction = directions.get(lang);
  if (direction === undefined) {
    try {
      direction = new Intl.Locale(lang).getTextInfo().direction === 'rtl' ? 'rtl' : 'ltr';
    } catch {
      direction = 'ltr';
    }
    directions.set(lang, direction);
  }
  return direction;
}
