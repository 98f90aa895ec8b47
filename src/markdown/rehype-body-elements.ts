/**
 * rehype plugin: the last touches to a sanitized article body, element by element.
 *
 * - Headings get ids from their text, as GitHub gives them (`## The dispute` → `the-dispute`,
 *   a repeat → `the-dispute-1`).
 * - A heading whose id is one of the page's own (`## Key dates` → `key-dates`) gets a number
 *   instead, as a repeat does (`key-dates-1`), so no page has two elements with one id.
 * - Links to other sites get `rel="noopener noreferrer"`.
 * - Words the site adds to a body in a language it has no words for (an Arabic article, English
 *   words) are marked with their language: the accessible names of citation markers and of
 *   footnotes' back links (`lang` only: what they show, a number or an arrow, keeps the direction
 *   of the text around it) and the footnotes' heading (`lang` and `dir`).
 * - The section headings, with their final ids, are recorded in `file.data.headings`.
 *
 * One walk does all of it. As five plugins (rehype-slug and rehype-external-links among them), each
 * walked the tree; with the walks of prose, walking was a fifth of a checker thread's time in a
 * 10,000-article build (profile).
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import GithubSlugger from 'github-slugger';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';

export interface Heading {
  readonly depth: number;
  readonly slug: string;
  readonly text: string;
}

declare module 'vfile' {
  interface DataMap {
    headings: Heading[];
  }
}

export interface InterfaceLanguage {
  /** The language of the interface's words, when it is not the article's. */
  readonly lang?: string;
  /** Their direction, when it is not the article's. */
  readonly dir?: 'ltr' | 'rtl';
}

export interface Options extends InterfaceLanguage {
  /** Ids the page around the body gives its own parts: body headings never take them. */
  readonly pageIds: ReadonlySet<string>;
}

const DEPTH: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const EXTERNAL = /^(?:https?:|\/\/)/i;
const EXTERNAL_REL = ['noopener', 'noreferrer'];

function hasClass(node: Element, name: string): boolean {
  const className = node.properties.className;
  return Array.isArray(className) && className.includes(name);
}

/** The parts of the walk's findings that are settled once every id in the body is known. */
interface Walk {
  readonly slugger: GithubSlugger;
  readonly taken: Set<string>;
  readonly headings: { node: Element; depth: number; text: string }[];
}

function finishElement(node: Element, parent: Element | Root, options: Options, walk: Walk): void {
  const { properties, tagName } = node;
  const depth = DEPTH[tagName];
  if (depth !== undefined) {
    const text = toString(node);
    properties.id ??= walk.slugger.slug(text);
    walk.headings.push({ node, depth, text });
  }
  if (typeof properties.id === 'string') walk.taken.add(properties.id);

  if (tagName === 'a' && typeof properties.href === 'string' && EXTERNAL.test(properties.href))
    properties.rel = [...EXTERNAL_REL];

  if (options.lang === undefined) return;
  const citationMarker =
    tagName === 'a' &&
    parent.type === 'element' &&
    parent.tagName === 'sup' &&
    hasClass(parent, 'citation');
  if (citationMarker || (tagName === 'a' && 'dataFootnoteBackref' in properties)) {
    properties.lang = options.lang;
  } else if (tagName === 'h2' && hasClass(node, 'footnotes-title')) {
    properties.lang = options.lang;
    if (options.dir !== undefined) properties.dir = options.dir;
  }
}

function walkChildren(parent: Element | Root, options: Options, walk: Walk): void {
  const children: readonly (RootContent | ElementContent)[] = parent.children;
  for (const child of children) {
    if (child.type !== 'element') continue;
    finishElement(child, parent, options, walk);
    walkChildren(child, options, walk);
  }
}

/** The id a heading that clashes with the page takes: its own with the first free number. */
function freeId(id: string, options: Options, taken: ReadonlySet<string>): string {
  let n = 1;
  while (taken.has(`${id}-${String(n)}`) || options.pageIds.has(`${id}-${String(n)}`)) n++;
  return `${id}-${String(n)}`;
}

export default function rehypeBodyElements(options: Options) {
  return (tree: Root, file: VFile) => {
    const walk: Walk = { slugger: new GithubSlugger(), taken: new Set(), headings: [] };
    walkChildren(tree, options, walk);
    for (const { node } of walk.headings) {
      const id = node.properties.id;
      // The footnotes' heading is the page's own: its id is the one the page expects.
      if (typeof id !== 'string' || !options.pageIds.has(id) || hasClass(node, 'footnotes-title'))
        continue;
      const free = freeId(id, options, walk.taken);
      node.properties.id = free;
      walk.taken.add(free);
    }
    file.data.headings = walk.headings.flatMap(({ node, depth, text }) =>
      typeof node.properties.id === 'string' ? [{ depth, slug: node.properties.id, text }] : [],
    );
  };
}
