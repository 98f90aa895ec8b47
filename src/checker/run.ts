/**
 * Checks a collection of article files: every problem of every file, plus the rules across files.
 * Shared by `npm run check` and the build.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
} from './cache.ts';
import { checkInParallel } from './pool.ts';
import type { WorkItem } from './worker.ts';

export interface CheckOptions {
  /** Where to keep reports between runs; `false` checks everything afresh and keeps nothing. */
  readonly cacheDir?: string | false;
}

export interface CheckResult {
  readonly files: number;
  readonly diagnostics: Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  /** Files whose report was taken from the cache. */
  readonly cached: number;
}

export async function checkFiles(
  files: readonly string[],
  options: CheckOptions = {},
): Promise<CheckResult> {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const key = cacheDir === false ? '' : await checkerKey();
  const cache = cacheDir === false ? new Map<string, CacheEntry>() : await loadCache(cacheDir, key);

  const reports: ArticleReport[] = [];
  const misses: WorkItem[] = [];
  const digests = new Map<string, string>();
  await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(file);
      const digest = digestOf(bytes);
      digests.set(file, digest);
      const hit = cache.get(file);
      if (hit?.digest === digest) reports.push(hit.report);
      else misses.push({ file, bytes });
    }),
  );
  const cached = reports.length;
  const fresh = await checkInParallel(misses);
  reports.push(...fresh);

  if (cacheDir !== false) {
    // Keep the entries of other files that still exist, so checking one folder does not make the
    // next full run start cold; forget deleted files.
    const entries = new Map([...cache].filter(([file]) => digests.has(file) || existsSync(file)));
    for (const report of fresh)
      entries.set(report.file, { digest: digests.get(report.file) ?? '', report });
    if (fresh.length > 0 || entries.size !== cache.size) await saveCache(cacheDir, key, entries);
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
  };
}
