/**
 * Rendered articles kept on disk by the digest of their file, written by the checker's workers and
 * read by the pages. A missing or unreadable file just means "render it again".
 */
import { existsSync, readFileSync } from 'node:fs';
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

/**
 * Renderings go in 64 folders, by the first character of their digest: about 160 files each at
 * 10,000 articles. Two characters made 4,096 folders, whose creation alone took half a second of
 * each checker thread in a cold build.
 */
export function preparedFile(dir: string, digest: string): string {
  return path.join(dir, digest.slice(0, 1), `${digest}.json`);
}

export function hasPrepared(dir: string, digest: string): boolean {
  return existsSync(preparedFile(dir, digest));
}

export function readPreparedFile(file: string): PreparedArticle | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PreparedArticle;
  } catch {
    return undefined;
  }
}
