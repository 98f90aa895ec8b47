/**
 * `npm run build`: checks every article first (failing with the same lines as `check`), then builds
 * the site into a staging folder and swaps it into `dist/` only when the whole build succeeded, so a
 * failed build leaves the previous site exactly as it was.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'astro';
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

async function main(): Promise<number> {
  const root = process.cwd();
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
