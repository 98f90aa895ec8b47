/**
 * The articles the content loader published in this process's last sync, for the search index
 * (src/integrations/pagefind.ts), which starts indexing them while Astro renders the pages. The
 * loader runs inside Astro's build, a separate copy of this module from the integration's: the list
 * is shared through the process's global object.
 */
import path from 'node:path';
import { preparedRef, type PreparedRef } from '../checker/prepared.ts';
import type { CheckResult } from '../checker/run.ts';

export interface PublishedArticle {
  readonly slug: string;
  /** Changes whenever the article's file or the code that checked and rendered it changes. */
  readonly digest: string;
  readonly ref: PreparedRef;
}

const PUBLISHED = Symbol.for('dossier.published');
const registry = globalThis as {
  [PUBLISHED]?: { readonly root: string; readonly articles: readonly PublishedArticle[] };
};

/**
 * The articles a check of the site at `root` publishes: its publishable files, drafts left out.
 * What the content loader stores, and what the search index is made from.
 */
export function publishedFrom(root: string, result: CheckResult): PublishedArticle[] {
  return result.checked
    .filter((entry) => entry.publishable)
    .map((entry) => ({
      slug: entry.slug,
      digest: `${result.version}.${entry.digest}`,
      ref: preparedRef(path.join(root, entry.file), result.preparedDir, entry.prepared),
    }));
}

export function recordPublished(root: string, articles: readonly PublishedArticle[]): void {
  registry[PUBLISHED] = { root: path.resolve(root), articles };
}

/** The articles last published for the site at `root`; undefined when the loader has not run. */
export function publishedArticles(root: string): readonly PublishedArticle[] | undefined {
  const published = registry[PUBLISHED];
  return published?.root === path.resolve(root) ? published.articles : undefined;
}
