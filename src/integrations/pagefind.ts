/**
 * An Astro integration that indexes the built site's article pages with Pagefind into
 * `<outDir>/pagefind/`: it starts as soon as the article pages are written, while Astro renders the
 * others, and places the bundle once every page is written (`astro:build:done`). It reads only the
 * output directory Astro hands it (and, for pages reused from the previous build, that build's
 * site), so it follows `npm run build` into its staging folder and the tests into theirs.
 *
 * What is searchable is decided by the pages' own attributes: only article pages are indexed, and on
 * them only the element marked `data-pagefind-body` (title, dek, body, claims, questions), minus
 * anything marked `data-pagefind-ignore`. Each page goes into the index of its `<html lang>`, so an
 * Italian article is stemmed as Italian. Drafts have no pages, so they are never indexed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  copyFile,
  link,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import * as pagefind from 'pagefind';
import { codeKey, DEFAULT_CACHE_DIR } from '../checker/cache.ts';
import { currentPlan } from '../site/page-reuse.ts';
import type { ShardDone, ShardJob } from './pagefind-worker.ts';
import { stabiliseBundle } from './pagefind-stable.ts';

/** Where the bundle goes inside the built site, and the URL it is served from. */
export const PAGEFIND_DIR = 'pagefind';

/** The article pages, relative to the output directory: nothing else is ever indexed. */
export const ARTICLE_GLOB = 'articles/*/index.html';

/**
 * Parts of the rendered Markdown that are apparatus rather than prose: citation markers and
 * footnote references (their numbers would match searches for digits), footnote back-links and the
 * footnotes heading (an interface word). The footnotes themselves are indexed.
 */
export const EXCLUDED_SELECTORS: readonly string[] = [
  'sup.citation',
  '[data-footnote-ref]',
  '[data-footnote-backref]',
  '.footnotes-title',
];

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
 * Article pages per search shard: few enough that re-indexing one after an edit is quick (about
 * 1.7 s for 500 pages here, 3.6 s for 1,000), while a 10,000-article site is still 20 shards for
 * the search page to merge.
 */
export const PAGES_PER_SHARD = 500;

/** Where shards other than the first go inside the bundle, and the file that lists them. */
export const SHARDS_DIR = 'shards';
export const SHARDS_FILE = 'shards.json';

export interface IndexOptions {
  /**
   * Where shards' bundles are kept between builds, by a digest of their pages: a shard whose pages
   * are all unchanged is copied, not indexed again. No folder: every shard is indexed.
   */
  readonly cacheDir?: string;
  readonly pagesPerShard?: number;
  /**
   * Keys that stand for pages' bytes, by page path (src/site/page-reuse.ts): a shard whose pages
   * all have one is looked up in the cache without reading them.
   */
  readonly pageKeys?: ReadonlyMap<string, string>;
}

export interface IndexResult {
  readonly pages: number;
  readonly outputPath: string;
  readonly shards: number;
  /** Shards taken from the cache. */
  readonly reused: number;
}

function fail(step: string, errors: readonly string[]): never {
  throw new Error(`Pagefind could not ${step}:\n${errors.join('\n')}`);
}

/** The order pages go into the index, which decides its bytes: by slug. */
function compareArticleFiles(a: string, b: string): number {
  const slugA = a.split('/')[1] ?? '';
  const slugB = b.split('/')[1] ?? '';
  return slugA < slugB ? -1 : slugA > slugB ? 1 : 0;
}

/** The article pages of a built site, as paths relative to it, sorted. */
async function articlePages(siteDir: string): Promise<string[]> {
  const slugs = await readdir(path.join(siteDir, 'articles')).catch(() => []);
  const pages = slugs.map((slug) => `articles/${slug}/index.html`).sort(compareArticleFiles);
  return pages.filter((page) => existsSync(path.join(siteDir, page)));
}

/** The shard a page belongs to: by its path, so a page stays in its shard while the count holds. */
export function shardOf(page: string, shards: number): number {
  return createHash('sha1').update(page).digest().readUInt32BE(0) % shards;
}

function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('base64url');
}

/** Pages sent to Pagefind before the first is answered: enough to keep it busy. */
const PAGES_IN_FLIGHT = 8;

/** A page to index: its path in the site (which gives its address) and where to read it now. */
export interface SitePage {
  readonly file: string;
  readonly from: string;
}

/**
 * Indexes the pages (in this order, which decides the bundle's bytes) into a Pagefind bundle at
 * `outputPath`. Pages are read as they are sent: sending a whole shard at once kept every page and
 * message alive until the last was answered, hundreds of megabytes a thread.
 */
