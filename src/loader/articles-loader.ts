/**
 * The content loader for articles. It runs the same check as `npm run check` (failing the build
 * with the same lines on any error; Astro's glob loader would only log it), which also renders each
 * publishable article, on both cores, into the checker's digest-keyed store. Astro's store keeps
 * only where that rendering lies: Astro inlines its whole data store into the build's server bundle
 * as one JavaScript string, so storing the articles there (122 MB at 10,000 articles) cost more
 * time and memory to bundle, compile and parse than the pages took to render. Entries whose file
 * and code are unchanged since the last build are left as they are. Drafts are checked but never
 * stored, so no page, index, feed or search can publish them.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { findArticleFiles } from '../checker/files.ts';
import { checkFiles, takeCheck } from '../checker/run.ts';
import { formatDiagnostic } from '../cli/report.ts';
import { publishedFrom, recordPublished } from './published.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export function articlesLoader(options: { base: string }): Loader {
  return {
    name: 'dossier-articles',
    async load(context) {
      const root = fileURLToPath(context.config.root);
      const result =
        takeCheck(root, options.base) ??
        (await checkFiles(await findArticleFiles([options.base], root), { root, prepare: true }));
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        throw new ContentError(
          `${String(errors.length)} error(s) in the articles:\n${errors.map(formatDiagnostic).join('\n')}`,
        );
      }
      // In a build, src/cli/build.ts has printed the warnings already, in the form `check` prints;
      // while `npm run dev` runs, this is where an editor sees them.
      if (context.watcher)
        for (const warning of result.diagnostics) context.logger.warn(formatDiagnostic(warning));

      const published = publishedFrom(root, result);
      for (const { slug, digest, ref } of published) {
        const stored = context.store.get(slug);
        // The same article may have been rendered again elsewhere (its pack was gone).
        if (stored?.digest === digest && isDeepStrictEqual(stored.data, ref)) continue;
        context.store.set({
          id: slug,
          data: { ...ref },
          digest,
          filePath: path.relative(root, ref.source),
        });
      }
      const slugs = new Set(published.map((article) => article.slug));
      for (const id of context.store.keys()) if (!slugs.has(id)) context.store.delete(id);
      recordPublished(root, published);
    },
  };
}
