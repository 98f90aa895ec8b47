/**
 * Rendered articles kept on disk by the digest of their file, written by the checker's workers and
 * read by the content loader. A missing or unreadable file just means "render it again".
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frontmatter } from '../article/schema/article.ts';
import type { PreparedBody } from '../site/prepare.ts';

export interface PreparedArticle extends PreparedBody {
  readonly data: Frontmatter;
}

export function preparedFile(dir: string, digest: string): string {
  return path.join(dir, digest.slice(0, 2), `${digest}.json`);
}

export function hasPrepared(dir: string, digest: string): boolean {
  return existsSync(preparedFile(dir, digest));
}

export function readPrepared(dir: string, digest: string): PreparedArticle | undefined {
  try {
    return JSON.parse(readFileSync(preparedFile(dir, digest), 'utf8')) as PreparedArticle;
  } catch {
    return undefined;
  }
}
