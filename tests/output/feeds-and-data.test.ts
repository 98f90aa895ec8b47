/**
 * What machines read from both built sites: the RSS feed, read by a real feed parser; the JSON-LD
 * of every page; the sitemap. tests/site/site.test.ts checks the fixture's feed order, its article
 * JSON-LD field by field and its sitemap's main entries; these tests add the example site, a feed
 * reader's view, every page's JSON-LD and every sitemap entry checked against the build.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { FixtureArticle } from '../site/build-fixture.ts';
import {
  articlePages,
  fileAt,
  SITE,
  SITE_NAMES,
  urlPathOf,
  useBuiltSites,
  type BuiltSite,
} from './sites.ts';

/** The schema.org type of an article, by its kind (src/site/json-ld.ts). */
const ARTICLE_TYPES: Record<string, string> = {
  news: 'NewsArticle',
  analysis: 'AnalysisNewsArticle',
  explainer: 'BackgroundNewsArticle',
  brief: 'ReportageNewsArticle',
  opinion: 'OpinionNewsArticle',
};

/** The types that may appear inside those blocks. */
const NESTED_TYPES = new Set([
  'Person',
  'Organization',
  'CreativeWork',
  'CorrectionComment',
  'Question',
  'Answer',
]);

/** The feed holds at most this many articles (src/pages/rss.xml.ts). */
const FEED_SIZE = 50;

const { site } = useBuiltSites();

async function read(built: BuiltSite, file: string): Promise<string> {
  return readFile(path.join(built.dist, file), 'utf8');
}

function articleOf(built: BuiltSite, file: string): FixtureArticle | undefined {
  const slug = /^articles\/([^/]+)\/index\.html$/.exec(file)?.[1];
  return built.published.find((article) => article.slug === slug);
}

