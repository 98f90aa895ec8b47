/**
 * The sitemap: every page of the site, those Astro rendered and those reused from the previous
 * build (src/site/page-reuse.ts), the error page aside, in `sitemap-index.xml` and
 * `sitemap-<n>.xml` (45,000 addresses each), written with the `sitemap` package.
 *
 * It replaces @astrojs/sitemap, and writes the same files: that integration sorted the addresses
 * with `localeCompare` and options, which makes a collator for every comparison (0.5 to 1.2 s of
 * every 10,000-article build), and knew of reused pages only through its `customPages` option.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { SitemapAndIndexStream, SitemapStream } from 'sitemap';
import { currentPlan } from '../site/page-reuse.ts';

const ENTRIES_PER_FILE = 45_000;

/** Pages that answer errors: no search engine should list them. */
const STATUS_PAGES = new Set(['404', '500']);

/**
 * The sitemap's addresses for the pages' paths (as Astro lists them: `articles/x/`, `` for the
 * home page), sorted, numbers by value (`/2/` before `/10/`).
 */
export function sitemapUrls(site: string, pathnames: Iterable<string>): string[] {
  const base = new URL('/', site);
  const urls = new Set<string>();
  for (const pathname of pathnames) {
    const relative = pathname.replace(/^\//, '');
    if (STATUS_PAGES.has(relative.replace(/\/$/, ''))) continue;
    urls.add(new URL(relative, base).href);
  }
  return [...urls].sort(new Intl.Collator('en', { numeric: true }).compare);
}

async function writeSitemap(dir: string, site: string, urls: readonly string[]): Promise<void> {
  const hostname = new URL('/', site).href;
  const files: WriteStream[] = [];
  const index = new SitemapAndIndexStream({
    limit: ENTRIES_PER_FILE,
    getSitemapStream: (n) => {
      const sitemap = new SitemapStream({
        hostname,
        xmlns: { news: true, xhtml: true, image: true, video: true },
      });
      const name = `sitemap-${String(n)}.xml`;
      const file = sitemap.pipe(createWriteStream(path.join(dir, name)));
      files.push(file);
      return [new URL(name, hostname).href, sitemap, file];
    },
  });
  await pipeline(
    Readable.from(urls.map((url) => ({ url }))),
    index,
    createWriteStream(path.join(dir, 'sitemap-index.xml')),
  );
  // The pipeline ends with the index; each sitemap file is its own stream.
  await Promise.all(files.map((file) => finished(file)));
}

export default function sitemapIntegration(): AstroIntegration {
  let site: string | undefined;
  return {
    name: 'dossier:sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        if (site === undefined) {
          logger.warn('No `site` in the configuration: no sitemap written.');
          return;
        }
        const reused = currentPlan()?.reused ?? [];
        const urls = sitemapUrls(site, [
          ...pages.map((page) => page.pathname),
          ...reused.map((page) => page.pathname),
        ]);
        await writeSitemap(fileURLToPath(dir), site, urls);
      },
    },
  };
}
