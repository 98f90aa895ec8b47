/**
 * Checks many files across worker threads. Small jobs stay on the main thread: starting a worker
 * costs more than checking a few dozen articles.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleReport } from '../article/article-file.ts';
import type { WorkItem } from './process.ts';
import type { WorkBatch } from './worker.ts';

const PARALLEL_THRESHOLD = 64;
const BATCH_SIZE = 32;

/** Checks the items (and renders them into `preparedDir` when given); reports in input order. */
export async function checkInParallel(
  items: readonly WorkItem[],
  preparedDir?: string,
): Promise<ArticleReport[]> {
  if (items.length === 0) return [];
  const threads = Math.min(availableParallelism(), Math.ceil(items.length / BATCH_SIZE));
  if (items.length < PARALLEL_THRESHOLD || threads < 2) {
    // Imported only when there is work: an unchanged collection never loads the parsers.
    const { processItem } = await import('./process.ts');
    return items.map((item) => processItem(item, preparedDir));
  }
  const results: ArticleReport[][] = [];
  let next = 0;
  const batches: { index: number; items: WorkItem[] }[] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE)
    batches.push({ index: batches.length, items: items.slice(i, i + BATCH_SIZE) });

  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const batch = batches[next++];
        if (!batch) {
          resolve();
          return;
        }
        worker.once('message', (reports: ArticleReport[]) => {
          results[batch.index] = reports;
          send();
        });
        const message: WorkBatch = { items: batch.items, preparedDir };
        worker.postMessage(message);
      };
      worker.once('error', reject);
      send();
    });

  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./worker.ts', import.meta.url)),
  );
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}
