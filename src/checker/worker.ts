/** A worker thread that checks batches of article files, so both cores share the Markdown parsing. */
import { parentPort } from 'node:worker_threads';
import { checkArticle } from '../article/article-file.ts';

export interface WorkItem {
  readonly file: string;
  readonly bytes: Uint8Array;
}

parentPort?.on('message', (batch: WorkItem[]) => {
  parentPort?.postMessage(batch.map((item) => checkArticle(item.file, item.bytes).report));
});
