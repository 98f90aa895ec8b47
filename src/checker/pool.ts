/**
 * Checks many files across worker threads. Small jobs stay on the main thread: starting a worker
 * costs more than checking a few dozen articles.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { newPackName, PackWriter } from './prepared.ts';
import type { WorkItem, WorkResult } from './process.ts';
import type { WorkBatch } from './worker.ts';

const PARALLEL_THRESHOLD = 64;
const BATCH_SIZE = 32;

/**
 * Checks the items (and renders them into packs in `preparedDir` when given, one per thread);
 * results in input order.
 */
export async function checkInParallel(
  items: readonly WorkItem[],
  preparedDir?: string,
): Promise<WorkResult[]> {
  if (items.length === 0) return [];
  const threads = Math.min(availableParallelism(), Math.ceil(items.length / BATCH_SIZE));
  if (items.length < PARALLEL_THRESHOLD || threads < 2) {
    // Imported only when there is work: an unchanged collection never loads the parsers.
    const { processItem } = await import('./process.ts');
    const pack = preparedDir === undefined ? undefined : new PackWriter(preparedDir, newPackName());
    try {
      return items.map((item) => processItem(item, pack));
    } finally {
      pack?.close();
    }
  }
  const results: WorkResult[][] = [];
  let next = 0;
  const batches: { index: number; items: WorkItem[] }[] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE)
    batches.push({ index: batches.length, items: items.slice(i, i + BATCH_SIZE) });

  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const prepared =
        preparedDir === undefined ? undefined : { dir: preparedDir, pack: newPackName() };
      const send = () => {
        const batch = batches[next++];
        if (!batch) {
          resolve();
          return;
        }
        worker.once('message', (done: WorkResult[]) => {
          results[batch.index] = done;
          send();
        });
        const message: WorkBatch = { items: batch.items, prepared };
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
