/**
 * `npm run build`: checks every article first (failing with the same lines as `check`), then builds
 * the site into a staging folder and swaps it into `dist/` only when the whole build succeeded, so a
 * failed build leaves the previous site exactly as it was. A build killed outright leaves its staging
 * folder, which the next build removes.
 */
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLES_DIR, findArticleFiles } from '../checker/files.ts';
import { checkFiles } from '../checker/run.ts';
import { render } from './report.ts';

export const OUT_DIR = 'dist';

async function swapIn(staging: string, target: string): Promise<void> {
  const previous = `${target}.previous-${String(process.pid)}`;
  await rm(previous, { recursive: true, force: true });
  await rename(target, previous).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
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
  // Loading Astro takes seconds of the main thread, which the check leaves idle: both at once.
  const astro = import('astro');
  // Should the check fail first, the build never awaits it: a failed load must not crash the exit.
  astro.catch(() => undefined);
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

  const target = path.join(root, OUT_DIR);
  const staging = path.join(root, `${OUT_DIR}.staging-${String(process.pid)}`);
  try {
    const { build } = await astro;
    await build({ root, outDir: staging });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\nThe site was not built; ${OUT_DIR}/ is unchanged.\n`,
    );
    return 1;
  }
  await swapIn(staging, target);
  return 0;
}

process.exitCode = await main();
