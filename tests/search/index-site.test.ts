/**
 * The Pagefind integration on its own, over a few hand-written article files: what it indexes of
 * an article, in which language, and what it leaves in the bundle. No Astro build, no browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { recordPublished } from '../../src/loader/published.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pagefindIntegration, {
  indexArticles,
  shardOf,
  startIndexing,
  SHARDS_FILE,
  UNUSED_BUNDLE_FILES,
  type ArticleToIndex,
} from '../../src/integrations/pagefind.ts';
import { listFiles } from '../site/build-fixture.ts';
import {
  readEntry,
  readFragments,
  writeArticles,
  type ArticleText,
  type Fragment,
} from './helpers.ts';

const ARTICLES: Readonly<Record<string, ArticleText>> = {
  zebra: {
    title: 'Zebras',
    body: 'Zebrafish swim [@src] fast.[^1]\n\n## Stripes\n\nStripeword.\n\n[^1]: Footnoteword.',
    extra: `claims:
  - id: c1
    by: Claimantword
    text: "Claimword is true."
    status: disputed
    sources: [src]
faq:
  - q: "Questionword?"
    a: "Answerword."
open_questions:
  - "Openword remains?"
corrections: []
`,
  },
  gatto: {
    title: 'Gatti',
    lang: 'it',
    kind: 'explainer',
    topics: ['animali', 'casa'],
    body: 'I gatti dormono molto [@src].',
  },
};

let site: string | undefined;
let fragments: Fragment[] = [];
let indexed = 0;

function dir(): string {
  if (site === undefined) throw new Error('No site');
  return site;
}

beforeAll(async () => {
  site = await mkdtemp(path.join(os.tmpdir(), 'dossier-pagefind-'));
  ({ articles: indexed } = await indexArticles(await writeArticles(site, ARTICLES), site));
  fragments = await readFragments(site);
}, 60_000);

afterAll(async () => {
  if (site !== undefined) await rm(site, { recursive: true, force: true });
});

function fragmentOf(slug: string): Fragment {
  const found = fragments.find((fragment) => fragment.url === `/articles/${slug}/`);
  if (!found) throw new Error(`${slug} is not in the index`);
  return found;
}

describe('indexing the articles', () => {
  it('indexes every article given, at the address of its page', () => {
    expect(indexed).toBe(2);
    expect(fragments.map((fragment) => fragment.url).sort()).toEqual([
      '/articles/gatto/',
      '/articles/zebra/',
    ]);
  });

  it('puts each article in the index of its language', async () => {
    const entry = await readEntry(dir());
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'it']);
    expect(fragmentOf('gatto').language).toBe('it');
    expect(fragmentOf('zebra').language).toBe('en');
  });

  it('indexes the title, dek, body, footnotes, claims and questions, each word apart from the next', () => {
    const words = fragmentOf('zebra').content.split(/[\s.?]+/);
    for (const word of [
      'Zebras',
      'Dekword',
      'Zebrafish',
      'fast',
      'Stripes',
      'Stripeword',
      'Footnoteword',
      'Claimword',
      'Claimantword',
      'Questionword',
      'Answerword',
      'Openword',
    ])
      expect(words).toContain(word);
  });

  it('leaves out the byline, key dates, sources, interface words and citation markers', () => {
    const { content } = fragmentOf('zebra');
    for (const word of ['Bylineword', 'Keydateword', 'Sourceword', 'Notes', 'Disputed', 'Back to'])
      expect(content).not.toContain(word);
    expect(content).not.toMatch(/\d/);
  });

  it('gives each article its type of work and topics as filters, and its title, dates and language for the results', () => {
    expect(fragmentOf('gatto').filters).toEqual({
      kind: ['explainer'],
      topic: ['animali', 'casa'],
    });
    expect(fragmentOf('zebra').meta).toEqual({
      title: 'Zebras',
      date: '2026-06-24T10:00:00Z',
      published: '24 June 2026, 10:00 UTC',
      lang: 'en',
    });
  });

  it("writes the bundle into the site folder, without Pagefind's ready-made interfaces", async () => {
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
      expect((await indexArticles([], empty)).articles).toBe(0);
      expect((await readEntry(empty)).languages).toEqual({});
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

/** The threads of this process's Pagefind children, with their niceness (Linux /proc). */
function pagefindThreads(): [string, number][] {
  const threads: [string, number][] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const [, after] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ');
      const fields = (after ?? '').split(' ');
      if (
        Number(fields[1]) !== process.pid ||
        !readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('pagefind')
      )
        continue;
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8').split(') ')[1] ?? '';
        // Fields after the name: state is the first, niceness the seventeenth.
        threads.push([`${pid}/${task}`, Number(stat.split(' ')[16])]);
      }
    } catch {
      // The process ended while being read.
    }
  }
  return threads;
}

