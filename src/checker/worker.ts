/** A worker thread that checks batches of article files, so both cores share the Markdown parsing. */
import { parentPort } from 'node:worker_threads';
import { processItem, type WorkItem } from './process.ts';

export interface WorkBatch {
  readonly items: WorkItem[];
  /** Where to keep rendered articles, when the build asked for them. */
  readonly preparedDir: string | undefined;
}

parentPort?.on('message', (batch: WorkBatch) => {
  parentPort?.postMessage(batch.items.map((item) => processItem(item, batch.preparedDir)));
});
