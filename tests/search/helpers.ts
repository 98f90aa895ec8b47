/**
 * What the search tests read back from a built site: the Pagefind bundle on disk, and its size.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** `pagefind/pagefind-entry.json`: the bundle's version and its index per language. */
export interface PagefindEntry {
  readonly version: string;
  readonly languages: Readonly<
    Record<
      string,
      { readonly hash: string; readonly wasm: string | null; readonly page_count: number }
    >
  >;
}

export async function readEntry(dist: string): Promise<PagefindEntry> {
  return JSON.parse(
    await readFile(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8'),
  ) as PagefindEntry;
}

/** One indexed page as Pagefind stored it: what it will show and filter by. */
export interface Fragment {
  readonly url: string;
  readonly content: string;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly meta: Readonly<Record<string, string>>;
  /** The index (language) it was found in, from the fragment's file name. */
  readonly language: string;
}

/**
 * Every indexed page, read from the bundle's fragment files: gzip, then a `pagefind_dcd` signature
 * and the page's JSON (the format of the pinned Pagefind version).
 */
export async function readFragments(dist: string, bundle = 'pagefind'): Promise<Fragment[]> {
  const folder = path.join(dist, bundle, 'fragment');
  // A bundle with no pages (a site without articles, a shard no page fell in) has no fragments.
  const files = (await readdir(folder).catch(() => []))
    .filter((file) => file.endsWith('.pf_fragment'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const text = gunzipSync(await readFile(path.join(folder, file))).toString('utf8');
      const signature = 'pagefind_dcd';
      if (!text.startsWith(signature)) throw new Error(`${file}: not a Pagefind fragment`);
      const data = JSON.parse(text.slice(signature.length)) as Omit<Fragment, 'language'>;
      return { ...data, language: file.slice(0, file.indexOf('_')) };
    }),
  );
}

/** The total size in bytes of every file under `folder`. */
export async function folderSize(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => (await stat(path.join(entry.parentPath, entry.name))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
