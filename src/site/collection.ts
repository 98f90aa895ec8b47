/**
 * The bridge from Astro's content collection to the site model: the only module pages import
 * `astro:content` through. The collection says which articles are published and where their
 * renderings lie (see src/loader/articles-loader.ts); the model is built once per build and shared
 * by every page.
 */
import { getCollection } from 'astro:content';
import type { PreparedRef } from '../checker/prepared.ts';
import { buildSite, type Site, type SiteArticle } from './model.ts';
import { loadPrepared } from './prepare.ts';

let site: Promise<Site> | undefined;

export function getSite(): Promise<Site> {
  // In dev, content changes while the server runs: rebuild the model on every request there.
  if (import.meta.env.DEV) site = undefined;
  site ??= getCollection('articles').then((entries) =>
    buildSite(
      entries.map((entry): SiteArticle => {
        // The loader stored a PreparedRef; nothing else writes this collection.
        const { data, ...body } = loadPrepared(entry.data as PreparedRef);
        return {
          slug: entry.id,
          digest: String((entry as { digest?: string | number }).digest ?? ''),
          data,
          ...body,
        };
      }),
    ),
  );
  return site;
}