describe('indexing a large site in shards', () => {
  const WORDS = ['apricot', 'bramble', 'cobalt', 'damson', 'elder', 'fennel'];
  let large: string | undefined;
  let cache: string | undefined;
  let articles: ArticleToIndex[] = [];

  function article(word: string): ArticleText {
    return { title: word, body: `${word}word [@src].` };
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
    articles = await writeArticles(
      large,
      Object.fromEntries(WORDS.map((word) => [word, article(word)])),
    );
  });

  afterAll(async () => {
    for (const folder of [large, cache])
      if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  it('puts every article in exactly one shard, the shard its address picks, and lists the others', async () => {
    if (large === undefined) throw new Error('No site');
    const result = await indexArticles(articles, large, { articlesPerShard: 2 });
    expect(result).toMatchObject({ articles: 6, shards: 3, reused: 0 });
    const shards = await shardFragments(large);
    expect(shards.length).toBe(3);
    for (const [n, fragments] of shards.entries()) {
      for (const fragment of fragments) expect(shardOf(fragment.url, 3)).toBe(n);
    }
    expect(
      shards
        .flat()
        .map((fragment) => fragment.url)
        .sort(),
    ).toEqual(WORDS.map((word) => `/articles/${word}/`));
  });

  it.skipIf(process.platform !== 'linux')(
    'runs every thread of the Pagefind processes it starts at the lowest priority, so page rendering comes first',
    async () => {
      if (large === undefined) throw new Error('No site');
      const niceness = new Map<string, number>();
      const watch = setInterval(() => {
        for (const [thread, nice] of pagefindThreads()) niceness.set(thread, nice);
      }, 2);
      try {
        await indexArticles(articles, large, { articlesPerShard: 2 });
      } finally {
        clearInterval(watch);
      }
      expect(niceness.size).toBeGreaterThan(1);
      expect(new Set(niceness.values())).toEqual(new Set([19]));
    },
  );

  it.skipIf(process.platform !== 'linux')(
    'indexes each shard with a Pagefind process of its own, so memory does not pile up over shards, and leaves none running',
    async () => {
      if (large === undefined) throw new Error('No site');
      const processOf = (thread: string) => thread.split('/')[0] ?? '';
      // A process an earlier test started may still be exiting: only those started now count.
      const earlier = new Set(pagefindThreads().map(([thread]) => processOf(thread)));
      const processes = new Set<string>();
      const watch = setInterval(() => {
        for (const [thread] of pagefindThreads())
          if (!earlier.has(processOf(thread))) processes.add(processOf(thread));
      }, 2);
      try {
        const result = await indexArticles(articles, large, { articlesPerShard: 2 });
        expect(result.shards).toBe(3);
      } finally {
        clearInterval(watch);
      }
      expect(processes.size).toBe(3);
      expect(pagefindThreads().filter(([thread]) => !earlier.has(processOf(thread)))).toEqual([]);
    },
  );

  it('places the index the build started early only when the content loader published the same articles', async () => {
    if (large === undefined) throw new Error('No site');
    const site = large;
    const build = async (
      early: readonly ArticleToIndex[],
      published: readonly ArticleToIndex[],
    ) => {
      const out = path.join(site, 'out');
      await rm(out, { recursive: true, force: true });
      const hooks = pagefindIntegration().hooks as Record<string, (options: unknown) => unknown>;
      await hooks['astro:config:done']?.({
        config: { root: pathToFileURL(`${site}/`), outDir: pathToFileURL(`${out}/`) },
      });
      startIndexing(site, early);
      recordPublished(site, published);
      await hooks['astro:build:start']?.({});
      await hooks['astro:build:done']?.({
        dir: pathToFileURL(`${out}/`),
        logger: { info: () => undefined },
      });
      return (await readFragments(out)).length + (await shardFragments(out)).slice(1).flat().length;
    };
    expect(await build(articles, articles)).toBe(articles.length);
    // The build's check and the loader disagreeing (a file changed in between): the loader wins.
    expect(await build(articles.slice(1), articles)).toBe(articles.length);
    expect(await build(articles, articles.slice(1))).toBe(articles.length - 1);
  });

  it('reuses unchanged shards from the cache and indexes again only the shard of an edited article', async () => {
    if (large === undefined || cache === undefined) throw new Error('No site');
    const first = await indexArticles(articles, large, { articlesPerShard: 2, cacheDir: cache });
    expect(first.reused).toBe(0);
    const before = await shardFragments(large);

    await rm(path.join(large, 'pagefind'), { recursive: true });
    const again = await indexArticles(articles, large, { articlesPerShard: 2, cacheDir: cache });
    expect(again.reused).toBe(3);
    expect(await shardFragments(large)).toEqual(before);

    const edits = await writeArticles(large, { cobalt: article('cobaltblue') });
    await rm(path.join(large, 'pagefind'), { recursive: true });
    const edited = await indexArticles(
      articles.map((entry) => edits.find((edit) => edit.slug === entry.slug) ?? entry),
      large,
      { articlesPerShard: 2, cacheDir: cache },
    );
    expect(edited.reused).toBe(2);
    const contents = (await shardFragments(large)).flat().map((fragment) => fragment.content);
    expect(contents.some((content) => content.includes('cobaltblueword'))).toBe(true);
    expect(contents.some((content) => content.includes('cobaltword'))).toBe(false);
  });
});
