/** A worker thread that checks batches of article files, so both cores share the Markdown parsing. */
import { parentPort } from 'node:worker_threads';
import { PackWriter } from './prepared.ts';
import { processItem, type WorkItem } from './process.ts';

// yaml reads `process.env.LOG_TOKENS` for every token it parses, and Node's process.env reads
// through to the environment each time (about 0.14 µs): a quarter of this thread's YAML parsing.
// A plain copy holds the same values, and nothing in this thread changes the environment.
process.env = { ...process.env };

export interface WorkBatch {
  readonly items: WorkItem[];
  /** Where to keep rendered articles, and the pack of this thread, when the build asked for them. */
  readonly prepared: { readonly dir: string; readonly pack: string } | undefined;
}

let pack: PackWriter | undefined;

parentPort?.on('message', (batch: WorkBatch) => {
  const { prepared } = batch;
  if (prepared && pack?.name !== prepared.pack) {
    pack?.close();
    pack = new PackWriter(prepared.dir, prepared.pack);
  }
  parentPort?.postMessage(batch.items.map((item) => processItem(item, prepared && pack)));
});
