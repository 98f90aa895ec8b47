/**
 * Turns zod issues into findings editors can act on: a sentence from the message catalogue, and the
 * offset of the offending field or value in the file, found through the YAML document's nodes.
 * Raw zod messages never reach an editor.
 */
import { closest, distance } from 'fastest-levenshtein';
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Finding } from './diagnostics.ts';
import { messages } from './messages.ts';
import { FIELD_NAMES } from './schema/article.ts';
import { toSlug, type IssueParams } from './schema/fields.ts';

type Path = readonly PropertyKey[];

export interface IssueContext {
  readonly doc: Document.Parsed | undefined;
  readonly data: unknown;
  /** Offset of the YAML text in the file. */
  readonly yamlOffset: number;
}

/** Suggests the closest candidate when it is near enough to be a slip of the keyboard. */
export function suggest(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(value, candidates);
  const limit = Math.max(2, Math.floor(value.length / 3));
  return distance(value.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

const MISSING_HINTS: Record<string, string> = {
  title: '`title:` with the headline',
  dek: '`dek:` with a one-sentence standfirst',
  kind: '`kind:` with one of `news`, `analysis`, `explainer`, `brief`, `opinion`',
  published:
    '`published:` with the publication date, such as `2026-06-25` or `2026-06-25T10:00:00Z`',
  topics: '`topics:` with at least one topic slug, such as `[nato]`',
  sources: '`sources:` with at least one source (`id`, `publisher`, `type`)',
  id: '`id:` with a short slug that is unique in the article, such as `reuters-1952847`',
  publisher: '`publisher:` with who published the source',
  type: '`type:` with one of `wire`, `social`, `press`, `broadcast`, `official`, `encyclopedia`, `market`, `report`, `other`',
  text: '`text:` with the claim as made, or the correction',
  by: '`by:` with who makes the claim',
  status:
    '`status:` with one of `asserted`, `disputed`, `denied`, `confirmed`, `retracted`, `unverified`',
  date: '`date:` with when it happened, such as `2026-06-24`',
  q: '`q:` with the question',
  a: '`a:` with the answer',
  // The same name means something else in a claim, an event or a correction.
  'claim.id': '`id:` with a short slug that is unique in the article, such as `rutte-bases-claim`',
  'claim.text': '`text:` with the claim as made, quoted or paraphrased',
  'claim.sources':
    "`sources:` with the ids of the article's sources that report it, such as `[reuters-1952847]`",
  'event.title': '`title:` with what happened',
  'event.sources':
    "`sources:` with the ids of the article's sources that record it, such as `[reuters-1952847]`",
  'correction.date': '`date:` with when the correction was made, such as `2026-06-26`',
  'correction.text': '`text:` with what was wrong and what was corrected',
};

function missingHint(kind: string, field: string): string {
  return MISSING_HINTS[`${kind}.${field}`] ?? MISSING_HINTS[field] ?? `\`${field}:\``;
}

/** The fields an entry needs, for when an editor writes something else in its place. */
const ENTRY_FIELDS: Record<string, readonly [string, ...string[]]> = {
  source: ['id', 'publisher', 'type'],
  claim: ['id', 'text', 'by', 'status', 'sources'],
  event: ['date', 'title', 'sources'],
  faq: ['q', 'a'],
  correction: ['date', 'text'],
};

/** Whole words editors write for the one-letter FAQ keys: too far from `q` and `a` to suggest by spelling. */
const LONG_NAMES: Record<string, string> = { question: 'q', answer: 'a' };

const EXPECTED: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a set of fields',
  boolean: '`true` or `false`',
};

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  return `\`${scalarText(value)}\``;
}

