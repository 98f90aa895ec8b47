/**
 * `npm run build`: checks every article first (failing with the same lines as `check`), then builds
 * the site into a staging folder and swaps it into `dist/` only when the whole build succeeded, so a
 * failed build leaves the previous site exactly as it was. A build killed outright leaves its staging
 * folder, which the next build removes.
 *
 * Pages whose props are unchanged since the previous build are taken from it rather than rendered
 * (src/site/page-reuse.ts). The replaced site is not deleted on the way out, which took seconds of
 * every build: it goes to a trash folder, emptied in the background once the new site is in place.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { enableCompileCache } from 'node:module';
import { setPriority } from 'node:os';
import path from 'node:path';
import { codeKey, DEFAULT_CACHE_DIR } from '../checker/cache.ts';
import { ARTICLES_DIR, findArticleFiles } from '../checker/files.ts';
import { checkFiles, handOverCheck } from '../checker/run.ts';
import { startIndexing } from '../integrations/pagefind.ts';
import { publishedFrom } from '../loader/published.ts';
import { beginReuse, endReuse } from '../site/page-reuse.ts';
import { render } from './report.ts';

export const OUT_DIR = 'dist';

/** Where replaced sites wait to be deleted, inside the cache folder. */
const TRASH_DIR = 'trash';

/** Moves `target` aside to `trash`, puts `staging` in its place. */
async function swapIn(staging: string, target: string, trash: string): Promise<void> {
  const previous = `${target}.previous-${String(process.pid)}`;
  await rm(previous, { recursive: true, force: true });
  const replaced = await rename(target, previous).then(
    () => true,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return false;
    },
  );
  await rename(staging, target);
  if (!replaced) return;
  const discarded = path.join(trash, `dist-${String(process.pid)}-${String(Date.now())}`);
  // Where the trash cannot take it (another file system), it is deleted now.
  await mkdir(trash, { recursive: true })
    .then(() => rename(previous, discarded))
    .catch(() => rm(previous, { recursive: true, force: true }));
}

/**
 * Deletes what is in the trash (this build's replaced site, and anything a killed build left) in a
 * detached, low-priority process, which the build does not wait for: the new site is in place, and
 * deleting tens of thousands of files from here took seconds, or slowed the next build's own file
 * work when that build did it.
 */
function emptyTrashInBackground(trash: string): void {
  if (!existsSync(trash)) return;
  const child = spawn(
    process.execPath,
    ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', trash],
    { detached: true, stdio: 'ignore' },
  );
  child.on('error', () => undefined);
  try {
    if (child.pid !== undefined) setPriority(child.pid, 19);
  } catch {
    // Only a matter of speed.
  }
  child.unref();
}

/** What every page is made with besides its props: the code, the configuration, the address. */
async function pagesBase(root: string): Promise<string> {
  const config = await readFile(path.join(root, 'astro.config.mjs'), 'utf8').catch(() => '');
  return [await codeKey(['']), config, process.env.SITE_URL ?? ''].join('\u0000');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What a build killed before it could clean up left behind (its staging folder, or the previous
 * site it was swapping out): removed, or, should the kill have come between the two renames of the
 * swap, put back as `dist/`.
 */
async function tidyAbandoned(root: string, target: string): Promise<void> {
  for (const name of (await readdir(root)).sort()) {
    const match = /^dist\.(staging|previous)-(\d+)$/.exec(name);
    if (!match || isRunning(Number(match[2]))) continue;
    const folder = path.join(root, name);
    if (match[1] === 'previous') await rename(folder, target).catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const root = process.cwd();
  // As Astro's own CLI does (\`astro build\`): Node keeps the compiled code of Astro, Vite and the
  // build's page chunks between builds (in $TMPDIR/node-compile-cache, or NODE_COMPILE_CACHE).
  enableCompileCache();
  // Loading Astro takes seconds of the main thread, which the check leaves idle: both at once.
  const astro = import('astro');
  // Should the check fail first, the build never awaits it: a failed load must not crash the exit.
  astro.catch(() => undefined);
  const cacheDir = path.join(root, DEFAULT_CACHE_DIR);
  return checkAndBuild(root, astro, cacheDir, path.join(cacheDir, TRASH_DIR));
}

async function checkAndBuild(
  root: string,
  astro: Promise<typeof import('astro')>,
  cacheDir: string,
  trash: string,
): Promise<number> {
  await tidyAbandoned(root, path.join(root, OUT_DIR));
  // One pass over every changed article, on all cores: check it and render it for the loader.
  const result = await checkFiles(await findArticleFiles([ARTICLES_DIR], root), {
    root,
    prepare: true,
  });
  if (result.errors > 0) {
    process.stderr.write(
      `${render(result, 'text')}\nThe site was not built; ${OUT_DIR}/ is unchanged.\n`,
    );
    return 1;
  }
  if (result.warnings > 0) process.stdout.write(`${render(result, 'text')}\n`);
  handOverCheck(root, ARTICLES_DIR, result);
  // The search index needs only the checked articles: it starts now, at the lowest priority, in the
  // seconds Astro takes to start and bundle on one core (src/integrations/pagefind.ts).
  startIndexing(root, publishedFrom(root, result));

  const target = path.join(root, OUT_DIR);
  const staging = path.join(root, `${OUT_DIR}.staging-${String(process.pid)}`);
  const plan = await beginReuse({ base: await pagesBase(root), previousDir: target, cacheDir });
  try {
    const { build } = await astro;
    await build({ root, outDir: staging });
  } catch (error) {
    await endReuse(plan, undefined);
    await rm(staging, { recursive: true, force: true });
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\nThe site was not built; ${OUT_DIR}/ is unchanged.\n`,
    );
    return 1;
  }
  await swapIn(staging, target, trash);
  await endReuse(plan, { siteDir: target, cacheDir });
  emptyTrashInBackground(trash);
  return 0;
}

const status = await main();
// A failed build does not wait for work it started and no longer needs: the search index is made
// while the pages render, and would otherwise keep the process alive until it was complete.
if (status !== 0) process.exit(status);
