import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeBodyElements, { type Options } from '../../src/markdown/rehype-body-elements.ts';

const PAGE_IDS = new Set(['faq', 'key-dates', 'key-dates-2', 'footnote-label']);

function finish(tree: Root, options: Partial<Options> = {}): VFile {
  const file = new VFile();
  rehypeBodyElements({ pageIds: PAGE_IDS, ...options })(tree, file);
  return file;
}

function ids(tree: Root): string[] {
  const found: string[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (typeof child.properties.id === 'string') found.push(child.properties.id);
      walk(child);
    }
  };
  walk(tree);
  return found;
}

describe('rehypeBodyElements', () => {
  it('gives headings ids from their text and numbers the repeats', () => {
    const tree = h(null, [
      h('h2', 'The dispute'),
      h('p', 'Text'),
      h('h3', ['Who said ', h('em', 'what')]),
      h('h2', 'The dispute'),
    ]);
    finish(tree);
    expect(ids(tree)).toEqual(['the-dispute', 'who-said-what', 'the-dispute-1']);
  });

  it("keeps headings off the page's own ids, taking the first number nothing else has", () => {
    const tree = h(null, [h('h2', 'Key dates'), h('p', { id: 'key-dates-1' }), h('h2', 'FAQ')]);
    finish(tree);
    // key-dates-1 is taken in the body and key-dates-2 by the page.
    expect(ids(tree)).toEqual(['key-dates-3', 'key-dates-1', 'faq-1']);
  });

  it('leaves the footnotes heading the id the page expects', () => {
    const tree = h(null, [
      h('h2', { id: 'footnote-label', className: ['footnotes-title'] }, 'Notes'),
    ]);
    finish(tree);
    expect(ids(tree)).toEqual(['footnote-label']);
  });

  it('marks links to other sites noopener noreferrer, and no other link', () => {
    const hrefs = [
      'https://example.org/a',
      'HTTP://example.org/b',
      '//example.org/c',
      '#source-x',
      '/articles/x/',
      'mailto:desk@example.org',
    ];
    const tree = h(
      null,
      hrefs.map((href) => h('a', { href }, 'link')),
    );
    finish(tree);
    const rels = (tree.children as Element[]).map((link) => link.properties.rel);
    expect(rels).toEqual([
      ['noopener', 'noreferrer'],
      ['noopener', 'noreferrer'],
      ['noopener', 'noreferrer'],
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("marks the site's words with their language when it is not the article's", () => {
    const body = () =>
      h(null, [
        h('p', [
          'Text',
          h('sup', { className: ['citation'] }, [h('a', { href: '#source-x' }, '1')]),
          h('a', { href: '#elsewhere' }, 'a link of the article'),
        ]),
        h('h2', { id: 'footnote-label', className: ['footnotes-title'] }, 'Notes'),
        h('a', { href: '#fnref-1', dataFootnoteBackref: '' }, '↩'),
      ]);
    const marked = body();
    finish(marked, { lang: 'en', dir: 'ltr' });
    const [paragraph, heading, backref] = marked.children as Element[];
    const [, sup, link] = paragraph?.children as Element[];
    expect((sup?.children[0] as Element).properties).toMatchObject({ lang: 'en' });
    expect((sup?.children[0] as Element).properties.dir).toBeUndefined();
    expect(link?.properties.lang).toBeUndefined();
    expect(heading?.properties).toMatchObject({ lang: 'en', dir: 'ltr' });
    expect(backref?.properties).toMatchObject({ lang: 'en' });

    const unmarked = body();
    finish(unmarked);
    expect(JSON.stringify(unmarked)).not.toContain('"lang"');
  });

  it('records the headings with their final ids, in order', () => {
    const tree = h(null, [h('h2', 'Key dates'), h('h3', 'After the summit')]);
    const file = finish(tree);
    expect(file.data.headings).toEqual([
      { depth: 2, slug: 'key-dates-1', text: 'Key dates' },
      { depth: 3, slug: 'after-the-summit', text: 'After the summit' },
    ]);
  });
});
