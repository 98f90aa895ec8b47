import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/checker/cache.ts';
import { checkFiles } from '../../src/checker/run.ts';

const EXAMPLE = path.resolve('content/articles/2026/rutte-washington-aprile.md');
const root = mkdtempSync(path.join(tmpdir(), 'dossier-stamps-'));
const cacheDir = path.join(root, 'cache');
const cacheFile = path.join(cacheDir, 'check.json');
const OLD = 'content/articles/old.md';
const NEW = 'content/articles/new.md';

interface CacheFile {
  key: string;
  entries: Record<string, CacheEntry>;
}
const readCache = () => JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
const check = () => checkFiles([OLD, NEW], { root, cacheDir });
const digestOf = async (file: string) =>
  (await check()).checked.find((checked) => checked.file === file)?.digest;

/** Gives the file of `file` in the cache a digest no bytes have: only a trusted stamp keeps it. */
function plantDigest(file: string): string {
  const cache = readCache();
  const entry = cache.entries[file];
  if (!entry) throw new Error(`${file} is not cached`);
  cache.entries[file] = { ...entry, digest: 'planted' };
  writeFileSync(cacheFile, JSON.stringify(cache));
  return 'planted';
}

beforeAll(async () => {
  mkdirSync(path.join(root, 'content/articles'), { recursive: true });
  cpSync(EXAMPLE, path.join(root, OLD));
  // A file counts as settled once it has not changed for a second.
  await sleep(1100);
  cpSync(EXAMPLE, path.join(root, NEW));
  await check();
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the check cache’s file stamps', () => {
  it('takes the digest of a file unchanged since it was stamped without reading it', async () => {
    expect(readCache().entries[OLD]?.stamp).toMatchObject({ size: statSync(EXAMPLE).size });
    const planted = plantDigest(OLD);
    expect(await digestOf(OLD)).toBe(planted);
  });

  it('stamps no file that changed within the last second, and reads it every time', async () => {
    expect(readCache().entries[NEW]?.stamp).toBeUndefined();
    plantDigest(NEW);
    expect(await digestOf(NEW)).not.toBe('planted');
  });

  it('reads a file rewritten with the same size and its old modification time', async () => {
    await check();
    const file = path.join(root, OLD);
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Rutte', 'Rutty'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    // Past the second in which it would be read anyway: only its change time tells.
    await sleep(1100);
    const digest = await digestOf(OLD);
    expect(digest).not.toBe('planted');
    expect(digest).not.toBe(readCache().entries[NEW]?.digest);
  });
});