/** The text of a YAML scalar as the editor wrote it (strings, true/false), or JSON for anything else. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function at(data: unknown, path: Path): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const ENTRY_NAMES: Record<string, [string, keyof typeof FIELD_NAMES]> = {
  sources: ['source', 'source'],
  claims: ['claim', 'claim'],
  events: ['event', 'event'],
  faq: ['FAQ entry', 'faq'],
  corrections: ['correction', 'correction'],
};

/** Names the entry a path points into, as an editor would: "source `reuters-1`", "FAQ entry 2". */
export function describeOwner(
  data: unknown,
  path: Path,
): { where: string; kind: keyof typeof FIELD_NAMES } {
  const [list, index] = path;
  if (typeof list === 'string' && typeof index === 'number' && list in ENTRY_NAMES) {
    const [noun, kind] = ENTRY_NAMES[list] ?? ['entry', 'article'];
    const id = at(data, [list, index, 'id']);
    // An entry is named by its id, except in a problem with that id: "the id `x` of source `x`" says nothing.
    const byId = typeof id === 'string' && id !== '' && path[2] !== 'id';
    return { where: byId ? `${noun} \`${id}\`` : `${noun} ${index + 1}`, kind };
  }
  return { where: 'the article', kind: 'article' };
}

/** The field a path names: the last key, or the list a list item belongs to. */
function fieldOf(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') return key;
  }
  return 'frontmatter';
}

/** Offset in the YAML text of the node a path names, or of the nearest ancestor that exists. */
function locate(doc: Document.Parsed | undefined, path: Path, key = false): number {
  if (!doc) return 0;
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === step,
      );
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      if (last && key) return keyNode.range?.[0] ?? offset;
      node = pair.value;
      offset = (pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) return offset;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Offset of the key of a field in the map a path names, for unknown fields. */
function locateKey(doc: Document.Parsed | undefined, path: Path, name: string): number {
  return locate(doc, [...path, name], true);
}

export function issuesToFindings(
  issues: readonly z.core.$ZodIssue[],
  context: IssueContext,
): Finding[] {
  const { doc, data, yamlOffset } = context;
  const findings: Finding[] = [];
  const push = (path: Path, rule: Finding['rule'], message: string, key = false) => {
    findings.push({ offset: yamlOffset + locate(doc, path, key), rule, message });
  };

  for (const issue of issues) {
    const path = issue.path;
    const field = fieldOf(path);
    const { where, kind } = describeOwner(data, path);
    const value = at(data, path);

    switch (issue.code) {
      case 'unrecognized_keys': {
        const owner = describeOwner(data, [...path, '']);
        for (const name of issue.keys) {
          const candidates = FIELD_NAMES[owner.kind].filter(
            (known) => at(data, [...path, known]) === undefined,
          );
          const longName = owner.kind === 'faq' ? LONG_NAMES[name.toLowerCase()] : undefined;
          const suggestion =
            longName !== undefined && candidates.includes(longName)
              ? longName
              : suggest(name, candidates);
          findings.push({
            offset: yamlOffset + locateKey(doc, path, name),
            rule: 'unknown-field',
            message: messages.unknownField(name, owner.where, suggestion),
          });
        }
        break;
      }
      case 'invalid_type': {
        if (value === undefined || value === null) {
          push(
            path,
            'missing-field',
            messages.missingField(field, where, missingHint(kind, field)),
            value === null,
          );
        } else if (path.length === 0) {
          push(
            path,
            'wrong-type',
            messages.wrongType(
              'frontmatter',
              'the file',
              'a set of fields such as `title: ...`',
              describeValue(value),
            ),
          );
        } else if (
          path.length === 2 &&
          issue.expected === 'object' &&
          ENTRY_FIELDS[kind] !== undefined
        ) {
          // The entry itself is not a set of fields: "`sources` of source 1 should be..." names no field.
          push(
            path,
            'wrong-type',
            messages.wrongEntryType(where, ENTRY_FIELDS[kind], describeValue(value)),
          );
        } else {
          const expected = EXPECTED[issue.expected] ?? issue.expected;
          push(
            path,
            'wrong-type',
            messages.wrongType(field, where, expected, describeValue(value)),
          );
        }
        break;
      }
      case 'too_small': {
        push(
          path,
          'missing-field',
          messages.emptyList(field, where, missingHint(kind, field)),
          true,
        );
        break;
      }
      case 'invalid_value': {
        // zod reports a missing choice field as a bad choice; the editor needs "add it", not "`undefined` is not valid".
        if (value === undefined || value === null) {
          push(
            path,
            'missing-field',
            messages.missingField(field, where, missingHint(kind, field)),
            value === null,
          );
          break;
        }
        const choices = issue.values.map(String);
        push(
          path,
          'invalid-choice',
          messages.invalidChoice(field, where, value, choices, suggest(scalarText(value), choices)),
        );
        break;
      }
      case 'custom': {
        findings.push(...customFinding(issue, { path, field, where, value, kind, push }));
        break;
      }
      default: {
        push(
          path,
          'wrong-type',
          messages.wrongType(field, where, 'a valid value', describeValue(value)),
        );
      }
    }
  }
  return findings;
}

