/**
 * Rendered articles kept on disk by the digest of their file, written by the checker's workers and
 * read by the pages. A missing or unreadable file just means "render it again".
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Frontmatter } from '../article/schema/article.ts';
import type { PreparedBody } from '../site/prepare.ts';

export interface PreparedArticle extends PreparedBody {
  readonly data: Frontmatter;
}

/** What the content loader stores for an article: where its rendering and its file are. */
export interface PreparedRef {
  /** Absolute path of the article's file. */
  readonly source: string;
  /** Absolute path of its rendering in the checker's store, when the build kept one. */
  readonly prepared: string | undefined;
}

export function preparedFile(dir: string, digest: string): string {
  return path.join(dir, digest.slice(0, 2), `${digest}.json`);
}

export function hasPrepared(dir: string, digest: string): boolean {
  return existsSync(preparedFile(dir, digest));
}

/** The rendering in `file`, from `text` when it was read already. */
export function readPreparedFile(file: string, text?: string): PreparedArticle | undefined {
  try {
    return JSON.parse(text ?? readFileSync(file, 'utf8')) as PreparedArticle;
  } catch {
    return undefined;
  }
}

// `npm run build` knows which renderings the pages will read as soon as its check ends, and reads
// them while Astro starts (Astro busy on the main thread, the file system idle); the pages take
// them from here instead of reading ten thousand files one after another.
const PREFETCHED = Symbol.for('dossier.prefetched-renderings');
const registry = globalThis as {
  [PREFETCHED]?: Map<string, Promise<string | undefined>> | undefined;
};

export function prefetchPrepared(files: readonly string[]): void {
  registry[PREFETCHED] = new Map(
    files.map((file) => [file, readFile(file, 'utf8').catch(() => undefined)]),
  );
}

/** The text read ahead for `file`, once; undefined when none was (then read it as usual). */
export async function takePrefetched(file: string): Promise<string | undefined> {
  const text = registry[PREFETCHED]?.get(file);
  registry[PREFETCHED]?.delete(file);
  return text;
}
