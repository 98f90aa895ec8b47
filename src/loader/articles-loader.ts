/**
 * The content loader for articles. It runs the same check as `npm run check` (failing the build
 * with the same lines on any error; Astro's glob loader would only log it), and takes each
 * article's rendered HTML from the checker's digest-keyed store, so the Markdown of an article is
 * parsed once per change, on both cores. Entries whose file and code are unchanged since the last
 * build are left as Astro stored them. Drafts are checked but never stored, so no page, index,
 * feed or search can publish them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { checkArticle } from '../article/article-file.ts';
import { findArticleFiles } from '../checker/files.ts';
import { readPrepared, type PreparedArticle } from '../checker/prepared.ts';
import { checkFiles, type CheckedFile } from '../checker/run.ts';
import { formatDiagnostic } from '../cli/report.ts';
import { prepareArticle } from '../site/prepare.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

/** Renders in this process: for the rare entry whose stored rendering is missing or unreadable. */
async function prepareHere(root: string, file: string): Promise<PreparedArticle> {
  const { article } = checkArticle(file, await readFile(path.join(root, file)));
  if (!article)
    throw new ContentError(`${file} changed while the site was being built. Build again.`);
  try {
    return { data: article.data, ...prepareArticle(article) };
  } catch (error) {
    throw new ContentError(
      `${file}:1:1  error  The article could not be rendered: ${error instanceof Error ? error.message : String(error)}  (render-failed)`,
    );
  }
}

async function store(
  context: LoaderContext,
  root: string,
  preparedDir: string | undefined,
  entry: CheckedFile,
  digest: string,
) {
  const prepared =
    (preparedDir === undefined ? undefined : readPrepared(preparedDir, entry.digest)) ??
    (await prepareHere(root, entry.file));
  const { data, ...body } = prepared;
  context.store.set({
    id: entry.slug,
    data,
    digest,
    filePath: entry.file,
    rendered: {
      html: body.html,
      metadata: { headings: [...body.headings], dir: body.dir, sources: body.sources },
    },
  });
}

export function articlesLoader(options: { base: string }): Loader {
  return {
    name: 'dossier-articles',
    async load(context) {
      const root = fileURLToPath(context.config.root);
      const files = await findArticleFiles([options.base], root);
      const result = await checkFiles(files, { root, prepare: true });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        throw new ContentError(
          `${String(errors.length)} error(s) in the articles:\n${errors.map(formatDiagnostic).join('\n')}`,
        );
      }
      for (const warning of result.diagnostics) context.logger.warn(formatDiagnostic(warning));

      const published = new Set<string>();
      for (const entry of result.checked) {
        if (!entry.publishable) continue;
        published.add(entry.slug);
        const digest = `${result.version}.${entry.digest}`;
        if (context.store.get(entry.slug)?.digest === digest) continue;
        await store(context, root, result.preparedDir, entry, digest);
      }
      for (const id of context.store.keys()) if (!published.has(id)) context.store.delete(id);
    },
  };
}
