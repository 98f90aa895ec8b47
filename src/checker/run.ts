/**
 * Checks a collection of article files: every problem of every file, plus the rules across files.
 * Shared by `npm run check` and the build.
 */
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleReport } from '../article/article-file.ts';
import { checkCollection } from '../article/collection.ts';
import { compareDiagnostics, type Diagnostic } from '../article/diagnostics.ts';
import {
  checkerKey,
  DEFAULT_CACHE_DIR,
  digestOf,
  loadCache,
  saveCache,
  type CacheEntry,
  type FileStamp,
} from './cache.ts';
import { checkInParallel } from './pool.ts';
import { packsPresent, prunePacks, type PreparedLocation } from './prepared.ts';
import type { WorkItem } from './process.ts';

export interface CheckOptions {
  /** Where to keep reports between runs; `false` checks everything afresh and keeps nothing. */
  readonly cacheDir?: string | false;
  /** The folder file paths and the cache folder are relative to; the working directory by default. */
  readonly root?: string;
  /**
   * Also render every publishable article and keep it by digest (in the cache folder) for the
   * content loader: the build's one pass over the Markdown. Needs a cache folder.
   */
  readonly prepare?: boolean;
}

/** A checked file as the content loader needs it. */
export interface CheckedFile {
  readonly file: string;
  readonly slug: string;
  /** Digest of the file's bytes. */
  readonly digest: string;
  readonly publishable: boolean;
  /** Where its rendering is in `preparedDir`, when it was kept. */
  readonly prepared: PreparedLocation | undefined;
}

export interface CheckResult {
  readonly files: number;
  readonly diagnostics: Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  /** Files whose report was taken from the cache. */
  readonly cached: number;
  readonly checked: CheckedFile[];
  /** Where rendered articles are kept, when `prepare` was asked for. */
  readonly preparedDir: string | undefined;
  /** A digest of the checker's and renderer's code: a new version re-renders everything. */
  readonly version: string;
}

// `npm run build` checks the articles, then Astro's content loader, in the same process, needs the
// same result: it is handed over rather than made again from every file read and hashed twice.
const HANDED_OVER = Symbol.for('dossier.checked');
const registry = globalThis as { [HANDED_OVER]?: Map<string, CheckResult> | undefined };

/** Leaves the result of checking the folder `base` of `root` for the next `takeCheck()`. */
export function handOverCheck(root: string, base: string, result: CheckResult): void {
  registry[HANDED_OVER] = new Map([[`${path.resolve(root)}\u0000${base}`, result]]);
}

/** The result handed over for that folder, once; undefined when there is none. */
export function takeCheck(root: string, base: string): CheckResult | undefined {
  const key = `${path.resolve(root)}\u0000${base}`;
  const result = registry[HANDED_OVER]?.get(key);
  registry[HANDED_OVER]?.delete(key);
  return result;
}

export async function checkFiles(
  files: readonly string[],
  options: CheckOptions = {},
): Promise<CheckResult> {
  const root = options.root ?? process.cwd();
  const cacheDir =
    options.cacheDir === false ? false : path.resolve(root, options.cacheDir ?? DEFAULT_CACHE_DIR);
  const key = cacheDir === false ? '' : await checkerKey();
  const cache = cacheDir === false ? new Map<string, CacheEntry>() : await loadCache(cacheDir, key);
  const preparedDir =
    options.prepare === true && cacheDir !== false
      ? path.join(cacheDir, 'prepared', key)
      : undefined;
  if (preparedDir !== undefined) await pruneOtherVersions(path.dirname(preparedDir), key);

  const reports: ArticleReport[] = [];
  const misses: WorkItem[] = [];
  const digests = new Map<string, string>();
  const locations = new Map<string, PreparedLocation | undefined>();
  const present = preparedDir === undefined ? undefined : packsPresent(preparedDir);
  const stamps = new Map<string, FileStamp | undefined>();
  // Read one after another, not with readFile all at once: at 10,000 files of 8 KB, the promises
  // took 1.3 s and about 2 CPU-seconds, this loop 0.5 s and 0.6. A file whose stamp is the one
  // cached is not read at all: a stat is about 0.005 ms, reading and hashing 8 KB 0.07 ms. Reports
  // come in file order; what is made of them is sorted anyway.
  for (const file of files) {
    const absolute = path.resolve(root, file);
    const hit = cache.get(file);
    const info = statSync(absolute);
    const stamp = stampOf(info, Date.now());
    stamps.set(file, stamp);
    let bytes: Buffer | undefined;
    let digest: string;
    if (hit && stamp !== undefined && sameStamp(hit.stamp, stamp)) {
      digest = hit.digest;
    } else {
      bytes = readFileSync(absolute);
      digest = digestOf(bytes);
    }
    digests.set(file, digest);
    const stale =
      hit?.digest !== digest ||
      (present !== undefined && hit.report.publishable && !present(hit.prepared));
    if (hit && !stale) {
      reports.push(hit.report);
      locations.set(file, hit.prepared);
    } else {
      misses.push({ file, bytes: bytes ?? readFileSync(absolute), digest });
    }
  }
  const cached = reports.length;
  const fresh = await checkInParallel(misses, preparedDir);
  for (const { report, prepared } of fresh) {
    reports.push(report);
    locations.set(report.file, prepared);
  }

  if (cacheDir !== false) {
    // Keep the entries of other files that still exist, so checking one folder does not make the
    // next full run start cold; forget deleted files.
    const entries = new Map(
      [...cache].filter(([file]) => digests.has(file) || existsSync(path.resolve(root, file))),
    );
    let restamped = false;
    for (const [file, entry] of entries) {
      const stamp = stamps.get(file);
      if (!stamps.has(file) || sameStamp(entry.stamp, stamp)) continue;
      entries.set(file, { ...entry, stamp });
      restamped = true;
    }
    for (const { report, prepared } of fresh)
      entries.set(report.file, {
        digest: digests.get(report.file) ?? '',
        stamp: stamps.get(report.file),
        report,
        prepared,
      });
    if (fresh.length > 0 || restamped || entries.size !== cache.size)
      await saveCache(cacheDir, key, entries);
    if (preparedDir !== undefined)
      prunePacks(
        preparedDir,
        [...entries.values()].map((entry) => entry.prepared),
      );
  }

  const diagnostics = [
    ...reports.flatMap((report) => report.diagnostics),
    ...checkCollection(reports),
  ].sort(compareDiagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    files: files.length,
    diagnostics,
    errors,
    warnings: diagnostics.length - errors,
    cached,
    checked: reports.map((report) => ({
      file: report.file,
      slug: report.slug,
      digest: digests.get(report.file) ?? '',
      publishable: report.publishable,
      prepared: locations.get(report.file),
    })),
    preparedDir,
    version: key,
  };
}

/**
 * A file changed less than this long before it was looked at is read again next time: another
 * write within the same tick of its clock would leave its stamp as it is (git calls such entries
 * "racily clean").
 */
const RACY_MS = 1000;

function stampOf(info: Stats, now: number): FileStamp | undefined {
  if (info.ctimeMs > now - RACY_MS || info.mtimeMs > now - RACY_MS) return undefined;
  return { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

/** Whether two stamps say the same, an absent one being the same only as another absent one. */
function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** Rendered articles of older versions of the code can never be read again. */
async function pruneOtherVersions(dir: string, key: string): Promise<void> {
  const versions = await readdir(dir).catch(() => []);
  await Promise.all(
    versions
      .filter((version) => version !== key)
      .map((version) => rm(path.join(dir, version), { recursive: true, force: true })),
  );
}
