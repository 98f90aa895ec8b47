/**
 * The bridge from Astro's content collection to the site model: the only module pages import
 * `astro:content` through. The collection says which articles are published and where their
 * renderings lie (see src/loader/articles-loader.ts); the model is built once per build and shared
 * by every page.
 */
import { getCollection } from 'astro:content';
import type { PreparedRef } from '../checker/prepared.ts';
import { buildSite, siteArticle, type Site, type SiteArticle } from './model.ts';
import { loadPreparedLazily } from './prepare.ts';

let site: Promise<Site> | undefined;
/** The articles of the last model, by slug and digest: in dev, only changed ones are read again. */
let loaded = new Map<string, SiteArticle>();

export function getSite(): Promise<Site> {
  // In dev, content changes while the server runs: rebuild the model on every request there.
  if (import.meta.env.DEV) site = undefined;
  site ??= getCollection('articles').then((entries) => {
    const previous = loaded;
    const current = new Map<string, SiteArticle>();
    for (const entry of entries) {
      const digest = String((entry as { digest?: string | number }).digest ?? '');
      const key = `${entry.id}\u0000${digest}`;
      let article = previous.get(key);
      if (!article) {
        // The loader stored a PreparedRef; nothing else writes this collection.
        const { data, body } = loadPreparedLazily(entry.data as PreparedRef);
        article = siteArticle({ slug: entry.id, digest, data, body });
      }
      current.set(key, article);
    }
    loaded = current;
    return buildSite([...current.values()]);
  });
  return site;
}
