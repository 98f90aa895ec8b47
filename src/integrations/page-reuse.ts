/**
 * Puts the pages the routes chose to reuse (src/site/page-reuse.ts) into the new site once Astro has
 * rendered the others, before any other integration reads the site: list it first. Each is a hard
 * link to the previous site's file, which nothing rewrites in place (builds write new files into a
 * new folder and swap folders), so the two names never disagree; across file systems it copies.
 */
import { copyFile, link, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { currentPlan, type ReusedPage } from '../site/page-reuse.ts';

/** Links in flight at once: enough to keep the file system busy, few enough for its handles. */
const PARALLEL_LINKS = 64;

async function eachInParallel<T>(
  items: readonly T[],
  run: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_LINKS, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) await run(items[index] as T);
    }),
  );
}

async function placePages(pages: readonly ReusedPage[], from: string, to: string): Promise<void> {
  const folders = [...new Set(pages.map((page) => path.dirname(path.join(to, page.file))))];
  await eachInParallel(folders, (folder) => mkdir(folder, { recursive: true }));
  await eachInParallel(pages, async ({ file }) => {
    const source = path.join(from, file);
    const target = path.join(to, file);
    await link(source, target).catch(() => copyFile(source, target));
  });
}

export default function pageReuseIntegration(): AstroIntegration {
  return {
    name: 'dossier:page-reuse',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const plan = currentPlan();
        if (!plan || plan.reused.length === 0) return;
        const started = performance.now();
        await placePages(plan.reused, plan.previousDir, fileURLToPath(dir));
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(
          `Reused ${String(plan.reused.length)} unchanged page${plan.reused.length === 1 ? '' : 's'} from the previous build in ${seconds} s.`,
        );
      },
    },
  };
}
