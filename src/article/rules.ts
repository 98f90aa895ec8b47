/**
 * The catalogue of everything `check` and the build can report: one rule id per kind of problem,
 * its severity, a one-line summary (the editors' guide has a section for each), and the wording of
 * its messages. Messages say what is wrong, quote the offending value, and say what to do.
 */
import type { Severity } from './diagnostics.ts';

interface Rule {
  readonly severity: Severity;
  readonly summary: string;
}

export const rules = {
  'file-too-large': {
    severity: 'error',
    summary: 'The file is larger than 1 MB, far more than any article.',
  },
  'not-utf8': { severity: 'error', summary: 'The file is not saved as UTF-8 text.' },
  'missing-frontmatter': {
    severity: 'error',
    summary: 'The file does not start with YAML frontmatter between two `---` lines.',
  },
  'unclosed-frontmatter': {
    severity: 'error',
    summary: 'The frontmatter has an opening `---` line but no closing one.',
  },
  'frontmatter-language': {
    severity: 'error',
    summary:
      'The frontmatter fence names another language (`---js`, `---json`, `+++`); only YAML is accepted.',
  },
  'yaml-syntax': { severity: 'error', summary: 'The frontmatter is not valid YAML.' },
  'yaml-tag': { severity: 'error', summary: 'A YAML tag such as `!!binary` or `!custom` is used.' },
  'yaml-duplicate-key': {
    severity: 'error',
    summary: 'The same field is written twice in one place.',
  },
  'yaml-alias-limit': {
    severity: 'error',
    summary: 'YAML aliases (`*name`) expand to too many values.',
  },
  'yaml-too-deep': {
    severity: 'error',
    summary: 'The frontmatter nests lists or maps too deeply.',
  },
  'body-too-deep': {
    severity: 'error',
    summary: 'The text nests quotes, lists, links or emphasis so deeply that it cannot be read.',
  },
  'body-too-complex': {
    severity: 'error',
    summary:
      'One paragraph holds so many links, citations, emphasis or code marks that it would take too long to process.',
  },
  'invalid-slug': {
    severity: 'error',
    summary: 'The file name is not a valid slug (lowercase letters, digits and single hyphens).',
  },
  'unknown-field': { severity: 'error', summary: 'A field that the contract does not define.' },
  'missing-field': { severity: 'error', summary: 'A required field is missing or empty.' },
  'wrong-type': {
    severity: 'error',
    summary: 'A field holds the wrong kind of value (text, list, true/false, entry).',
  },
  'invalid-choice': {
    severity: 'error',
    summary: 'A field holds a value outside its list of choices.',
  },
  'text-length': { severity: 'error', summary: 'A text is empty or longer than its limit.' },
  'html-in-title': { severity: 'error', summary: 'The title contains HTML tags.' },
  'invalid-id': {
    severity: 'error',
    summary: 'An id or topic is not a slug (lowercase letters, digits and single hyphens).',
  },
  'duplicate-id': {
    severity: 'error',
    summary: 'Two sources, claims or events of one article share an id.',
  },
  'date-format': {
    severity: 'error',
    summary: 'A date is not written in one of the accepted forms.',
  },
  'date-without-offset': {
    severity: 'error',
    summary: 'A date with a time has no `Z` or UTC offset.',
  },
  'impossible-date': {
    severity: 'error',
    summary: 'A date that does not exist, such as 30 February.',
  },
  'date-order': {
    severity: 'error',
    summary: '`updated` is before `published`, or an event `end` is before its `date`.',
  },
  'invalid-url': {
    severity: 'error',
    summary: 'A source URL is not an absolute `http:` or `https:` address.',
  },
  'invalid-lang': { severity: 'error', summary: 'A language is not a valid BCP 47 tag.' },
  'undated-source': {
    severity: 'error',
    summary: 'A source has neither a `url` nor a `published` date, so readers cannot find it.',
  },
  'corrections-need-updated': {
    severity: 'error',
    summary: 'The article has corrections but no `updated` date.',
  },
  'unknown-source': {
    severity: 'error',
    summary: 'A citation, claim or event names a source id the article does not have.',
  },
  'unknown-claim': {
    severity: 'error',
    summary: '`responds_to` names a claim id the article does not have, or the claim itself.',
  },
  'duplicate-slug': { severity: 'error', summary: 'Two article files have the same name.' },
  'event-date-conflict': {
    severity: 'error',
    summary: 'One shared event id has different dates in different articles.',
  },
  placeholder: {
    severity: 'error',
    summary:
      'A placeholder from `npm run new` is still there: `TODO` in a text, `todo-source` or `todo-topic`.',
  },
  'uncited-source': {
    severity: 'warning',
    summary: 'A source that nothing cites: not the body, a claim or an event.',
  },
  'source-after-article': {
    severity: 'warning',
    summary: "A source is dated after the article's `updated` (or `published`) time.",
  },
  'mixed-script': {
    severity: 'warning',
    summary: 'A word mixes writing systems, such as a Latin word with a Cyrillic letter.',
  },
  'unexpected-script': {
    severity: 'warning',
    summary: "A word is in a writing system that the article's language does not use.",
  },
  'disputed-without-response': {
    severity: 'warning',
    summary: 'A claim is `disputed` but no other claim `responds_to` it.',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

export const ruleIds = Object.keys(rules) as RuleId[];

export function severityOf(rule: RuleId): Severity {
  return rules[rule].severity;
}

/** Quotes a value for a message: backticks, one line, shortened if long. */
export function quote(value: unknown): string {
  const text =
    typeof value === 'string' ? value : value === undefined ? 'undefined' : JSON.stringify(value);
  // Code points, as the contract counts lengths; a split emoji in a shortened quote is harmless.
  const characters = Array.from(text.replace(/\s+/g, ' '));
  const short =
    characters.length > 60 ? `${characters.slice(0, 57).join('')}...` : characters.join('');
  return `\`${short.replaceAll('`', "'")}\``;
}

export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean \`${suggestion}\`?`;
}