export async function indexPages(pages: readonly SitePage[], outputPath: string): Promise<void> {
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
    for (const { file, from } of pages) {
      const html = await readFile(from, 'utf8');
      const request: Promise<void> = index
        .addHTMLFile({ url: `/${path.posix.dirname(file)}/`, content: html })
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
      if (inFlight.size >= PAGES_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failures.length > 0) throw failures[0];
    const errors = added.flatMap((result) => result.errors);
    if (errors.length > 0) fail('index the site', errors);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) fail('write its bundle', written.errors);
  } finally {
    // Frees the index in the Pagefind process before the next shard is indexed.
    await index.deleteIndex();
  }
  await Promise.all(
    UNUSED_BUNDLE_FILES.map((file) => rm(path.join(outputPath, file), { force: true })),
  );
  // The same pages must give the same bytes: Pagefind writes its filters in random order.
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
 * Indexes shards in up to `threads` worker threads, one Pagefind process each (see
 * ./pagefind-worker.ts), started when a shard needs indexing. A single shard, or a module loaded
 * from a bundle without its worker file beside it, is indexed on this thread.
 */
class ShardIndexer {
  readonly #idle: Worker[] = [];
  readonly #waiting: ((worker: Worker) => void)[] = [];
  readonly #all: Worker[] = [];
  readonly #shards: number;
  #threads: number;

  constructor(shards: number, threads: number) {
    this.#shards = shards;
    this.#threads = threads;
  }

  /** Allows more threads from now on. */
  widen(threads: number): void {
    this.#threads = Math.max(this.#threads, threads);
    const script = new URL('./pagefind-worker.ts', import.meta.url);
    while (this.#waiting.length > 0 && this.#all.length < this.#threads) {
      const worker = new Worker(script);
      this.#all.push(worker);
      this.#waiting.shift()?.(worker);
    }
  }

  async index(pages: readonly SitePage[], outputPath: string): Promise<void> {
    const script = new URL('./pagefind-worker.ts', import.meta.url);
    if (script.protocol !== 'file:' || !existsSync(script) || this.#shards < 2) {
      await indexPages(pages, outputPath);
      return;
    }
    const worker = await this.#take(script);
    try {
      const done = await new Promise<ShardDone>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        const job: ShardJob = { pages, outputPath };
        worker.postMessage(job);
      });
      if (!done.ok) throw new Error(done.error);
    } finally {
      worker.removeAllListeners('error');
      const next = this.#waiting.shift();
      if (next) next(worker);
      else this.#idle.push(worker);
    }
  }

  #take(script: URL): Promise<Worker> {
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#all.length < this.#threads) {
      const worker = new Worker(script);
      this.#all.push(worker);
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
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

/**
 * Indexes the built site in `siteDir` and writes the bundle into `<siteDir>/pagefind/`. Large sites
 * are indexed in shards of about `pagesPerShard` articles: the first is the bundle itself, the
 * others go in `pagefind/shards/<n>/`, listed in `pagefind/shards.json` for the search page to merge
 * (public/search.js). Shards keep Pagefind's memory bounded, and with a cache folder an edit
 * re-indexes only its shard.
 */
export async function indexSite(siteDir: string, options: IndexOptions = {}): Promise<IndexResult> {
  const files = await articlePages(siteDir);
  const pages = files.map((file) => ({ file, from: path.join(siteDir, file) }));
  return placeIndex(siteDir, await prepareIndex(pages, siteDir, options), options);
}

/** The shards' bundles, indexed or taken from the cache, not yet in the site. */
interface PreparedIndex {
  readonly pages: number;
  readonly bundles: readonly {
    readonly dir: string;
    readonly reused: boolean;
    readonly key?: string;
  }[];
}

/**
 * Indexes the pages (sorted by path) in shards, or finds their bundles in the cache. Shards with no
 * cache folder are written into `scratchDir`.
 */
