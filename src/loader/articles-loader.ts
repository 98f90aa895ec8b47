/**
 * The content loader for articles: the same parse-and-validate code as `check`, then our own
 * Markdown rendering. Any error (in the content, or raised while rendering) fails the build with the
 * same lines `check` prints; Astro's glob loader would only log it. Drafts are checked but never
 * stored, so no page, index, feed or search can publish them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { checkArticle, type Article } from '../article/article-file.ts';
import { checkCollection } from '../article/collection.ts';
import { compareDiagnostics } from '../article/diagnostics.ts';
import { findArticleFiles } from '../checker/files.ts';
import { formatDiagnostic } from '../cli/report.ts';
import { prepareArticle } from '../site/prepare.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export function articlesLoader(options: { base: string }): Loader {
  return {
    name: 'dossier-articles',
    async load(context) {
      const { store, config, logger } = context;
      const root = fileURLToPath(config.root);
      const files = await findArticleFiles([options.base], root);
      const checked = await Promise.all(
        files.map(async (file) => ({ file, bytes: await readFile(path.join(root, file)) })),
      ).then((items) =>
        items.map((item) => ({
          ...checkArticle(item.file, item.bytes),
          digest: context.generateDigest(item.bytes.toString('base64')),
        })),
      );

      const diagnostics = [
        ...checked.flatMap((c) => c.report.diagnostics),
        ...checkCollection(checked.map((c) => c.report)),
      ].sort(compareDiagnostics);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        throw new ContentError(
          `${String(errors.length)} error(s) in the articles:\n${errors.map(formatDiagnostic).join('\n')}`,
        );
      }
      for (const warning of diagnostics) logger.warn(formatDiagnostic(warning));

      store.clear();
      for (const { article, digest } of checked) {
        if (!article || article.data.draft) continue;
        store.set({
          id: article.slug,
          data: article.data,
          digest,
          filePath: article.file,
          rendered: render(article),
        });
      }
    },
  };
}

function render(article: Article) {
  try {
    const prepared = prepareArticle(article);
    return {
      html: prepared.html,
      metadata: { headings: [...prepared.headings], dir: prepared.dir, sources: prepared.sources },
    };
  } catch (error) {
    throw new ContentError(
      `${article.file}:1:1  error  The article could not be rendered: ${error instanceof Error ? error.message : String(error)}  (render-failed)`,
    );
  }
}
