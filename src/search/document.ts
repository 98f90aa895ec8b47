/**
 * What search indexes of an article, as the small HTML document Pagefind is given for it: the
 * title, dek, body, claims, questions and answers and open questions, with the article's language,
 * its type of work and topics as filters, and its title, dates and language as metadata for the
 * results. Interface words, bylines, dates, key dates, corrections and the source apparatus are not
 * in it, so no search finds an article by them.
 *
 * It is made from the checked article rather than read back from its built page: the index can then
 * be made while Astro renders the pages, and Pagefind parses a few kilobytes per article instead of
 * the whole page. The body is the same rendered HTML the page shows, so Pagefind still weighs its
 * headings, and leaves out the citation markers by EXCLUDED_SELECTORS.
 */
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent } from 'hast';
import { formatContentDate, htmlDatetime } from '../article/dates.ts';
import type { Frontmatter } from '../article/schema/article.ts';

/**
 * Parts of the rendered body that are apparatus rather than prose: citation markers and footnote
 * references (their numbers would match searches for digits), footnote back-links and the
 * footnotes heading (an interface word). The footnotes themselves are indexed.
 */
export const EXCLUDED_SELECTORS: readonly string[] = [
  'sup.citation',
  '[data-footnote-ref]',
  '[data-footnote-backref]',
  '.footnotes-title',
];

/** The article as search needs it: its checked frontmatter and its rendered body. */
export interface SearchableArticle {
  readonly data: Frontmatter;
  readonly html: string;
}

/** The address of an article's page, which search results link to. */
export function articleUrl(slug: string): string {
  return `/articles/${slug}/`;
}

/**
 * Elements with a line break between each: Pagefind runs the text of adjacent elements together,
 * so without it a heading's last word and the next paragraph's first would be indexed as one.
 */
function lines(elements: readonly Element[]): ElementContent[] {
  return elements.flatMap((element) => [element, { type: 'text', value: '\n' } as const]);
}

/** An element that carries a filter or metadata and has no text to index. */
function marker(attribute: 'data-pagefind-filter' | 'data-pagefind-meta', value: string): Element {
  return h('span', { [attribute]: value });
}

export function searchDocument(article: SearchableArticle): string {
  const { data } = article;
  const content: Element[] = [
    marker('data-pagefind-meta', `date:${htmlDatetime(data.published)}`),
    marker('data-pagefind-meta', `published:${formatContentDate(data.published, 'en')}`),
    marker('data-pagefind-meta', `lang:${data.lang}`),
    marker('data-pagefind-filter', `kind:${data.kind}`),
    ...data.topics.map((topic) => marker('data-pagefind-filter', `topic:${topic}`)),
    h('h1', { 'data-pagefind-meta': 'title' }, data.title),
    h('p', data.dek),
    h('div', [{ type: 'raw', value: article.html }]),
    ...data.claims.map((claim) =>
      h('blockquote', lines([h('p', claim.text), h('p', `— ${claim.by}`)])),
    ),
  ];
  if (data.faq.length > 0)
    content.push(h('dl', lines(data.faq.flatMap((entry) => [h('dt', entry.q), h('dd', entry.a)]))));
  if (data.open_questions.length > 0)
    content.push(h('ul', lines(data.open_questions.map((question) => h('li', question)))));
  const document = h('html', { lang: data.lang }, [
    h('body', [h('article', { 'data-pagefind-body': '' }, lines(content))]),
  ]);
  return toHtml(document, { allowDangerousHtml: true });
}
