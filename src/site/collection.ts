/**
 * The bridge from Astro's content collection to the site model: the only module pages import
 * `astro:content` through. The model is built once per build and shared by every page.
 */
import { getCollection } from 'astro:content';
import type { Frontmatter } from '../article/schema/article.ts';
import type { Heading } from '../markdown/rehype-collect-headings.ts';
import { buildSite, type Site, type SiteArticle } from './model.ts';
import type { SourceUse } from './prepare.ts';

let site: Promise<Site> | undefined;

export function getSite(): Promise<Site> {
  // In dev, content changes while the server runs: rebuild the model on every request there.
  if (import.meta.env.DEV) site = undefined;
  site ??= getCollection('articles').then((entries) =>
    buildSite(
      entries.map((entry): SiteArticle => {
        const metadata: Record<string, unknown> = entry.rendered?.metadata ?? {};
        return {
          slug: entry.id,
          digest: String((entry as { digest?: string | number }).digest ?? ''),
          // The loader stored the output of the contract's schema; nothing else writes this collection.
          data: entry.data as Frontmatter,
          html: entry.rendered?.html ?? '',
          dir: metadata.dir === 'rtl' ? 'rtl' : 'ltr',
          headings: (metadata.headings ?? []) as Heading[],
          sources: (metadata.sources ?? []) as SourceUse[],
        };
      }),
    ),
  );
  return site;
}
