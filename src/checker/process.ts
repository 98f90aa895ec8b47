/**
 * The work done for one changed file, on a worker thread or the main thread: check it and, when the
 * build asks for it and the article will be published, render it and keep the result on disk, so
 * the content loader never parses it again.
 */
import { checkArticle, type ArticleReport } from '../article/article-file.ts';
import { prepareArticle } from '../site/prepare.ts';
import type { PackWriter, PreparedLocation } from './prepared.ts';

export interface WorkItem {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly digest: string;
}

export interface WorkResult {
  readonly report: ArticleReport;
  /** Where the rendering was kept, when there is one. */
  readonly prepared?: PreparedLocation;
}

export function processItem(item: WorkItem, pack: PackWriter | undefined): WorkResult {
  const { report, article } = checkArticle(item.file, item.bytes);
  if (pack === undefined || !article || !report.publishable) return { report };
  return { report, prepared: pack.append({ data: article.data, ...prepareArticle(article) }) };
}
