import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  beginReuse,
  currentPlan,
  endReuse,
  pageOfRoute,
  propsDigest,
  reusable,
} from '../../src/site/page-reuse.ts';
import { siteArticle, type SiteArticle } from '../../src/site/model.ts';

describe('pageOfRoute', () => {
  it('names the file Astro writes for a route and its params', () => {
    expect(pageOfRoute('/articles/[slug]', { slug: 'rome-summit' })).toEqual({
      file: 'articles/rome-summit/index.html',
      pathname: 'articles/rome-summit/',
    });
    expect(pageOfRoute('/timeline/[...path]', { path: 'nato/2026/06' })?.file).toBe(
      'timeline/nato/2026/06/index.html',
    );
    expect(pageOfRoute('/topics/[topic]/[...page]', { topic: 'nato', page: 2 })?.pathname).toBe(
      'topics/nato/2/',
    );
  });

  it('drops a rest parameter that is undefined, as the first page of a pagination', () => {
    expect(pageOfRoute('/[...page]', { page: undefined })).toEqual({
      file: 'index.html',
      pathname: '',
    });
    expect(pageOfRoute('/timeline/[...path]', { path: undefined })?.file).toBe(
      'timeline/index.html',
    );
  });

  it('gives no page for addresses Astro would encode or that climb out of the site', () => {
    expect(pageOfRoute('/articles/[slug]', { slug: 'perché' })).toBeUndefined();
    expect(pageOfRoute('/timeline/[...path]', { path: '../etc' })).toBeUndefined();
  });
});

describe('propsDigest', () => {
  const article = (digest: string, title = 'A title') =>
    siteArticle({
      slug: 'a',
      digest,
      data: { title } as SiteArticle['data'],
      body: () => ({ html: '<p>long body</p>', dir: 'ltr', headings: [], sources: [] }),
    });

  it('does not depend on the order of the props', () => {
    expect(propsDigest({ a: 1, b: [2, 3] })).toBe(propsDigest({ b: [2, 3], a: 1 }));
  });

  it('changes with any value inside the props', () => {
    expect(propsDigest({ page: { current: undefined } })).not.toBe(
      propsDigest({ page: { current: 2 } }),
    );
    expect(propsDigest({ entries: [{ title: 'a' }] })).not.toBe(
      propsDigest({ entries: [{ title: 'b' }] }),
    );
  });

  it('digests equal entries alike whether or not two pages share the very objects', () => {
    const entries = [
      { id: 'e1', articles: [{ slug: 'a' }] },
      { id: 'e2', articles: [] },
    ];
    const copies = entries.map((entry) => ({ ...entry }));
    expect(propsDigest({ entries: copies })).toBe(propsDigest({ entries }));
    expect(propsDigest({ entries: entries.slice(0, 1) })).not.toBe(propsDigest({ entries }));
    expect(propsDigest({ entries: [entries] })).not.toBe(propsDigest({ entries }));
  });

  it('tells apart arrays whose JSON would be the same', () => {
    expect(propsDigest({ list: [undefined] })).not.toBe(propsDigest({ list: [null] }));
    expect(propsDigest({ list: ['a,b'] })).not.toBe(propsDigest({ list: ['a', 'b'] }));
    expect(propsDigest({ list: [] })).not.toBe(propsDigest({ list: {} }));
  });

  it('refuses a Map or Set, whose contents JSON would not show', () => {
    expect(() => propsDigest({ hrefs: new Map([['x', '/timeline/#x']]) })).toThrow(/plain data/);
    expect(() => propsDigest({ tags: new Set(['a']) })).toThrow(/plain data/);
  });

  it('stands an article for its digest, which covers its file and rendering', () => {
    expect(propsDigest({ article: article('d1') })).toBe(
      propsDigest({ article: article('d1', 'Another title') }),
    );
    expect(propsDigest({ article: article('d1') })).not.toBe(
      propsDigest({ article: article('d2') }),
    );
    expect(propsDigest({ page: { data: [article('d1')] } })).not.toBe(
      propsDigest({ page: { data: [article('d2')] } }),
    );
  });
});

describe('reusable', () => {
  let dir: string;
  const site = () => path.join(dir, 'dist');
  const cacheDir = () => path.join(dir, 'cache');
  const paths = (title: string) => [
    { params: { slug: 'one' }, props: { title: 'One' } },
    { params: { slug: 'two' }, props: { title } },
  ];

  /** Writes the pages a build of `paths` would have written, then records them. */
  async function finishBuild(plan: Awaited<ReturnType<typeof beginReuse>>): Promise<void> {
    for (const file of plan.keys.keys()) {
      await mkdir(path.dirname(path.join(site(), file)), { recursive: true });
      await writeFile(path.join(site(), file), `<p>${file}</p>`);
    }
    await endReuse(plan, { siteDir: site(), cacheDir: cacheDir() });
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-reuse-'));
  });

  afterEach(async () => {
    const plan = currentPlan();
    if (plan) await endReuse(plan, undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every path when no plan is open, as in dev and in bare Astro builds', () => {
    expect(currentPlan()).toBeUndefined();
    expect(reusable('/articles/[slug]', paths('Two'))).toHaveLength(2);
  });

  it('keeps every path the first time, and reuses those with the same props the next', async () => {
    const options = () => ({ base: 'code-1', previousDir: site(), cacheDir: cacheDir() });
    const first = await beginReuse(options());
    expect(reusable('/articles/[slug]', paths('Two'))).toHaveLength(2);
    await finishBuild(first);

    const second = await beginReuse(options());
    const kept = reusable('/articles/[slug]', paths('Two, edited'));
    expect(kept.map((entry) => entry.params.slug)).toEqual(['two']);
    expect(second.reused).toEqual([{ file: 'articles/one/index.html', pathname: 'articles/one/' }]);
    expect(second.keys.size).toBe(2);
  });

  it('reuses nothing when the code changed, or a page’s file was changed since', async () => {
    const first = await beginReuse({ base: 'code-1', previousDir: site(), cacheDir: cacheDir() });
    reusable('/articles/[slug]', paths('Two'));
    await finishBuild(first);

    await beginReuse({ base: 'code-2', previousDir: site(), cacheDir: cacheDir() });
    expect(reusable('/articles/[slug]', paths('Two'))).toHaveLength(2);

    await writeFile(path.join(site(), 'articles/one/index.html'), '<p>changed by hand</p>');
    await beginReuse({ base: 'code-1', previousDir: site(), cacheDir: cacheDir() });
    const kept = reusable('/articles/[slug]', paths('Two'));
    expect(kept.map((entry) => entry.params.slug)).toEqual(['one']);
  });
});
