/**
 * An Astro integration that indexes the site's published articles with Pagefind into
 * `<outDir>/pagefind/`. Each article is indexed from its checked and rendered form (the document
 * src/search/document.ts makes), not from its built page, so the index is made while Astro starts
 * and renders the pages, by low-priority Pagefind processes that take the CPU Astro leaves, and
 * placed once every page is written (`astro:build:done`). Each article goes into the index of its
 * language, so an Italian article is stemmed as Italian. Drafts are never published by the loader, so they are never indexed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  copyFile,
  link,
  mkdir,
  readdir,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { codeKey, DEFAULT_CACHE_DIR } from '../checker/cache.ts';
import { publishedArticles, type PublishedArticle } from '../loader/published.ts';
import { articleUrl, EXCLUDED_SELECTORS, searchDocument } from '../search/document.ts';
import { loadPrepared } from '../site/prepare.ts';
import type { ShardDone, ShardJob } from './pagefind-worker.ts';
import { stabiliseBundle } from './pagefind-stable.ts';

/** Where the bundle goes inside the built site, and the URL it is served from. */
export const PAGEFIND_DIR = 'pagefind';

/**
 * Pagefind's ready-made interfaces, written into every bundle. The search page uses the plain API
 * (`pagefind.js`, its worker and WebAssembly) with its own script, so these are never loaded and are
 * removed rather than published.
 */
export const UNUSED_BUNDLE_FILES: readonly string[] = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/**
 * Articles per search shard: few enough that re-indexing one after an edit is quick, while a
 * 10,000-article site is still 20 shards for the search page to merge.
 */
export const ARTICLES_PER_SHARD = 500;

/** Where shards other than the first go inside the bundle, and the file that lists them. */
export const SHARDS_DIR = 'shards';
export const SHARDS_FILE = 'shards.json';

/** A published article to index, as the content loader listed it. */
export type ArticleToIndex = PublishedArticle;

export interface IndexOptions {
  /**
   * Where shards' bundles are kept between builds, by a digest of their articles: a shard whose
   * articles are all unchanged is copied, not indexed again. No folder: every shard is indexed.
   */
  readonly cacheDir?: string;
  readonly articlesPerShard?: number;
}

export interface IndexResult {
  readonly articles: number;
  readonly outputPath: string;
  readonly shards: number;
  /** Shards taken from the cache. */
  readonly reused: number;
}

function fail(step: string, errors: readonly string[]): never {
  throw new Error(`Pagefind could not ${step}:\n${errors.join('\n')}`);
}

/** The shard an article belongs to: by its address, so it stays in its shard while the count holds. */
export function shardOf(url: string, shards: number): number {
  return createHash('sha1').update(url).digest().readUInt32BE(0) % shards;
}

function sha1(data: string): string {
  return createHash('sha1').update(data).digest('base64url');
}

/** Documents sent to Pagefind before the first is answered: enough to keep it busy. */
const DOCUMENTS_IN_FLIGHT = 8;

/**
 * Indexes the articles (in this order, which decides the bundle's bytes) into a Pagefind bundle at
 * `outputPath`. Each is read and its document made as it is sent: making a whole shard's first kept
 * every document alive until the last was answered.
 */
export async function indexShard(
  articles: readonly ArticleToIndex[],
  outputPath: string,
): Promise<void> {
  const created = await pagefind.createIndex({
    excludeSelectors: [...EXCLUDED_SELECTORS],
    writePlayground: false,
  });
  const { index } = created;
  if (!index || created.errors.length > 0) fail('start', created.errors);
  try {
    const added: { errors: string[] }[] = [];
    const failures: unknown[] = [];
    const inFlight = new Set<Promise<void>>();
    for (const { slug, ref } of articles) {
      const content = searchDocument(loadPrepared(ref));
      const request: Promise<void> = index
        .addHTMLFile({ url: articleUrl(slug), content })
        .then(
          (result) => {
            added.push(result);
          },
          (error: unknown) => {
            failures.push(error);
          },
        )
        .finally(() => {
          inFlight.delete(request);
        });
      inFlight.add(request);
      if (inFlight.size >= DOCUMENTS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failures.length > 0) throw failures[0];
    const errors = added.flatMap((result) => result.errors);
    if (errors.length > 0) fail('index the articles', errors);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) fail('write its bundle', written.errors);
  } finally {
    // Frees the index in the Pagefind process before the next shard is indexed.
    await index.deleteIndex();
  }
  await Promise.all(
    UNUSED_BUNDLE_FILES.map((file) => rm(path.join(outputPath, file), { force: true })),
  );
  // The same articles must give the same bytes: Pagefind writes its filters in random order.
  await stabiliseBundle(outputPath);
}

