/**
 * Field types shared by the article, its sources, claims and events. Each check tags its issue with
 * the rule id it breaks (`params.rule`); the wording for editors is added later from the path, in
 * `../issues.ts`, so the schema stays data.
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
  return z.string().transform((value, ctx) => {
    const trimmed = value.trim();
    const length = codePoints(trimmed);
    if (length === 0 || length > max) report(ctx, value, { rule: 'text-length', max, length });
    return trimmed;
  });
}

/** A slug: lowercase ASCII letters and digits in groups joined by single hyphens. */
export const slug = z.string().superRefine((value, ctx) => {
  if (!SLUG_PATTERN.test(value)) report(ctx, value, { rule: 'invalid-id' });
});

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

/**
 * A date at the precision it was written in (`2026`, `2026-06`, `2026-06-24`) or a datetime with
 * `Z` or an offset. Parsed into a {@link ContentDate} that remembers the text as written.
 */
export const contentDate = z.string().transform((value, ctx): ContentDate => {
  const parsed = parseContentDate(value.trim());
  if (parsed.ok) return parsed.date;
  report(ctx, value, { rule: DATE_RULE[parsed.problem], reason: parsed.reason });
  return z.NEVER;
});

/** An absolute `http:` or `https:` URL. Any other scheme (`javascript:`, `data:`, `file:`) is refused. */
export const httpUrl = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    report(ctx, value, { rule: 'invalid-url', scheme: `${scheme}:` });
  } else if (scheme === undefined || !URL.canParse(trimmed) || /\s/.test(trimmed)) {
    report(ctx, value, { rule: 'invalid-url' });
  }
  return trimmed;
});

/** A BCP 47 language tag, kept in its canonical form (`EN-gb` becomes `en-GB`). */
export const languageTag = z.string().transform((value, ctx) => {
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
});

/** Text direction for a language, from the script Unicode's CLDR data expects for it. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  try {
    return new Intl.Locale(lang).getTextInfo().direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
