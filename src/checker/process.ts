/**
 * The work done for one changed file, on a worker thread or the main thread: check it and, when the
 * build asks for it and the article will be published, render it and keep the result on disk by
 * digest, so the content loader never parses it again.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { checkArticle, type ArticleReport } from '../article/article-file.ts';
import { prepareArticle } from '../site/prepare.ts';
import { preparedFile, type PreparedArticle } from './prepared.ts';

export interface WorkItem {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly digest: string;
}

export function processItem(item: WorkItem, preparedDir: string | undefined): ArticleReport {
  const { report, article } = checkArticle(item.file, item.bytes);
  if (preparedDir !== undefined && article && report.publishable) {
    const prepared: PreparedArticle = { data: article.data, ...prepareArticle(article) };
    const target = preparedFile(preparedDir, item.digest);
    // Write then rename: a build killed mid-write leaves no torn file to be read later.
    const temporary = `${target}.${String(process.pid)}-${String(threadId)}.tmp`;
    const json = JSON.stringify(prepared);
    try {
      writeFileSync(temporary, json);
    } catch (error) {
      // Making the folder only when it is missing saves a mkdir per article.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(temporary, json);
    }
    renameSync(temporary, target);
  }
  return report;
}
