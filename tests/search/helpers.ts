/**
 * What the search tests read back from a built site (the Pagefind bundle on disk, and its size),
 * and the article files they index.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ArticleToIndex } from '../../src/integrations/pagefind.ts';

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

export interface ArticleText {
  readonly title: string;
  readonly lang?: string;
  readonly kind?: string;
  readonly topics?: readonly string[];
  readonly body: string;
  /** Frontmatter lines added as they are. */
  readonly extra?: string;
}

/** A valid article file: one source, cited by the body as `[@src]`. */
export function articleFile({
  title,
  lang = 'en',
  kind = 'news',
  topics = ['animals'],
  body,
  extra = '',
}: ArticleText): string {
  return `---
title: "${title}"
dek: "Dekword about ${title}."
kind: ${kind}
lang: ${lang}
published: 2026-06-24T10:00:00Z
authors: [Bylineword Writer]
topics: [${topics.join(', ')}]
sources:
  - id: src
    publisher: Sourceword Gazette
    type: press
    title: "Sourceword report"
    url: https://news.example.org/report
    published: 2026-06-24
events:
  - id: day
    date: 2026-06-24
    title: "Keydateword happens"
    sources: [src]
${extra}---

${body}
`;
}

/** Writes the articles into `dir` and lists them as the content loader would, unrendered. */
export async function writeArticles(
  dir: string,
  articles: Readonly<Record<string, ArticleText>>,
): Promise<ArticleToIndex[]> {
  return Promise.all(
    Object.entries(articles).map(async ([slug, text]) => {
      const source = path.join(dir, `${slug}.md`);
      const content = articleFile(text);
      await writeFile(source, content);
      return {
        slug,
        digest: createHash('sha1').update(content).digest('hex'),
        ref: { source, prepared: undefined },
      };
    }),
  );
}