interface CustomContext {
  readonly path: Path;
  readonly field: string;
  readonly where: string;
  readonly value: unknown;
  readonly kind: keyof typeof FIELD_NAMES;
  readonly push: (path: Path, rule: Finding['rule'], message: string, key?: boolean) => void;
}

function customFinding(issue: z.core.$ZodIssueCustom, context: CustomContext): Finding[] {
  const params = issue.params as IssueParams | undefined;
  if (!params) return [];
  const { path, field, where, push } = context;
  const value = typeof issue.input === 'string' ? issue.input : scalarText(context.value ?? '');
  switch (params.rule) {
    case 'text-length':
      push(
        path,
        'text-length',
        params.length === 0
          ? messages.textEmpty(field, where)
          : messages.textTooLong(field, where, params.max ?? 0, params.length ?? 0),
      );
      break;
    case 'html-in-title':
      push(path, 'html-in-title', messages.htmlInTitle(params.tag ?? ''));
      break;
    case 'invalid-id':
      push(path, 'invalid-id', messages.invalidId(field, where, value, toSlug(value)));
      break;
    case 'date-format':
      push(path, 'date-format', messages.dateFormat(field, where, value, params.reason ?? ''));
      break;
    case 'date-without-offset':
      push(path, 'date-without-offset', messages.dateWithoutOffset(field, where, value));
      break;
    case 'impossible-date':
      push(
        path,
        'impossible-date',
        messages.impossibleDate(field, where, value, params.reason ?? ''),
      );
      break;
    case 'invalid-url':
      push(
        path,
        'invalid-url',
        params.scheme === undefined
          ? messages.invalidUrl(where, value)
          : messages.forbiddenUrlScheme(where, value, params.scheme),
      );
      break;
    case 'invalid-lang':
      push(path, 'invalid-lang', messages.invalidLang(field, where, value));
      break;
    case 'duplicate-id':
      push(
        path,
        'duplicate-id',
        messages.duplicateId(value, describeEntry(params.other ?? ''), where),
      );
      break;
    case 'unknown-source':
      push(
        path,
        'unknown-source',
        messages.unknownSource(value, where, suggest(value, params.candidates ?? [])),
      );
      break;
    case 'unknown-claim':
      push(
        path,
        'unknown-claim',
        params.reason === 'self'
          ? messages.respondsToItself(where)
          : messages.unknownClaim(value, where, suggest(value, params.candidates ?? [])),
      );
      break;
    case 'date-order':
      push(
        path,
        'date-order',
        field === 'updated'
          ? messages.updatedBeforePublished(value, params.other ?? '')
          : messages.endBeforeDate(where, value, params.other ?? ''),
      );
      break;
    case 'undated-source':
      push(path, 'undated-source', messages.undatedSource(where));
      break;
    case 'corrections-need-updated':
      push(path, 'corrections-need-updated', messages.correctionsNeedUpdated(), true);
      break;
    default:
      push(path, params.rule, params.rule);
  }
  return [];
}

/** "sources.0" -> "source 1": the first holder of a duplicated id has that id too, so name it by place. */
function describeEntry(firstPath: string): string {
  const [list, index] = firstPath.split('.');
  const noun = ENTRY_NAMES[list ?? '']?.[0] ?? 'an entry';
  return `${noun} ${Number(index) + 1}`;
}
