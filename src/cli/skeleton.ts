/**
 * What `npm run new` writes: a file name from the title and the skeleton of an article. The
 * skeleton is valid except for its placeholders (see src/article/placeholders.ts), which `check`
 * reports until the editor replaces them; the optional fields are shown as YAML comments.
 */
import slugify from '@sindresorhus/slugify';
import { PLACEHOLDER_SLUGS } from '../article/placeholders.ts';

/** Long enough for a headline's key words, short enough to read in an address. */
const MAX_SLUG_LENGTH = 60;

/**
 * The file name (without `.md`) for a title: lowercase ASCII words joined by hyphens, accents
 * transliterated (`Perché` gives `perche`), `&` spelt out in the article's language, and cut at a
 * word boundary. Empty when the title has no letter or digit that can be written in ASCII.
 */
export function slugFromTitle(title: string, lang = 'en'): string {
  const slug = slugify(title, {
    // `iPhone` is one word, not `i-phone`.
    decamelize: false,
    customReplacements: [['&', ` ${AND[primaryLanguage(lang)] ?? 'and'} `]],
  });
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_SLUG_LENGTH);
}

const AND: Readonly<Record<string, string>> = {
  en: 'and',
  it: 'e',
  fr: 'et',
  es: 'y',
  de: 'und',
  pt: 'e',
};

function primaryLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? lang;
}

export interface SkeletonOptions {
  readonly title: string;
  readonly kind: string;
  readonly lang: string;
  /** Topic slugs; a placeholder topic when empty. */
  readonly topics: readonly string[];
  /** When it is written: the article's `published` time, in UTC to the second. */
  readonly now: Date;
}

/** `2026-06-26T09:14:05Z`: a datetime in the contract's form, without milliseconds. */
export function utcSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A YAML flow list of slugs: `[nato, italy]`. */
function slugList(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}

/**
 * The article file. Text the editor gave is written as a double-quoted YAML string (JSON's
 * escaping is valid YAML), so any title round-trips exactly.
 */
export function skeleton(options: SkeletonOptions): string {
  const { title, kind, lang, now } = options;
  const topics = options.topics.length > 0 ? options.topics : [PLACEHOLDER_SLUGS.topic];
  const published = utcSeconds(now);
  const day = published.slice(0, 10);
  const source = PLACEHOLDER_SLUGS.source;
  return `---
# Replace every TODO, todo-source and todo-topic: \`npm run check\` lists what is left.
# The fields and their rules: docs/editors.md.

# The headline: plain text, up to 200 characters.
title: ${JSON.stringify(title)}
# The one-sentence standfirst under the title and in listings, up to 400 characters.
dek: 'TODO: one sentence on what the article tells readers.'
# news, analysis, explainer, brief or opinion.
kind: ${kind}
# The language of the article: en, it, en-GB, ar...
lang: ${lang}
# When it was published: now, in UTC. Change it when you publish.
published: ${published}
# When you change it after publishing (required once there are corrections):
# updated: ${day}
# authors: ['Dossier staff']
# At least one topic, written like a file name. Each topic has a page and a timeline.
topics: ${slugList(topics)}
# Keeps the article off the site (it is still checked):
# draft: true
# Every source behind the article, at least one; cite one in the text as [@its-id].
sources:
  - id: ${source}
    publisher: 'TODO: who published it'
    # wire, social, press, broadcast, official, encyclopedia, market, report or other
    type: other
    # Where readers find it; a source without a url needs \`published\`.
    url: 'https://example.com/TODO'
    # title: 'Its headline'
    # published: ${day} # when it was published or transmitted, with a time if known
    # accessed: ${day}
    # lang: it
# Who claimed what (optional):
# claims:
#   - id: who-claimed-what
#     text: 'The claim as made, quoted or paraphrased.'
#     by: 'Who makes it'
#     status: asserted # asserted, disputed, denied, confirmed, retracted or unverified
#     sources: [${source}]
#     date: ${day}
#     responds_to: another-claim-id # the claim this one answers
# Dated events for the timeline (optional):
# events:
#   - id: what-happened # optional: the same id in other articles makes one timeline event
#     date: ${day} # 2026, 2026-06, 2026-06-24 or 2026-06-24T19:02:00Z
#     end: ${day} # for a range
#     title: 'What happened'
#     sources: [${source}]
# Questions and answers (optional):
# faq:
#   - q: 'A question readers ask'
#     a: 'Its answer'
# What remains uncertain (optional):
# open_questions:
#   - 'A question nobody can answer yet'
# The corrections log (optional; needs updated):
# corrections:
#   - date: ${day}
#     text: 'What was wrong, and what was corrected.'
---

TODO: write the article. Put a citation after each sentence it supports [@${source}].
`;
}
