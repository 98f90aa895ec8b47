/**
 * The Pagefind integration on its own, over a small hand-written site: what it indexes, in which
 * language, and what it leaves in the bundle. No Astro build, no browser.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  indexSite,
  shardOf,
  SHARDS_FILE,
  UNUSED_BUNDLE_FILES,
} from '../../src/integrations/pagefind.ts';
import { listFiles } from '../site/build-fixture.ts';
import { readEntry, readFragments, type Fragment } from './helpers.ts';

function page(lang: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><title>t</title></head><body>
<header><nav><a href="/">Navigationword</a></nav></header>
<main>${body}</main>
<footer>Footerword</footer></body></html>`;
}

const SITE: Readonly<Record<string, string>> = {
  'index.html': page('en', '<h1>Home</h1><p>Homeword</p>'),
  '404.html': page('en', '<h1>Missing</h1>'),
  // Marked for indexing, but not an article page: the integration indexes article pages only.
  'search/index.html': page('en', '<div data-pagefind-body><h1>Search</h1><p>Searchword</p></div>'),
  'articles/zebra/index.html': page(
    'en',
    `<article data-pagefind-body data-pagefind-meta="date:2026-06-24">
      <h1 data-pagefind-meta="title">Zebras</h1>
      <p data-pagefind-ignore data-pagefind-filter="kind:news">News</p>
      <p>Zebrafish swim <sup class="citation"><a href="#s-1">7</a></sup> fast.</p>
      <section data-pagefind-ignore><h2>Sources</h2><p>Sourceword</p></section>
    </article>`,
  ),
  'articles/gatto/index.html': page(
    'it',
    `<article data-pagefind-body><h1>Gatti</h1><p>I gatti dormono molto.</p></article>`,
  ),
};

let site: string | undefined;
let fragments: Fragment[] = [];
let pages = 0;

function dir(): string {
  if (site === undefined) throw new Error('No site');
  return site;
}

beforeAll(async () => {
  site = await mkdtemp(path.join(os.tmpdir(), 'dossier-pagefind-'));
  for (const [file, html] of Object.entries(SITE)) {
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), html);
  }
  ({ pages } = await indexSite(site));
  fragments = await readFragments(site);
}, 60_000);

afterAll(async () => {
  if (site !== undefined) await rm(site, { recursive: true, force: true });
});

describe('indexing a built site', () => {
  it('indexes the article pages only, even when another page is marked for indexing', () => {
    expect(pages).toBe(2);
    expect(fragments.map((fragment) => fragment.url).sort()).toEqual([
      '/articles/gatto/',
      '/articles/zebra/',
    ]);
  });

  it('puts each page in the index of its <html lang>', async () => {
    const entry = await readEntry(dir());
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'it']);
    expect(fragments.find((fragment) => fragment.url === '/articles/gatto/')?.language).toBe('it');
  });

  it('indexes the marked body without the chrome, ignored parts or citation markers', () => {
    const zebra = fragments.find((fragment) => fragment.url === '/articles/zebra/');
    expect(zebra?.content).toBe('Zebras. Zebrafish swim fast.');
    expect(zebra?.filters).toEqual({ kind: ['news'] });
    expect(zebra?.meta).toMatchObject({ title: 'Zebras', date: '2026-06-24' });
  });

  it("writes the bundle into the site it indexed, without Pagefind's ready-made interfaces", async () => {
    const files = await listFiles(dir());
    expect(files).toEqual(
      expect.arrayContaining([
        'pagefind/pagefind-entry.json',
        'pagefind/pagefind.js',
        'pagefind/pagefind-worker.js',
      ]),
    );
    for (const file of UNUSED_BUNDLE_FILES) expect(files).not.toContain(`pagefind/${file}`);
  });

  it('writes an empty but valid bundle for a site with no articles yet', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'dossier-pagefind-empty-'));
    try {
      await writeFile(path.join(empty, 'index.html'), page('en', '<h1>Home</h1>'));
      expect((await indexSite(empty)).pages).toBe(0);
      expect((await readEntry(empty)).languages).toEqual({});
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('indexing a large site in shards', () => {
  const WORDS = ['apricot', 'bramble', 'cobalt', 'damson', 'elder', 'fennel'];
  let large: string | undefined;
  let cache: string | undefined;

  function article(word: string): string {
    return page('en', `<article data-pagefind-body><h1>${word}</h1><p>${word}word</p></article>`);
  }

  async function shardFragments(root: string): Promise<Fragment[][]> {
    const { shards } = JSON.parse(
      await readFile(path.join(root, 'pagefind', SHARDS_FILE), 'utf8'),
    ) as { shards: string[] };
    return Promise.all(
      ['', ...shards].map((shard) => readFragments(root, path.join('pagefind', shard))),
    );
  }

  beforeAll(async () => {
    large = await mkdtemp(path.join(os.tmpdir(), 'dossier-pagefind-shards-'));
    cache = await mkdtemp(path.join(os.tmpdir(), 'dossier-pagefind-cache-'));
    for (const word of WORDS) {
      await mkdir(path.join(large, 'articles', word), { recursive: true });
      await writeFile(path.join(large, 'articles', word, 'index.html'), article(word));
    }
  });

  afterAll(async () => {
    for (const folder of [large, cache])
      if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  it('puts every article in exactly one shard, the shard its address picks, and lists the others', async () => {
    if (large === undefined) throw new Error('No site');
    const result = await indexSite(large, { pagesPerShard: 2 });
    expect(result).toMatchObject({ pages: 6, shards: 3, reused: 0 });
    const shards = await shardFragments(large);
    expect(shards.length).toBe(3);
    for (const [n, fragments] of shards.entries()) {
      for (const fragment of fragments)
        expect(shardOf(`${fragment.url.slice(1)}index.html`, 3)).toBe(n);
    }
    expect(
      shards
        .flat()
        .map((fragment) => fragment.url)
        .sort(),
    ).toEqual(WORDS.map((word) => `/articles/${word}/`));
  });

  it('reuses unchanged shards from the cache and indexes again only the shard of an edited page', async () => {
    if (large === undefined || cache === undefined) throw new Error('No site');
    const first = await indexSite(large, { pagesPerShard: 2, cacheDir: cache });
    expect(first.reused).toBe(0);
    const before = await shardFragments(large);

    await rm(path.join(large, 'pagefind'), { recursive: true });
    const again = await indexSite(large, { pagesPerShard: 2, cacheDir: cache });
    expect(again.reused).toBe(3);
    expect(await shardFragments(large)).toEqual(before);

    await writeFile(path.join(large, 'articles/cobalt/index.html'), article('cobaltblue'));
    await rm(path.join(large, 'pagefind'), { recursive: true });
    const edited = await indexSite(large, { pagesPerShard: 2, cacheDir: cache });
    expect(edited.reused).toBe(2);
    const contents = (await shardFragments(large)).flat().map((fragment) => fragment.content);
    expect(contents.some((content) => content.includes('cobaltblueword'))).toBe(true);
    expect(contents.some((content) => content.includes('cobaltword'))).toBe(false);
  });
});
