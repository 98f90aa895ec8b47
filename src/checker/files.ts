/** Finds the article files to check: Markdown files under the given folders, in any sub-folder. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const ARTICLES_DIR = 'content/articles';

export class MissingPathError extends Error {
  readonly missing: string;

  constructor(missing: string) {
    super(`No file or folder named \`${missing}\`.`);
    this.missing = missing;
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) out.push(full);
  }
}

/** Article files under `paths` (files are taken as given), relative to `cwd`, sorted. */
export async function findArticleFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const info = await stat(full).catch(() => undefined);
    if (!info) throw new MissingPathError(given);
    if (info.isDirectory()) await walk(full, files);
    else files.push(full);
  }
  const relative = [...new Set(files)].map((file) =>
    path.relative(cwd, file).split(path.sep).join('/'),
  );
  return relative.sort();
}
