/**
 * rehype plugin: marks the words the site adds to an article body with their language, for a body
 * in a language the site has no words for (an Arabic article, English words). Those words are the
 * accessible names of citation markers and of footnotes' back links, and the footnotes' heading.
 *
 * Input HTML (options `{ lang: 'en', dir: 'ltr' }`):
 *
 *     <sup class="citation"><a href="#source-x" id="cite-1" aria-label="Source 1: X">1</a></sup>
 *     <h2 id="footnote-label" class="footnotes-title">Notes</h2>
 *     <a href="#user-content-fnref-a" data-footnote-backref aria-label="Back to reference 1 of note 1 in the text">↩</a>
 *
 * Output HTML:
 *
 *     <sup class="citation"><a href="#source-x" id="cite-1" aria-label="Source 1: X" lang="en">1</a></sup>
 *     <h2 id="footnote-label" class="footnotes-title" lang="en" dir="ltr">Notes</h2>
 *     <a href="#user-content-fnref-a" data-footnote-backref aria-label="…" lang="en">↩</a>
 *
 * The links get `lang` only: their names are in the interface's language, but what they show (a
 * number, an arrow) keeps the direction of the text around it.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface Options {
  /** The language of the interface's words, when it is not the article's. */
  readonly lang?: string;
  /** Their direction, when it is not the article's. */
  readonly dir?: 'ltr' | 'rtl';
}

function hasClass(node: Element, name: string): boolean {
  const className = node.properties.className;
  return Array.isArray(className) && className.includes(name);
}

export default function rehypeInterfaceLanguage(options: Options = {}) {
  const { lang, dir } = options;
  return (tree: Root) => {
    if (lang === undefined) return;
    visit(tree, 'element', (node, _index, parent) => {
      const marker =
        node.tagName === 'a' &&
        parent?.type === 'element' &&
        parent.tagName === 'sup' &&
        hasClass(parent, 'citation');
      if (marker || (node.tagName === 'a' && 'dataFootnoteBackref' in node.properties)) {
        node.properties.lang = lang;
      } else if (node.tagName === 'h2' && hasClass(node, 'footnotes-title')) {
        node.properties.lang = lang;
        if (dir !== undefined) node.properties.dir = dir;
      }
    });
  };
}
