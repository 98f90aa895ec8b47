/**
 * A worker thread that indexes search shards (src/integrations/pagefind.ts) with a Pagefind process
 * of its own. Pagefind's Node API drives one process per module instance, and that process works
 * through its requests one at a time: shards indexed side by side from one thread took as long as
 * one after another. Each worker thread has its own instance, so its own process.
 */
import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { indexPages } from './pagefind.ts';

/** Index these pages of the site into a bundle at `outputPath`; or, with `close`, stop. */
export type ShardJob =
  | { readonly siteDir: string; readonly files: readonly string[]; readonly outputPath: string }
  | { readonly close: true };

export type ShardDone = { readonly ok: true } | { readonly ok: false; readonly error: string };

const port = parentPort;
if (port) {
  port.on('message', (job: ShardJob) => {
    if ('close' in job) {
      void pagefind.close().finally(() => {
        port.close();
      });
      return;
    }
    void (async (): Promise<ShardDone> => {
      try {
        await indexPages(job.siteDir, job.files, job.outputPath);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    })().then((done) => {
      port.postMessage(done);
    });
  });
}
