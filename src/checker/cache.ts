/**
 * Remembers each file's report by the digest of its bytes, so an unchanged collection is checked
 * in the time it takes to read and hash it. The cache is keyed by the checker's own source too:
 * any change to the contract's code or dependencies starts afresh.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleReport } from '../article/article-file.ts';
import type { PreparedLocation } from './prepared.ts';

/**
 * What the file system said of a file when it was read: while its inode, size and times are
 * the same, so are its bytes (the change time moves with every write, rename or `touch`, and no
 * tool can set it back), and the digest stands without reading them again.
 */
export interface FileStamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export interface CacheEntry {
  readonly digest: string;
  /** The file as it was when its digest was made; absent when it had only just changed. */
  readonly stamp?: FileStamp | undefined;
  readonly report: ArticleReport;
  /** Where the article's rendering was kept, when a build rendered it. */
  readonly prepared?: PreparedLocation | undefined;
}

interface CacheFile {
  readonly key: string;
  readonly entries: Record<string, CacheEntry>;
}

export const DEFAULT_CACHE_DIR = 'node_modules/.cache/dossier';

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url');
}

const SRC = fileURLToPath(new URL('..', import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * A digest of the code in the given folders of src/ (every file: templates and styles too), the
 * locked dependencies and Node's version: what decides an output made from the same input.
 */
export async function codeKey(folders: readonly string[]): Promise<string> {
  const hash = createHash('sha1');
  const files = [
    ...(await Promise.all(folders.map((folder) => filesUnder(path.join(SRC, folder))))).flat(),
    path.join(SRC, '..', 'package-lock.json'),
  ];
  for (const file of files) {
    hash.update(file);
    hash.update(await readFile(file).catch(() => ''));
  }
  hash.update(process.version);
  return hash.digest('base64url');
}

/** A digest of everything that decides a report: the checker's code and the locked dependencies. */
export function checkerKey(): Promise<string> {
  return codeKey(['article', 'checker', 'markdown', 'site']);
}

export async function loadCache(dir: string, key: string): Promise<Map<string, CacheEntry>> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, 'check.json'), 'utf8')) as CacheFile;
    if (parsed.key !== key) return new Map();
    return new Map(Object.entries(parsed.entries));
  } catch {
    return new Map();
  }
}

/**
 * Writes the cache atomically: a crash mid-write leaves the old cache, never a torn one. Best
 * effort: a cache that cannot be written (read-only checkout, a file in the way) only makes the
 * next run slower, so it must never fail a check whose reports are already complete.
 */
export async function saveCache(
  dir: string,
  key: string,
  entries: Map<string, CacheEntry>,
): Promise<void> {
  const target = path.join(dir, 'check.json');
  const temporary = `${target}.${process.pid}.tmp`;
  const data: CacheFile = { key, entries: Object.fromEntries(entries) };
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, JSON.stringify(data));
    await rename(temporary, target);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
