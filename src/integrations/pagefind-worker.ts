/**
 * A worker thread that indexes search shards (src/integrations/pagefind.ts) with a Pagefind process
 * of its own. Pagefind's Node API drives one process per module instance, and that process works
 * through its requests one at a time: shards indexed side by side from one thread took as long as
 * one after another. Each worker thread has its own instance, so its own process, started anew
 * for each shard.
 */
import type { ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
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
subscribe('child_process', (message) => {
  started.add((message as { process: ChildProcess }).process);
});

/**
 * Pagefind runs beside Astro's rendering: the rendering gets a core whenever it wants one, and
 * Pagefind the time it leaves, then both cores once the pages are written. On Linux a priority
 * belongs to a thread and is inherited by what it starts, so this thread takes the lowest one
 * before its Pagefind process starts: the process's many threads then all have it. (Setting it on
 * the process once started would miss the threads it had already made; and the process has no id
 * yet when the child_process channel above announces it.)
 */
const PAGEFIND_NICENESS = 19;
function lowerThisThreadsPriority(): void {
  try {
    const thread = Number(path.basename(readlinkSync('/proc/thread-self')));
    if (Number.isInteger(thread)) setPriority(thread, PAGEFIND_NICENESS);
  } catch {
    // No per-thread priorities here (not Linux): only a matter of speed.
  }
}
lowerThisThreadsPriority();

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

/** Stops this thread's Pagefind process, if it has one, and waits until it has exited. */
async function stopPagefind(): Promise<void> {
  await pagefind.close();
  await Promise.all([...started].map(exited));
  started.clear();
}

const port = parentPort;
if (port) {
  port.on('message', (job: ShardJob) => {
    if ('close' in job) {
      void stopPagefind().finally(() => {
        port.close();
      });
      return;
    }
    void (async (): Promise<ShardDone> => {
      try {
        await indexShard(job.articles, job.outputPath);
        // A new process for each shard: one that has indexed a few shards holds up to 330 MB, one
        // indexing its first up to 180 MB, and the build's peak comes while they work
        // (docs/decisions.md, "Memory").
        await stopPagefind();
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    })().then((done) => {
      port.postMessage(done);
    });
  });
}
