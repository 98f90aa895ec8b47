/**
 * Pages reused between builds. A page made by the same code from the same props is the same page,
 * so `npm run build` takes it from the site it built last (by a hard link: no bytes copied) instead
 * of rendering it again. A route opts in by passing its paths through `reusable()` in its
 * getStaticPaths; its page must then be a function of its props and address alone (it reads no
 * other data, such as getSite()), which is what makes a digest of the props a sufficient key.
 *
 * The build opens a plan before Astro runs (`beginReuse`), the routes consult it, the page-reuse
 * integration links the reused pages into the new site, and once that site is in place the build
 * records what each page was made from (`endReuse`). Without a plan (`astro dev`, a bare
 * `astro build`, the tests' fixture builds) every page is rendered.
 *
 * Why not Astro's `experimental.incrementalBuild`: it restores each unchanged page by copying it
 * (4.5 s for 10,000 articles, more than half of a warm build's page generation), and still calls
 * every page's getStaticPaths entry into its render pipeline; a reused page here costs one stat
 * and one link.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a page of the previous build was made from, and which file it was. */
export interface PageRecord {
  readonly key: string;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

interface RecordFile {
  readonly base: string;
  readonly pages: Record<string, PageRecord>;
}

export interface ReusedPage {
  /** The page's file, relative to the site's folder. */
  readonly file: string;
  /** Its address, as Astro lists the pages it built (`articles/x/`, `` for the home page). */
  readonly pathname: string;
}

export interface ReusePlan {
  /** A digest of the code and settings pages are made with: a change renders every page again. */
  readonly base: string;
  /** The site the previous build left. */
  readonly previousDir: string;
  /** What each of its pages was made from, by file. */
  readonly previous: ReadonlyMap<string, PageRecord>;
  /** The key of every page a route passed through `reusable()` in this build, by file. */
  readonly keys: Map<string, string>;
  /** The pages to take from the previous site instead of rendering them. */
  readonly reused: ReusedPage[];
}

// Routes run inside Astro's build bundle, a separate copy of this module: the plan is shared
// through the process's global object.
const PLAN = Symbol.for('dossier.page-reuse');
const registry = globalThis as { [PLAN]?: ReusePlan | undefined };

export function currentPlan(): ReusePlan | undefined {
  return registry[PLAN];
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

function recordFile(cacheDir: string): string {
  return path.join(cacheDir, 'pages.json');
}

async function readRecord(file: string, base: string): Promise<Map<string, PageRecord>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as RecordFile;
    return parsed.base === base ? new Map(Object.entries(parsed.pages)) : new Map();
  } catch {
    return new Map();
  }
}

/** Opens the plan for a build whose previous site is `previousDir`. */
export async function beginReuse(options: {
  readonly base: string;
  readonly previousDir: string;
  readonly cacheDir: string;
}): Promise<ReusePlan> {
  const plan: ReusePlan = {
    base: options.base,
    previousDir: options.previousDir,
    previous: await readRecord(recordFile(options.cacheDir), options.base),
    keys: new Map(),
    reused: [],
  };
  registry[PLAN] = plan;
  return plan;
}

/**
 * Closes the plan and, when the build succeeded, records what each page of the site now in
 * `siteDir` was made from. The record names each file by inode, size and time, so a page changed
 * or replaced by anything else since is rendered again rather than trusted.
 */