async function prepareIndex(
  pages: readonly SitePage[],
  scratchDir: string,
  options: IndexOptions = {},
  threads: { initial: number; widen?: (to: (threads: number) => void) => void } = {
    initial: availableParallelism(),
  },
): Promise<PreparedIndex> {
  const count = Math.max(1, Math.ceil(pages.length / (options.pagesPerShard ?? PAGES_PER_SHARD)));
  const shards = Array.from({ length: count }, (): SitePage[] => []);
  for (const page of pages) shards[shardOf(page.file, count)]?.push(page);

  // This code and the locked dependencies (Pagefind's version among them) decide a bundle too.
  const code = options.cacheDir === undefined ? '' : await codeKey(['integrations']);
  const indexer = new ShardIndexer(count, threads.initial);
  threads.widen?.((to) => {
    indexer.widen(to);
  });
  const bundle = async (n: number): Promise<{ dir: string; reused: boolean; key?: string }> => {
    const shard = shards[n] ?? [];
    const index = (outputPath: string) => indexer.index(shard, outputPath);
    if (options.cacheDir === undefined) {
      const dir = path.join(scratchDir, `.pagefind-shard-${String(n)}.tmp`);
      await index(dir);
      return { dir, reused: false };
    }
    const digests = await Promise.all(
      shard.map(async ({ file, from }) => {
        const key = options.pageKeys?.get(file);
        return key === undefined ? `bytes:${sha1(await readFile(from))}` : `key:${key}`;
      }),
    );
    const key = sha1(
      [code, ...shard.map(({ file }, i) => `${file}\u0000${digests[i] ?? ''}`)].join('\n'),
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
  return { pages: pages.length, bundles };
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
  return { pages: prepared.pages, outputPath, shards: bundles.length, reused };
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

/** An article page's file for a page address Astro renders (`/articles/<slug>/`), if it is one. */
function articleFile(pathname: string): string | undefined {
  const slug = /^\/articles\/([^/]+)\/?$/.exec(pathname)?.[1];
  return slug === undefined ? undefined : `articles/${slug}/index.html`;
}

/**
 * Wraps Astro's prerenderer to call `ready` once every article page is written: at the first
 * render after the last article page's (Astro writes a page before it renders the next one when it
 * renders one at a time). `ready` gets the article pages Astro renders in this build.
 */
function whenArticlesWritten(
  ready: (rendered: readonly string[]) => void,
): (base: AstroPrerenderer) => AstroPrerenderer {
  return (base) => {
    let rendered: string[] = [];
    let left = new Set<string>();
    let called = false;
    return {
      ...base,
      async getStaticPaths() {
        const paths = await base.getStaticPaths();
        rendered = paths.flatMap(({ pathname }) => articleFile(pathname) ?? []);
        left = new Set(rendered);
        return paths;
      },
      render(request, options) {
        const file = articleFile(new URL(request.url).pathname);
        if (!called && left.size === 0 && rendered.length > 0 && file === undefined) {
          called = true;
          ready(rendered);
        }
        if (file !== undefined) left.delete(file);
        return base.render(request, options);
      },
    };
  };
}

export default function pagefindIntegration(): AstroIntegration {
  let root = process.cwd();
  let outDir = '';
  let oneAtATime = false;
  /** The index prepared while Astro renders the pages that are not articles. */
  let early: Promise<PreparedIndex> | undefined;
  let widenEarly: ((threads: number) => void) | undefined;
  let rendering = false;
  const options = (): IndexOptions => {
    const pageKeys = currentPlan()?.keys;
    return {
      cacheDir: path.join(root, DEFAULT_CACHE_DIR, 'pagefind'),
      ...(pageKeys ? { pageKeys } : {}),
    };
  };
  return {
    name: 'dossier:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        outDir = fileURLToPath(config.outDir);
        oneAtATime = config.build.concurrency === 1;
      },
      // Astro renders the article pages first and the timeline, topic and other pages after:
      // the index is made from the article pages while those render, on the core Astro leaves idle.
      'astro:build:start': ({ setPrerenderer }) => {
        early = undefined;
        widenEarly = undefined;
        rendering = true;
        if (!oneAtATime) return;
        setPrerenderer(
          whenArticlesWritten((rendered) => {
            // Pages reused from the previous build are linked in after rendering: read there.
            const plan = currentPlan();
            const reused = (plan?.reused ?? []).filter((page) => articleFile(`/${page.pathname}`));
            const pages = [
              ...rendered.map((file) => ({ file, from: path.join(outDir, file) })),
              ...reused.map(({ file }) => ({
                file,
                from: path.join(plan?.previousDir ?? '', file),
              })),
            ].sort((a, b) => compareArticleFiles(a.file, b.file));
            // One thread while Astro keeps a core busy rendering; all of them once it is done.
            early = prepareIndex(pages, outDir, options(), {
              initial: 1,
              widen: (to) => {
                widenEarly = to;
                if (!rendering) to(availableParallelism());
              },
            });
            // Awaited when the build is done; should the build fail first, it must not crash.
            early.catch(() => undefined);
          }),
        );
      },
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const started = performance.now();
        rendering = false;
        widenEarly?.(availableParallelism());
        const prepared =
          early ??
          prepareIndex(
            (await articlePages(siteDir)).map((file) => ({ file, from: path.join(siteDir, file) })),
            siteDir,
            options(),
          );
        const { pages, shards, reused } = await placeIndex(siteDir, await prepared, options());
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const notes = [
          ...(early
            ? [`started while the other pages were built, ${seconds} s more after them`]
            : []),
          ...(reused > 0 ? [`${String(reused)} of ${String(shards)} shards unchanged`] : []),
        ];
        logger.info(
          `Indexed ${String(pages)} article page${pages === 1 ? '' : 's'} for search${early ? '' : ` in ${seconds} s`}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`,
        );
      },
    },
  };
}