/** The shard's bundle from the cache, indexing it there first (with `index`) when it is not yet. */
async function cachedBundle(
  cacheDir: string,
  key: string,
  index: (outputPath: string) => Promise<void>,
): Promise<{ dir: string; reused: boolean }> {
  const dir = path.join(cacheDir, key);
  if (existsSync(dir)) return { dir, reused: true };
  const temporary = `${dir}.${String(process.pid)}.tmp`;
  await rm(temporary, { recursive: true, force: true });
  await index(temporary);
  // Another build may have written the same shard meanwhile; either copy is the same.
  await rename(temporary, dir).catch(() => rm(temporary, { recursive: true, force: true }));
  return { dir, reused: false };
}

/**
 * The young generation of each indexing thread. V8 lets a thread's grow to 64 MB, which these,
 * reading one article at a time, never need: they run while Astro holds the most memory, and the
 * build's peak is the sum of both (docs/decisions.md, "Memory").
 */
const INDEXING_THREAD_YOUNG_MB = 16;

/**
 * Indexes shards in worker threads, each running one Pagefind process at a time (see
 * ./pagefind-worker.ts). A thread is started when a shard needs indexing and no thread is free: as
 * many threads as shards are indexed at once. A single shard, or a module loaded from a bundle
 * without its worker file beside it, is indexed on this thread.
 */
class ShardIndexer {
  readonly #idle: Worker[] = [];
  readonly #all: Worker[] = [];
  readonly #shards: number;

  constructor(shards: number) {
    this.#shards = shards;
  }

  async index(articles: readonly ArticleToIndex[], outputPath: string): Promise<void> {
    const script = new URL('./pagefind-worker.ts', import.meta.url);
    if (script.protocol !== 'file:' || !existsSync(script) || this.#shards < 2) {
      await indexShard(articles, outputPath);
      return;
    }
    const worker = this.#idle.pop() ?? this.#start(script);
    try {
      const done = await new Promise<ShardDone>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        const job: ShardJob = { articles, outputPath };
        worker.postMessage(job);
      });
      if (!done.ok) throw new Error(done.error);
    } finally {
      worker.removeAllListeners('error');
      this.#idle.push(worker);
    }
  }

  #start(script: URL): Worker {
    const worker = new Worker(script, {
      resourceLimits: { maxYoungGenerationSizeMb: INDEXING_THREAD_YOUNG_MB },
    });
    this.#all.push(worker);
    return worker;
  }

  /** Stops the workers' Pagefind processes and the workers. */
  async close(): Promise<void> {
    await Promise.all(
      this.#all.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => {
              resolve();
            });
            const job: ShardJob = { close: true };
            worker.postMessage(job);
          }),
      ),
    );
  }
}

/**
 * Puts a cached bundle into the site as hard links: copying the ten thousand files of ten shards
 * took seconds of every build, linking them a fraction. Nothing writes to a bundle once it is in
 * the cache or the site (the swap into dist/ moves folders, it does not rewrite files), so the two
 * names never disagree. Where links are impossible (the cache on another file system), it copies.
 */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) {
        await linkTree(source, target);
        return;
      }
      await link(source, target).catch(() => copyFile(source, target));
    }),
  );
}

/** The shards' bundles, indexed or taken from the cache, not yet in the site. */
interface PreparedIndex {
  readonly articles: number;
  readonly bundles: readonly {
    readonly dir: string;
    readonly reused: boolean;
    readonly key?: string;
  }[];
}

