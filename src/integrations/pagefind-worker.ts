/**
 * A worker thread that indexes search shards (src/integrations/pagefind.ts) with a Pagefind process
 * of its own. Pagefind's Node API drives one process per module instance, and that process works
 * through its requests one at a time: shards indexed side by side from one thread took as long as
 * one after another. Each worker thread has its own instance, so its own process.
 */
import type { ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { indexShard, type ArticleToIndex } from './pagefind.ts';

/** Index these articles into a bundle at `outputPath`; or, with `close`, stop. */
export type ShardJob =
  | { readonly articles: readonly ArticleToIndex[]; readonly outputPath: string }
  | { readonly close: true };

export type ShardDone = { readonly ok: true } | { readonly ok: false; readonly error: string };

// Pagefind stops its process without waiting for it to exit. A thread that ended first would leave
// the process unreaped, and its time and memory out of this process's accounts: each is awaited.
const started = new Set<ChildProcess>();
/**
 * Pagefind runs beside Astro's rendering, which is the longer of the two: the rendering gets a core
 * first whenever both want one, and Pagefind the time it leaves.
 */
const PAGEFIND_NICENESS = 10;
subscribe('child_process', (message) => {
  const child = (message as { process: ChildProcess }).process;
  started.add(child);
  try {
    if (child.pid !== undefined) setPriority(child.pid, PAGEFIND_NICENESS);
  } catch {
    // Only a matter of speed.
  }
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

const port = parentPort;
if (port) {
  port.on('message', (job: ShardJob) => {
    if ('close' in job) {
      void pagefind
        .close()
        .then(() => Promise.all([...started].map(exited)))
        .finally(() => {
          port.close();
        });
      return;
    }
    void (async (): Promise<ShardDone> => {
      try {
        await indexShard(job.articles, job.outputPath);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    })().then((done) => {
      port.postMessage(done);
    });
  });
}
