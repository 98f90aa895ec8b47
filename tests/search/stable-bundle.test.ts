/**
 * The search bundle is the same, byte for byte, every time the same pages are indexed, although
 * Pagefind 1.5 writes its filters in random order (src/integrations/pagefind-stable.ts), and the
 * rewriting that makes it so changes nothing that the search reads.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor, type CborValue } from '../../src/integrations/cbor.ts';
import { indexArticles, type ArticleToIndex } from '../../src/integrations/pagefind.ts';
import { stabiliseBundle } from '../../src/integrations/pagefind-stable.ts';
import { listFiles } from '../site/build-fixture.ts';
import { writeArticles, type ArticleText } from './helpers.ts';

const TOPICS = ['nato', 'iran', 'italy', 'united-states', 'trade', 'energy', 'defence', 'china'];

/** Articles in two languages, each with a kind and several topics: many filter values to order. */
const PAGES = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => {
    const lang = i % 3 === 0 ? 'it' : 'en';
    const topics = TOPICS.filter((_, t) => (i + t) % 3 !== 0)
      .map((topic) => `<span data-pagefind-filter="topic">${topic}</span>`)
      .join('');
    return [
      `articles/article-${String(i)}/index.html`,
      `<!doctype html><html lang="${lang}"><head><title>t</title></head><body>
<article data-pagefind-body data-pagefind-meta="date:2026-06-${String(10 + i)}">
<h1 data-pagefind-meta="title">Article ${String(i)}</h1>
<p data-pagefind-filter="kind">${['news', 'analysis', 'brief', 'opinion'][i % 4] ?? 'news'}</p>
<div data-pagefind-ignore>${topics}</div>
<p>Words of article ${String(i)} about ${TOPICS.slice(0, i % 5).join(' and ')}.</p>
</article></body></html>`,
    ];
  }),
);

/** The same articles as files, with the same kinds, topics and languages. */
const ARTICLES: Readonly<Record<string, ArticleText>> = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [
    `article-${String(i)}`,
    {
      title: `Article ${String(i)}`,
      lang: i % 3 === 0 ? 'it' : 'en',
      kind: ['news', 'analysis', 'brief', 'opinion'][i % 4] ?? 'news',
      topics: TOPICS.filter((_, t) => (i + t) % 3 !== 0),
      body: `Words of article ${String(i)} about ${TOPICS.slice(0, i % 5).join(' and ')} [@src].`,
    },
  ]),
);

let root: string | undefined;
let articles: ArticleToIndex[] = [];

function dir(name: string): string {
  if (root === undefined) throw new Error('No temporary folder');
  return path.join(root, name);
}

async function writeSite(site: string): Promise<void> {
  for (const [file, html] of Object.entries(PAGES)) {
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), html);
  }
}

async function bundleBytes(bundle: string): Promise<Map<string, string>> {
  const files = await listFiles(bundle);
  return new Map(
    await Promise.all(
      files.map(
        async (file) =>
          [file, (await readFile(path.join(bundle, file))).toString('base64')] as const,
      ),
    ),
  );
}

/** A bundle written by Pagefind itself, as it comes. */
async function rawBundle(site: string, outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error('Pagefind did not start');
  await index.addDirectory({ path: site, glob: 'articles/*/index.html' });
  await index.writeFiles({ outputPath });
  await pagefind.close();
}

function readIndexFile(bytes: Buffer): CborValue {
  return decodeCbor(gunzipSync(bytes).subarray('pagefind_dcd'.length));
}

/** What a bundle means, whatever its order and file names: each filter's pages per value. */
async function filtersOf(bundle: string): Promise<Record<string, number[]>> {
  const entry = JSON.parse(await readFile(path.join(bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  const result: Record<string, number[]> = {};
  for (const [language, { hash }] of Object.entries(entry.languages)) {
    const meta = readIndexFile(await readFile(path.join(bundle, `pagefind.${hash}.pf_meta`)));
    const filters = (meta as CborValue[])[3] as [string, string][];
    for (const [name, file] of filters) {
      const [, values] = readIndexFile(
        await readFile(path.join(bundle, 'filter', `${file}.pf_filter`)),
      ) as [string, [string, number[]][]];
      for (const [value, pages] of values) result[`${language} ${name} ${value}`] = pages;
    }
  }
  return result;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dossier-stable-bundle-'));
  await writeSite(dir('site'));
  await mkdir(dir('articles'));
  articles = await writeArticles(dir('articles'), ARTICLES);
}, 60_000);

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe('the search bundle', () => {
  it('is byte-identical however many times the same articles are indexed', async () => {
    const bundles: Map<string, string>[] = [];
    for (const run of ['a', 'b', 'c']) {
      await mkdir(dir(run));
      await indexArticles(articles, dir(run));
      bundles.push(await bundleBytes(path.join(dir(run), 'pagefind')));
    }
    const [first, ...others] = bundles;
    expect([...(first?.keys() ?? [])].some((file) => file.startsWith('filter/'))).toBe(true);
    for (const other of others) expect(other).toEqual(first);
  });

  it('holds the same filters, values and pages as the bundle Pagefind wrote', async () => {
    await rawBundle(dir('site'), dir('raw'));
    const before = await filtersOf(dir('raw'));
    await cp(dir('raw'), dir('stable'), { recursive: true });
    await stabiliseBundle(dir('stable'));
    expect(await filtersOf(dir('stable'))).toEqual(before);
    expect(Object.keys(before).length).toBeGreaterThan(TOPICS.length);
    // Only the filter files, the meta files and the entry change; fragments and words do not.
    const [raw, stable] = [await bundleBytes(dir('raw')), await bundleBytes(dir('stable'))];
    const changed = [...new Set([...raw.keys(), ...stable.keys()])].filter(
      (file) => raw.get(file) !== stable.get(file),
    );
    expect(changed.length).toBeGreaterThan(0);
    for (const file of changed) {
      expect(file).toMatch(
        /^(?:filter\/.+\.pf_filter|pagefind\..+\.pf_meta|pagefind-entry\.json)$/,
      );
    }
  });

  it('rewrites Pagefind index files exactly as Pagefind encodes them', async () => {
    const folders = ['index', 'filter'];
    const files = [
      ...(await readdir(dir('raw'))).filter((file) => file.endsWith('.pf_meta')),
      ...(
        await Promise.all(
          folders.map(async (folder) =>
            (await readdir(path.join(dir('raw'), folder))).map((file) => `${folder}/${file}`),
          ),
        )
      ).flat(),
    ];
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      const cbor = gunzipSync(await readFile(path.join(dir('raw'), file))).subarray(
        'pagefind_dcd'.length,
      );
      expect(Buffer.from(encodeCbor(decodeCbor(cbor))).equals(cbor), file).toBe(true);
    }
  });
});