/** The order articles go into the index, which decides its bytes: by slug. */
function bySlug(a: ArticleToIndex, b: ArticleToIndex): number {
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/**
 * Indexes the articles in shards, or finds their bundles in the cache. Shards with no cache folder
 * are written into `scratchDir`.
 */
async function prepareIndex(
  articles: readonly ArticleToIndex[],
  scratchDir: string,
  options: IndexOptions = {},
): Promise<PreparedIndex> {
  const count = Math.max(
    1,
    Math.ceil(articles.length / (options.articlesPerShard ?? ARTICLES_PER_SHARD)),
  );
  const shards = Array.from({ length: count }, (): ArticleToIndex[] => []);
  for (const article of [...articles].sort(bySlug))
    shards[shardOf(articleUrl(article.slug), count)]?.push(article);

  // This code, the document's and the locked dependencies (Pagefind's among them) decide a bundle
  // too; an article's digest covers its file and the code that checked and rendered it.
  const code = options.cacheDir === undefined ? '' : await codeKey(['integrations', 'search']);
  const indexer = new ShardIndexer(count);
  const bundle = async (n: number): Promise<{ dir: string; reused: boolean; key?: string }> => {
    const shard = shards[n] ?? [];
    const index = (outputPath: string) => indexer.index(shard, outputPath);
    if (options.cacheDir === undefined) {
      const dir = path.join(scratchDir, `.pagefind-shard-${String(n)}.tmp`);
      await index(dir);
      return { dir, reused: false };
    }
    const key = sha1(
      [code, ...shard.map(({ slug, digest }) => `${slug}\u0000${digest}`)].join('\n'),
    );
    return { ...(await cachedBundle(options.cacheDir, key, index)), key };
  };

  // Shards are indexed side by side, one Pagefind process per core.
  const bundles: Awaited<ReturnType<typeof bundle>>[] = [];
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(count, availableParallelism()) }, async () => {
        for (let n = next++; n < count; n = next++) bundles[n] = await bundle(n);
      }),
    );
  } finally {
    await indexer.close();
    // Stops this thread's Pagefind process, if it started one, so the build process can exit.
    await pagefind.close();
  }
  return { articles: articles.length, bundles };
}

/**
 * Indexes the articles into `<siteDir>/pagefind/`. Large sites are indexed in shards of about
 * `articlesPerShard` articles: the first is the bundle itself, the others go in
 * `pagefind/shards/<n>/`, listed in `pagefind/shards.json` for the search page to merge
 * (public/search.js). Shards keep Pagefind's memory bounded, and with a cache folder an edit
 * re-indexes only its shard.
 */
export async function indexArticles(
  articles: readonly ArticleToIndex[],
  siteDir: string,
  options: IndexOptions = {},
): Promise<IndexResult> {
  return placeIndex(siteDir, await prepareIndex(articles, siteDir, options), options);
}

/** Puts the prepared shards into `<siteDir>/pagefind/`, with the list the search page reads. */
async function placeIndex(
  siteDir: string,
  prepared: PreparedIndex,
  options: IndexOptions = {},
): Promise<IndexResult> {
  const outputPath = path.join(siteDir, PAGEFIND_DIR);
  const { bundles } = prepared;
  // The first shard is the bundle's folder itself, so it goes in before the others go inside it.
  await rm(outputPath, { recursive: true, force: true });
  for (const [n, { dir, key }] of bundles.entries()) {
    const target = n === 0 ? outputPath : path.join(outputPath, SHARDS_DIR, String(n));
    await mkdir(path.dirname(target), { recursive: true });
    if (key === undefined) await rename(dir, target);
    else await linkTree(dir, target);
  }
  const others = bundles.slice(1).map((_, i) => `${SHARDS_DIR}/${String(i + 1)}/`);
  await writeFile(path.join(outputPath, SHARDS_FILE), `${JSON.stringify({ shards: others })}\n`);
  if (options.cacheDir !== undefined)
    await pruneCache(
      options.cacheDir,
      new Set(bundles.flatMap(({ key }) => (key === undefined ? [] : [key]))),
    );
  const reused = bundles.filter((shard) => shard.reused).length;
  return { articles: prepared.articles, outputPath, shards: bundles.length, reused };
}

/**
 * How long a shard no build has used is kept: long enough for builds running side by side (tests,
 * a developer's and CI's) never to remove one another's, short enough that the cache does not grow
 * with every edit.
 */
const UNUSED_SHARD_TTL_MS = 60 * 60 * 1000;

