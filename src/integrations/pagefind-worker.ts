/**
 * A worker thread that indexes search shards (src/integrations/pagefind.ts) with a Pagefind process
 * of its own. Pagefind's Node API drives one process per module instance, and that process works
 * through its requests one at a time: shards indexed side by side from one thread took as long as
 * one after another. Each worker thread has its own instance, so its own process.
 */
import type { ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { indexPages, type PageSource } from './pagefind.ts';

/**
 * What the thread is told, in this order for each shard: `start` a bundle at this path, index each
 * `page` (sent as soon as it is written), and `end` it, or `abort` it; `close` stops the thread.
 */
export type ShardMessage =
  | { readonly start: string }
  | { readonly page: PageSource }
  | { readonly end: true }
  | { readonly abort: string }
  | { readonly close: true };

export type ShardDone = { readonly ok: true } | { readonly ok: false; readonly error: string };

// Pagefind stops its process without waiting for it to exit. A thread that ended first would leave
// the process unreaped, and its time and memory out of this process's accounts: each is awaited.
const started = new Set<ChildProcess>();
subscribe('child_process', (message) => {
  started.add((message as { process: ChildProcess }).process);
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
  let pages: Readable | undefined;
  port.on('message', (message: ShardMessage) => {
    if ('close' in message) {
      void pagefind
        .close()
        .then(() => Promise.all([...started].map(exited)))
        .finally(() => {
          port.close();
        });
    } else if ('start' in message) {
      const shard = new Readable({ objectMode: true, read: () => undefined });
      pages = shard;
      void indexPages(shard as AsyncIterable<PageSource>, message.start)
        .then(
          (): ShardDone => ({ ok: true }),
          (error: unknown): ShardDone => ({
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .then((done) => {
          port.postMessage(done);
        });
    } else if ('page' in message) {
      pages?.push(message.page);
    } else if ('end' in message) {
      pages?.push(null);
    } else {
      pages?.destroy(new Error(message.abort));
    }
  });
}
