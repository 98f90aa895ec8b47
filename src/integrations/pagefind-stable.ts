/**
 * Makes a Pagefind 1.5 bundle the same, byte for byte, every time the same pages are indexed.
 *
 * Pagefind keeps its filters in hash maps whose order changes from one run to the next
 * (https://github.com/Pagefind/pagefind/issues/638; "TODO: Change filter indexes to BTree to give
 * them a stable hash" in its index/mod.rs), so three things vary: the order of the values in each
 * `filter/*.pf_filter` file, the order of the filters in each `pagefind.*.pf_meta` file, and the
 * order of the languages in `pagefind-entry.json`; and since file names are hashes of their
 * content, the names vary with them. Everything else (fragments, word indexes, the scripts and
 * WebAssembly) is already stable.
 *
 * This rewrites those files in a canonical order (values, filters and languages sorted by name),
 * renames each after a hash of its new content, as Pagefind names them, and updates the references
 * to them. Nothing else changes: the search runs on the same data, in the same format.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeCbor, encodeCbor, type CborValue } from './cbor.ts';

/** Pagefind's compressed files start with this, before their CBOR. */
const SIGNATURE = new TextEncoder().encode('pagefind_dcd');

interface PagefindEntry {
  readonly version: string;
  readonly languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  readonly include_characters: readonly string[];
}

function read(file: Buffer): CborValue {
  const data = gunzipSync(file);
  if (!SIGNATURE.every((byte, i) => data[i] === byte))
    throw new Error('Not a Pagefind index file: its signature is missing.');
  return decodeCbor(data.subarray(SIGNATURE.length));
}

function write(value: CborValue): { bytes: Buffer; digest: string } {
  const cbor = encodeCbor(value);
  const digest = createHash('sha256').update(cbor).digest('hex');
  return { bytes: gzipSync(Buffer.concat([SIGNATURE, cbor]), { level: 9 }), digest };
}

function isList(value: CborValue): value is readonly CborValue[] {
  return Array.isArray(value);
}

/** Sorts entries (`[name, …]`) by name, in code point order. */
function byName(a: CborValue, b: CborValue): number {
  const [x, y] = [nameOf(a), nameOf(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function nameOf(entry: CborValue): string {
  const name = isList(entry) ? entry[0] : undefined;
  if (typeof name !== 'string') throw new Error('Unexpected Pagefind entry: it has no name.');
  return name;
}

/** `[filter, [[value, pages], …]]` with its values sorted. */
function sortFilter(index: CborValue): CborValue {
  if (!isList(index) || !isList(index[1] ?? null))
    throw new Error('Unexpected Pagefind filter index.');
  const [name, values] = index as [CborValue, readonly CborValue[]];
  return [name, [...values].sort(byName)];
}

/** The meta index with its filters (`[name, file]`, 4th field) sorted and renamed. */
function rewriteMeta(meta: CborValue, renamed: ReadonlyMap<string, string>): CborValue {
  const filters = isList(meta) ? meta[3] : undefined;
  if (!isList(meta) || filters === undefined || !isList(filters))
    throw new Error('Unexpected Pagefind meta index.');
  const rewritten = filters
    .map((filter) => {
      if (!isList(filter) || typeof filter[1] !== 'string')
        throw new Error('Unexpected Pagefind filter entry.');
      const file = renamed.get(filter[1]);
      if (file === undefined) throw new Error(`Pagefind filter file ${filter[1]} is missing.`);
      return [filter[0] ?? null, file];
    })
    .sort(byName);
  return meta.map((field, i) => (i === 3 ? rewritten : field));
}

/**
 * A name for a file of `language` from its content's digest, as long as Pagefind's own and longer
 * when it would collide with one already taken.
 */
function nameFor(language: string, digest: string, length: number, taken: Set<string>): string {
  let size = length;
  let name = `${language}_${digest.slice(0, size)}`;
  while (taken.has(name) && size < digest.length) name = `${language}_${digest.slice(0, ++size)}`;
  taken.add(name);
  return name;
}

/** Rewrites the bundle in `bundleDir` (a Pagefind output folder) in its canonical form. */
export async function stabiliseBundle(bundleDir: string): Promise<void> {
  const entryFile = path.join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryFile, 'utf8')) as PagefindEntry;
  const filterDir = path.join(bundleDir, 'filter');
  const filterFiles = (await readdir(filterDir).catch(() => [])).sort();

  // Filter files are named `<language>_<hash>.pf_filter`; the old name maps to the new.
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  const rewrites = filterFiles.map(async (file) => {
    const old = file.replace(/\.pf_filter$/, '');
    const language = old.slice(0, old.lastIndexOf('_'));
    const { bytes, digest } = write(sortFilter(read(await readFile(path.join(filterDir, file)))));
    return { old, language, bytes, digest };
  });
  // Named in order of content, so that a collision resolves the same way every time.
  const filters = (await Promise.all(rewrites)).sort((a, b) => (a.digest < b.digest ? -1 : 1));
  for (const filter of filters) {
    const name = nameFor(filter.language, filter.digest, 7, taken);
    renamed.set(filter.old, name);
  }
  await Promise.all(filterFiles.map((file) => rm(path.join(filterDir, file))));
  await Promise.all(
    filters.map((filter) =>
      writeFile(
        path.join(filterDir, `${renamed.get(filter.old) ?? filter.old}.pf_filter`),
        filter.bytes,
      ),
    ),
  );

  const languages: PagefindEntry['languages'] = {};
  for (const language of Object.keys(entry.languages).sort()) {
    const info = entry.languages[language];
    if (!info) continue;
    const metaFile = path.join(bundleDir, `pagefind.${info.hash}.pf_meta`);
    const { bytes, digest } = write(rewriteMeta(read(await readFile(metaFile)), renamed));
    const hash = nameFor(language, digest, 10, new Set());
    await rm(metaFile);
    await writeFile(path.join(bundleDir, `pagefind.${hash}.pf_meta`), bytes);
    languages[language] = { ...info, hash };
  }
  await writeFile(entryFile, JSON.stringify({ ...entry, languages }));
}