async function pruneCache(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  const now = new Date();
  const entries = await readdir(cacheDir).catch(() => []);
  await Promise.all(
    entries.map(async (entry) => {
      const dir = path.join(cacheDir, entry);
      if (used.has(entry)) {
        await utimes(dir, now, now);
        return;
      }
      const modified = await stat(dir).then(
        (info) => info.mtimeMs,
        () => now.getTime(),
      );
      if (now.getTime() - modified > UNUSED_SHARD_TTL_MS)
        await rm(dir, { recursive: true, force: true });
    }),
  );
}

/**
 * An index started before Astro's build, by `npm run build` once its check is done (see
 * startIndexing): Astro's start, content sync and bundling leave a core idle for seconds, which the
 * index can use. Shared through the process's global object, since Astro loads this integration
 * as a module of its own.
 */
const STARTED = Symbol.for('dossier.search-index');
const started = globalThis as {
  [STARTED]?:
    | {
        readonly root: string;
        readonly articles: readonly ArticleToIndex[];
        readonly index: Promise<PreparedIndex>;
      }
    | undefined;
};

function indexCacheDir(root: string): string {
  return path.join(root, DEFAULT_CACHE_DIR, 'pagefind');
}

/**
 * Starts indexing these articles of the site at `root` (what the check found publishable), for the
 * integration to place when the site is built. The integration uses it only if the content loader
 * publishes exactly these articles; otherwise it indexes what the loader published.
 */
export function startIndexing(root: string, articles: readonly ArticleToIndex[]): void {
  const index = prepareIndex(articles, root, { cacheDir: indexCacheDir(root) });
  // Awaited when the build is done; should the build fail first, it must not crash.
  index.catch(() => undefined);
  started[STARTED] = { root: path.resolve(root), articles, index };
}

function sameArticles(a: readonly ArticleToIndex[], b: readonly ArticleToIndex[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (article, i) =>
        article.slug === b[i]?.slug &&
        article.digest === b[i].digest &&
        isDeepStrictEqual(article.ref, b[i].ref),
    )
  );
}

/**
 * The index for these articles of `root`: the one startIndexing began, if it was for the same
 * articles, else a new one, started once the other is done (both may use this thread's Pagefind
 * process, which the first to finish closes).
 */
function indexFor(
  root: string,
  articles: readonly ArticleToIndex[],
  start: () => Promise<PreparedIndex>,
): Promise<PreparedIndex> {
  const early = started[STARTED];
  started[STARTED] = undefined;
  if (early?.root !== path.resolve(root)) return start();
  if (sameArticles(early.articles, articles)) return early.index;
  return early.index.then(start, start);
}

export default function pagefindIntegration(): AstroIntegration {
  let root = process.cwd();
  let outDir = '';
  /** The index, prepared while Astro renders the pages. */
  let prepared: Promise<PreparedIndex> | undefined;
  const options = (): IndexOptions => ({ cacheDir: indexCacheDir(root) });
  return {
    name: 'dossier:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        outDir = fileURLToPath(config.outDir);
      },
      // The articles are checked, rendered and listed by the content loader before Astro renders a
      // page: the index is made from them meanwhile (or was started by `npm run build` as soon as
      // its check was done), by Pagefind processes that yield the cores to the rendering whenever
      // it wants them (./pagefind-worker.ts).
      'astro:build:start': () => {
        const articles = publishedArticles(root);
        prepared =
          articles && indexFor(root, articles, () => prepareIndex(articles, outDir, options()));
        // Awaited when the build is done; should the build fail first, it must not crash.
        prepared?.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!prepared)
          throw new Error(
            'The search index has no articles to index: the articles loader (src/loader/) did not run in this build.',
          );
        const started = performance.now();
        const siteDir = fileURLToPath(dir);
        const { articles, shards, reused } = await placeIndex(siteDir, await prepared, options());
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const notes = [
          `started with the pages, ${seconds} s more after them`,
          ...(reused > 0 ? [`${String(reused)} of ${String(shards)} shards unchanged`] : []),
        ];
        logger.info(
          `Indexed ${String(articles)} article${articles === 1 ? '' : 's'} for search (${notes.join('; ')}).`,
        );
      },
    },
  };
}