export async function endReuse(
  plan: ReusePlan,
  outcome: { readonly siteDir: string; readonly cacheDir: string } | undefined,
): Promise<void> {
  if (registry[PLAN] === plan) registry[PLAN] = undefined;
  if (!outcome) return;
  const pages: Record<string, PageRecord> = {};
  // A reused page is a hard link to the file recorded before, with its inode, size and time: its
  // record stands (a copy, across file systems, has another inode and is rendered next time).
  // Only rendered pages are asked for theirs, not the whole site's 10,000 files.
  const reused = new Set(plan.reused.map((page) => page.file));
  await Promise.all(
    [...plan.keys].map(async ([file, key]) => {
      const before = reused.has(file) ? plan.previous.get(file) : undefined;
      if (before) {
        pages[file] = before;
        return;
      }
      const info = await stat(path.join(outcome.siteDir, file)).catch(() => undefined);
      if (info) pages[file] = { key, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
    }),
  );
  const sorted = Object.fromEntries(Object.entries(pages).sort(([a], [b]) => (a < b ? -1 : 1)));
  const target = recordFile(outcome.cacheDir);
  const temporary = `${target}.${String(process.pid)}.tmp`;
  // Best effort, like the checker's cache: without a record the next build renders every page.
  await mkdir(outcome.cacheDir, { recursive: true })
    .then(() => writeFile(temporary, JSON.stringify({ base: plan.base, pages: sorted })))
    .then(() => rename(temporary, target))
    .catch(() => undefined);
}

/** Digests of props objects shared by many pages (a timeline's page list), each made once. */
const shared = new WeakMap<object, string>();

/**
 * The digest of an object or array in props, made once per object. An array is digested over its
 * elements' digests rather than serialised whole: a topic's timeline pages hold the very entries of
 * the site's timeline, and serialising each entry once per timeline it appears in was the largest
 * part of propsDigest at 10,000 articles. The text hashed starts with `[` for an array, `{` for
 * anything else, and its elements are one per line (JSON has no line breaks), so no array and
 * object, or arrays split differently, hash the same text.
 */
function objectDigest(value: object): string {
  let digest = shared.get(value);
  if (digest === undefined) {
    digest = sha1(
      Array.isArray(value)
        ? `[\n${value.map((element: unknown) => valuePart(element)).join('\n')}`
        : `{\n${JSON.stringify(value)}`,
    );
    shared.set(value, digest);
  }
  return digest;
}

function valuePart(value: unknown): string {
  if (value === undefined) return ':undefined';
  if (typeof value !== 'object' || value === null) return `=${JSON.stringify(value)}`;
  return `#${objectDigest(value)}`;
}

/**
 * A digest of a page's props: equal props, equal digests. Props are plain data (objects, arrays,
 * strings, numbers, booleans; a Map or Set would serialise as `{}` and go unseen), and articles,
 * which serialise as their digest (`siteArticle()` in model.ts).
 */
export function propsDigest(props: Readonly<Record<string, unknown>>): string {
  const parts = Object.keys(props)
    .sort()
    .map((name) => {
      const value = props[name];
      if (value instanceof Map || value instanceof Set)
        throw new TypeError(
          `The page prop \`${name}\` is a ${value.constructor.name}: pass plain data.`,
        );
      return `${name}${valuePart(value)}`;
    });
  return sha1(parts.join('\n'));
}

type Params = Readonly<Record<string, string | number | undefined>>;

/**
 * A route's page address for its params, as Astro writes it with `build.format: 'directory'`:
 * `/timeline/[...path]` with `{ path: 'x/2019' }` is `timeline/x/2019/`, the file
 * `timeline/x/2019/index.html`. Undefined for addresses Astro would encode: those are always
 * rendered.
 */
export function pageOfRoute(route: string, params: Params): ReusedPage | undefined {
  const segments = route
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const match = /^\[(?:\.\.\.)?([^\]]+)\]$/.exec(segment);
      return match?.[1] === undefined ? segment : params[match[1]];
    })
    .filter((segment) => segment !== undefined && segment !== '')
    .map(String);
  const pathname = segments.map((segment) => `${segment}/`).join('');
  if (!/^[a-z0-9/._-]*$/i.test(pathname) || pathname.includes('..')) return undefined;
  return { file: `${pathname}index.html`, pathname };
}

/**
 * A route's paths for getStaticPaths, minus those whose page the previous build made from the same
 * props (with an open plan; without one, all of them). `route` is the route's pattern, e.g.
 * `/articles/[slug]`.
 */
export function reusable<
  Path extends { readonly params: Params; readonly props?: Readonly<Record<string, unknown>> },
>(route: string, paths: readonly Path[]): Path[] {
  const plan = currentPlan();
  if (!plan) return [...paths];
  return paths.filter((entry) => {
    const page = pageOfRoute(route, entry.params);
    if (!page) return true;
    // With the code's digest in it, a key stands for the page's bytes.
    const key = sha1(
      `${plan.base}\u0000${route}\u0000${page.file}\u0000${propsDigest(entry.props ?? {})}`,
    );
    plan.keys.set(page.file, key);
    const before = plan.previous.get(page.file);
    if (before?.key !== key) return true;
    const info = statSync(path.join(plan.previousDir, page.file), { throwIfNoEntry: false });
    if (info?.ino !== before.ino || info.size !== before.size || info.mtimeMs !== before.mtimeMs)
      return true;
    plan.reused.push(page);
    return false;
  });
}