/** Every object in a JSON value that has an @type, with where it is. */
function typedNodes(value: unknown, at = '$'): { at: string; type: unknown }[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => typedNodes(item, `${at}[${String(index)}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = '@type' in record ? [{ at, type: record['@type'] }] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) => typedNodes(child, `${at}.${key}`)),
  ];
}

/** A local path for an address on the site's own origin, or undefined for any other address. */
function ownPath(address: string): string | undefined {
  const url = new URL(address);
  return url.origin === SITE ? url.pathname : undefined;
}

describe.each(SITE_NAMES)('the %s site', (name) => {
  describe('its RSS feed', () => {
    it('parses as an RSS feed of the site, in English, linking to the home page', async () => {
      const feed = parseFeed(await read(site(name), 'rss.xml'));
      expect(feed.meta.type).toBe('rss');
      expect(feed.title).toBe('Dossier');
      expect(feed.description).toBeTruthy();
      expect(feed.url).toBe(`${SITE}/`);
      expect(feed.language).toBe('en');
    });

    it('lists every published article, newest first, with an absolute link to its page, its title and its date', async () => {
      const built = site(name);
      const feed = parseFeed(await read(built, 'rss.xml'));
      const expected = built.published.length;
      expect(expected).toBeGreaterThan(0);
      expect(feed.items.length).toBe(Math.min(expected, FEED_SIZE));
      const slugs: string[] = [];
      let previous = Infinity;
      for (const item of feed.items) {
        // The parser resolves relative links against the channel's; the feed must not need that.
        const written = item.element.findElementWithName('link')?.textContentNormalized ?? '';
        expect(written, item.title ?? '').toMatch(
          /^https:\/\/dossier\.example\.org\/articles\/[^/]+\/$/,
        );
        expect(item.url).toBe(written);
        expect(item.id, written).toBe(written);
        const file = fileAt(built.dist, ownPath(written) ?? '');
        expect(file, `${written} has no page in the build`).toBeDefined();
        const article = articleOf(built, file ?? '');
        expect(article, written).toBeDefined();
        expect(item.title, written).toBe(article?.title);
        const $ = cheerio.load(await read(built, file ?? ''));
        expect($('h1').first().text(), written).toBe(item.title);
        expect(item.published, written).toBeInstanceOf(Date);
        const time = item.published?.getTime() ?? NaN;
        expect(time, `${written} is out of order`).toBeLessThanOrEqual(previous);
        previous = time;
        slugs.push(article?.slug ?? '');
      }
      expect(new Set(slugs).size).toBe(slugs.length);
      if (expected <= FEED_SIZE) {
        expect(slugs.sort()).toEqual(built.published.map((article) => article.slug));
      }
    });

    it('is announced by every page, at its absolute address', async () => {
      const built = site(name);
      for (const file of built.htmlFiles) {
        const $ = cheerio.load(await read(built, file));
        expect($('link[rel="alternate"][type="application/rss+xml"]').attr('href'), file).toBe(
          `${SITE}/rss.xml`,
        );
      }
    });
  });

  describe('its structured data', () => {
    it('has on every page only JSON-LD that parses, of the types the page should have: its kind, then FAQPage when it has questions; none elsewhere', async () => {
      const built = site(name);
      let blocks = 0;
      for (const file of built.htmlFiles) {
        const $ = cheerio.load(await read(built, file));
        const scripts = $('script[type="application/ld+json"]').toArray();
        const parsed = scripts.map((script, index) => {
          const text = $(script).text();
          // Escaped so no text in it can close the <script> or be read as markup.
          expect(text, `${file} block ${String(index)}`).not.toContain('<');
          try {
            return JSON.parse(text) as Record<string, unknown>;
          } catch (error) {
            throw new Error(
              `${file}: JSON-LD block ${String(index)} does not parse: ${String(error)}\n${text}`,
              { cause: error },
            );
          }
        });
        blocks += parsed.length;
        const article = articleOf(built, file);
        const expected = article
          ? [ARTICLE_TYPES[article.kind], ...(article.faq.length > 0 ? ['FAQPage'] : [])]
          : [];
        expect(
          parsed.map((block) => block['@type']),
          file,
        ).toEqual(expected);
        for (const block of parsed) {
          expect(block['@context'], file).toBe('https://schema.org');
          const nested = typedNodes(block).slice(1);
          const unknown = nested.filter(
            (node) => typeof node.type !== 'string' || !NESTED_TYPES.has(node.type),
          );
          expect(unknown, file).toEqual([]);
        }
      }
      expect(blocks).toBeGreaterThanOrEqual(built.published.length);
    });

    it("describes each article at its page's own address, with its title, language and questions", async () => {
      const built = site(name);
      const pages = articlePages(built);
      expect(pages.length).toBe(built.published.length);
      for (const file of pages) {
        const article = articleOf(built, file);
        if (!article) throw new Error(`${file}: no published article of that slug`);
        const $ = cheerio.load(await read(built, file));
        const [main, faq] = $('script[type="application/ld+json"]')
          .toArray()
          .map((script) => JSON.parse($(script).text()) as Record<string, unknown>);
        const url = `${SITE}${urlPathOf(file)}`;
        expect(main?.url, file).toBe(url);
        expect(main?.mainEntityOfPage, file).toBe(url);
        expect($('link[rel="canonical"]').attr('href'), file).toBe(url);
        expect(main?.headline, file).toBe($('h1').first().text());
        expect(main?.inLanguage, file).toBe($('html').attr('lang'));
        expect(main?.datePublished, file).toMatch(
          /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?)?)?$/,
        );
        expect((main?.citation as unknown[] | undefined)?.length, file).toBe(
          article.sources.length,
        );
        expect((faq?.mainEntity as unknown[] | undefined)?.length ?? 0, file).toBe(
          article.faq.length,
        );
      }
    });
  });

  describe('its sitemap', () => {
    async function sitemapUrls(built: BuiltSite): Promise<{ sitemaps: string[]; urls: string[] }> {
      const index = cheerio.load(await read(built, 'sitemap-index.xml'), { xml: true });
      const sitemaps = index('sitemapindex > sitemap > loc')
        .toArray()
        .map((loc) => index(loc).text().trim());
      const urls: string[] = [];
      for (const sitemap of sitemaps) {
        const file = fileAt(built.dist, ownPath(sitemap) ?? '');
        if (file === undefined) continue;
        const $ = cheerio.load(await read(built, file), { xml: true });
        urls.push(
          ...$('urlset > url > loc')
            .toArray()
            .map((loc) => $(loc).text().trim()),
        );
      }
      return { sitemaps, urls };
    }

    it("lists in its index only sitemaps that exist, on the site's own address", async () => {
      const built = site(name);
      const { sitemaps } = await sitemapUrls(built);
      expect(sitemaps.length).toBeGreaterThan(0);
      for (const sitemap of sitemaps) {
        expect(ownPath(sitemap), sitemap).toBeDefined();
        expect(fileAt(built.dist, ownPath(sitemap) ?? ''), sitemap).toMatch(/\.xml$/);
      }
    });

    it('lists only pages that exist, each once, and every page of the site but the 404 page', async () => {
      const built = site(name);
      const { urls } = await sitemapUrls(built);
      const missing = urls.filter((url) => {
        const local = ownPath(url);
        return local === undefined || !fileAt(built.dist, local)?.endsWith('.html');
      });
      expect(missing, 'sitemap entries with no page in the build').toEqual([]);
      expect(
        urls.filter((url, index) => urls.indexOf(url) !== index),
        'listed twice',
      ).toEqual([]);
      const listed = new Set(urls.map((url) => fileAt(built.dist, ownPath(url) ?? '')));
      const unlisted = built.htmlFiles.filter((file) => file !== '404.html' && !listed.has(file));
      expect(unlisted, 'pages missing from the sitemap').toEqual([]);
      expect(listed.has('404.html')).toBe(false);
    });
  });
});
