/**
 * Search as readers see it: the fixture site is built once (with the project's own config, so the
 * Pagefind integration runs), its bundle is read back from disk, and the search page is used in
 * Chromium against the built files served as a static host would serve them.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_TIMEOUT,
  buildFixture,
  FIXTURE,
  listFiles,
  loadPage,
  readFixtureArticles,
  removeBuild,
  type FixtureArticle,
  type FixtureBuild,
} from '../site/build-fixture.ts';
import { indexArticles } from '../../src/integrations/pagefind.ts';
import { chromiumAvailable, IN_CI, launchChromium } from '../support/chromium.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { folderSize, readEntry, readFragments, type Fragment } from './helpers.ts';

let build: FixtureBuild | undefined;
let articles: FixtureArticle[] = [];
let published: FixtureArticle[] = [];
let htmlFiles: string[] = [];
let fragments: Fragment[] = [];

function dist(): string {
  if (!build) throw new Error('The fixture site was not built.');
  return build.dist;
}

function fragmentOf(slug: string): Fragment {
  const found = fragments.find((fragment) => fragment.url === `/articles/${slug}/`);
  if (!found) throw new Error(`${slug} is not in the search index`);
  return found;
}

beforeAll(async () => {
  articles = await readFixtureArticles();
  published = articles.filter((article) => !article.draft);
  build = await buildFixture('UTC');
  htmlFiles = (await listFiles(build.dist)).filter((file) => file.endsWith('.html'));
  fragments = await readFragments(build.dist);
  const bytes = await folderSize(path.join(build.dist, 'pagefind'));
  console.log(`Fixture search bundle: ${(bytes / 1024).toFixed(1)} KiB`);
}, BUILD_TIMEOUT);

afterAll(async () => {
  await removeBuild(build?.root);
});

describe('the search index', () => {
  it('is built with the site, with one index per language the articles are written in', async () => {
    const entry = await readEntry(dist());
    expect(Object.keys(entry.languages).sort()).toEqual(
      [...new Set(published.map((article) => article.lang))].sort(),
    );
    expect(Object.keys(entry.languages)).toEqual(expect.arrayContaining(['en', 'it', 'ar']));
    for (const lang of ['en', 'it', 'ar']) {
      expect(entry.languages[lang]?.page_count).toBe(
        published.filter((article) => article.lang === lang).length,
      );
    }
  });

  it('holds every published article page and nothing else: no listing, search page or draft', () => {
    expect(fragments.map((fragment) => fragment.url).sort()).toEqual(
      published.map((article) => `/articles/${article.slug}/`).sort(),
    );
    for (const fragment of fragments) {
      expect(fragment.content.toLowerCase()).not.toContain('marmalade');
    }
  });

  it('files each article in the index of its own language', () => {
    for (const article of published) {
      expect(fragmentOf(article.slug).language, article.slug).toBe(article.lang);
    }
  });

  it('indexes the title, dek, body, claims and questions of an article', () => {
    const { content } = fragmentOf('alpha-summit-analysis');
    expect(content).toContain('Allies split over the summit');
    expect(content).toContain('A fixture analysis that uses every kind of date');
    expect(content).toContain('its yearbook');
    expect(content).toContain("The wire's dispatch was sent at 19:02 UTC");
    expect(content).toContain('The bases were used for the operation.');
    expect(content).toContain('Fixture Minister');
    expect(content).toContain('Were the bases used?');
    expect(content).toContain('Whether the bases were used at all.');
  });

  it('leaves out the navigation, byline, interface words, key dates, corrections and sources', () => {
    const { content } = fragmentOf('alpha-summit-analysis');
    for (const absent of [
      'Skip to content',
      'Timeline',
      'Fixture Desk',
      'Published',
      'Who said what',
      'Questions and answers',
      'Disputed',
      'Summit preparations',
      'An earlier version gave the wrong day',
      'Fixture Broadcaster',
      'Evening bulletin',
      'Defence yearbook',
      'Supports claims',
      'Notes',
    ]) {
      expect(content, absent).not.toContain(absent);
    }
    // Citation markers are apparatus: no stray numbers where the body cites a source.
    expect(content).toMatch(/reported the meeting first \./);
  });

  it('can filter every article by its type of work and its topics', () => {
    for (const article of published) {
      const { filters } = fragmentOf(article.slug);
      expect(filters.kind, article.slug).toEqual([article.kind]);
      expect([...(filters.topic ?? [])].sort(), article.slug).toEqual([...article.topics].sort());
    }
  });

  it('gives every result its title, publication date and language', () => {
    for (const article of published) {
      const { meta } = fragmentOf(article.slug);
      expect(meta.title, article.slug).toBe(article.title);
      expect(meta.lang, article.slug).toBe(article.lang);
      expect(meta.date, article.slug).toMatch(/^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z)?)?)?$/);
    }
    expect(fragmentOf('alpha-summit-analysis').meta).toMatchObject({
      date: '2026-06-25T10:00:00Z',
      published: '25 June 2026, 10:00 UTC',
    });
    // In English, as the search page shows it, whatever the article's language.
    expect(fragmentOf('rutte-visita-fixture').meta).toMatchObject({
      date: '2026-06-24',
      published: '24 June 2026',
    });
  });

  it("publishes only Pagefind's search API, not its ready-made interfaces", async () => {
    const files = (await listFiles(dist())).filter((file) => file.startsWith('pagefind/'));
    expect(files).toEqual(
      expect.arrayContaining(['pagefind/pagefind.js', 'pagefind/pagefind-worker.js']),
    );
    expect(
      files.filter((file) => /pagefind-(component-|modular-)?ui|highlight/.test(file)),
    ).toEqual([]);
  });
});

describe('the search page', () => {
  it('is the only page that loads JavaScript; every other script is structured data', async () => {
    expect(htmlFiles).toContain('search/index.html');
    for (const file of htmlFiles) {
      const $ = await loadPage(dist(), `/${file}`);
      const scripts = $('script')
        .toArray()
        .filter((script) => $(script).attr('type') !== 'application/ld+json');
      if (file === 'search/index.html') {
        expect(scripts.length).toBe(1);
        // From a file of the site, never inline, never from elsewhere.
        expect($(scripts[0]).attr('src')).toBe('/search.js');
        expect($(scripts[0]).text()).toBe('');
      } else {
        expect(
          scripts.map((script) => $.html(script)),
          file,
        ).toEqual([]);
      }
    }
  });

  it('has no inline event handler on any page', async () => {
    for (const file of htmlFiles) {
      const $ = await loadPage(dist(), `/${file}`);
      const handlers = $('*')
        .toArray()
        .flatMap((element) =>
          Object.keys($(element).attr() ?? {}).filter((name) => /^on/i.test(name)),
        );
      expect(handlers, file).toEqual([]);
    }
  });

  it('has a plain GET form with a type-of-work and a topic filter, which needs no script to send', async () => {
    const $ = await loadPage(dist(), '/search/');
    const form = $('form[role="search"]');
    expect(form.attr('method')).toBe('get');
    expect(form.attr('action')).toBe('/search/');
    expect(form.find('input[name="q"]').attr('id')).toBe('search-term');
    expect($('label[for="search-term"]').text()).not.toBe('');
    const kinds = form
      .find('select[name="kind"] option')
      .toArray()
      .map((option) => $(option).attr('value'));
    expect(kinds).toEqual(['', 'news', 'analysis', 'explainer', 'brief', 'opinion']);
    const topics = form
      .find('select[name="topic"] option')
      .toArray()
      .map((option) => $(option).attr('value'));
    expect(topics).toEqual([
      '',
      ...[...new Set(published.flatMap((article) => article.topics))].sort(),
    ]);
    expect(topics).not.toContain('marmalade-topic');
    expect(form.find('button[type="submit"]').length).toBe(1);
  });

  it('tells readers without JavaScript that search needs it, and where else to look', async () => {
    const $ = await loadPage(dist(), '/search/');
    const noscript = ($('noscript').html() ?? '').replace(/\s+/g, ' ');
    expect(noscript).toContain('needs JavaScript');
    expect(noscript).toContain('href="/topics/"');
    expect(noscript).toContain('href="/timeline/"');
  });

  it('is linked from the navigation of every page, in the page’s language', async () => {
    const english = await loadPage(dist(), '/');
    expect(english('nav a[href="/search/"]').text()).toBe('Search');
    const italian = await loadPage(dist(), '/articles/rutte-visita-fixture/');
    expect(italian('nav a[href="/search/"]').text()).toBe('Cerca');
    for (const file of htmlFiles) {
      const $ = await loadPage(dist(), `/${file}`);
      expect($('nav a[href="/search/"]').length, file).toBe(1);
    }
  });
});

const hasChromium = await chromiumAvailable();
if (!hasChromium) {
  console.warn(
    'Chromium is missing (/usr/bin/chromium or DOSSIER_CHROMIUM): browser search tests skipped.',
  );
}

describe.runIf(!hasChromium && IN_CI)('the browser', () => {
  it('is installed in CI, where the search tests must run', () => {
    expect.fail('Chromium is missing: install it or set DOSSIER_CHROMIUM.');
  });
});

describe.runIf(hasChromium)('searching in a browser', () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    server = await serveStatic(dist());
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function origin(): string {
    if (!server) throw new Error('The site is not served.');
    return server.origin;
  }

  interface Visit {
    readonly page: Page;
    readonly requests: string[];
    readonly errors: string[];
  }

  /** Opens a page, recording every request and every error it reports. */
  async function open(urlPath: string): Promise<Visit> {
    if (!browser) throw new Error('Chromium is not running.');
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // Chromium asks every site for /favicon.ico; the site has none.
      if (message.location().url.endsWith('/favicon.ico')) return;
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    await page.goto(`${origin()}${urlPath}`);
    return { page, requests, errors };
  }

  /** Waits for the results of the search currently in the form, and returns their addresses. */
  async function results(page: Page, expected: string): Promise<string[]> {
    const status = page.locator('[data-search-status]');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain(expected);
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toMatch(/^(No articles|\d+ articles?) /);
    return page
      .locator('[data-search-results] .card-title a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  }

  async function close(visit: Visit): Promise<void> {
    await visit.page.context().close();
  }

  it('finds an article by a word that appears only in its body, as the reader types', async () => {
    const visit = await open('/search/');
    await visit.page.locator('#search-term').pressSequentially('yearbook', { delay: 20 });
    expect(await results(visit.page, '“yearbook”')).toEqual(['/articles/alpha-summit-analysis/']);
    const card = visit.page.locator('[data-search-results] li').first();
    expect(await card.locator('mark').first().textContent()).toBe('yearbook');
    expect(await card.locator('.kind').textContent()).toBe('Analysis');
    expect(await card.locator('time').getAttribute('datetime')).toBe('2026-06-25T10:00:00Z');
    expect(await card.locator('time').textContent()).toBe('25 June 2026, 10:00 UTC');
    // The search is kept in the address.
    expect(new URL(visit.page.url()).search).toBe('?q=yearbook');
    expect(visit.errors).toEqual([]);
    await close(visit);
  });

  it('finds the Italian article by another form of an Italian word in its body', async () => {
    // The body says "raccontato", indexed by its Italian stem "raccont"; searched for "raccontare".
    const visit = await open('/search/?q=raccontare');
    expect(await results(visit.page, '“raccontare”')).toEqual(['/articles/rutte-visita-fixture/']);
    const card = visit.page.locator('[data-search-results] article');
    expect(await card.getAttribute('lang')).toBe('it');
    expect(await card.locator('.card-meta').getAttribute('lang')).toBe('en');
    expect(await card.locator('.card-lang').textContent()).toBe('Italian');
    expect(visit.errors).toEqual([]);
    await close(visit);
  });

  it('finds the Arabic article by an Arabic word, and shows it right to left', async () => {
    const visit = await open(`/search/?q=${encodeURIComponent('امتحانا')}`);
    expect(await results(visit.page, '“امتحانا”')).toEqual(['/articles/arabic-opinion-fixture/']);
    const card = visit.page.locator('[data-search-results] article');
    expect(await card.getAttribute('lang')).toBe('ar');
    const direction = await card
      .locator('.card-title')
      .evaluate((title) => getComputedStyle(title).direction);
    expect(direction).toBe('rtl');
    await close(visit);
  });

  it('narrows the results by type of work and by topic', async () => {
    const visit = await open('/search/?q=fixture');
    const all = await results(visit.page, '“fixture”');
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all).toEqual(
      expect.arrayContaining([
        '/articles/alpha-summit-analysis/',
        '/articles/beta-visit-news/',
        '/articles/gamma-hostile-brief/',
      ]),
    );

    await visit.page.locator('#search-kind').selectOption('news');
    expect(await results(visit.page, 'of type News')).toEqual(['/articles/beta-visit-news/']);
    expect(new URL(visit.page.url()).search).toBe('?q=fixture&kind=news');

    await visit.page.locator('#search-kind').selectOption('');
    await visit.page.locator('#search-topic').selectOption('security');
    expect(await results(visit.page, 'on security')).toEqual(['/articles/gamma-hostile-brief/']);

    await visit.page.locator('#search-topic').selectOption('italy');
    const italy = await results(visit.page, 'on italy');
    expect(italy.sort()).toEqual(['/articles/alpha-summit-analysis/']);
    await close(visit);
  });

  it('lists every article of a type or topic when no words are given, in every language', async () => {
    const visit = await open('/search/?topic=nato');
    const nato = await results(visit.page, 'on nato');
    expect(nato.sort()).toEqual(
      published
        .filter((article) => article.topics.includes('nato'))
        .map((article) => `/articles/${article.slug}/`)
        .sort(),
    );
    await close(visit);
  });

  it('finds nothing by words that appear only in sources, navigation or drafts', async () => {
    // A source's title and publisher, the footer's and the navigation's words, the byline, a
    // correction, a draft. ("earlier" also starts with the Italian "e": no fallback match either.)
    for (const term of [
      'bulletin',
      'Broadcaster',
      'Supports',
      'timeline',
      'Desk',
      'earlier',
      'marmalade',
    ]) {
      const visit = await open(`/search/?q=${term}`);
      expect(await results(visit.page, `“${term}”`), term).toEqual([]);
      expect(await visit.page.locator('[data-search-status]').textContent()).toMatch(
        /^No articles/,
      );
      await close(visit);
    }
    // Seven searches, each in a fresh browser context: well over the default 5 s on a busy machine.
  }, 30_000);

  it('shows what an article says as text only, whatever its body tried to inject', async () => {
    const visit = await open('/search/?q=injection');
    expect(await results(visit.page, '“injection”')).toEqual(['/articles/gamma-hostile-brief/']);
    const list = visit.page.locator('[data-search-results]');
    expect(await list.locator('script, img, iframe, [onclick], [onerror], [style]').count()).toBe(
      0,
    );
    await close(visit);
  });

  it('loads everything it needs from the site itself, so search works offline', async () => {
    const visit = await open('/search/?q=yearbook');
    await results(visit.page, '“yearbook”');
    const elsewhere = visit.requests.filter((url) => !url.startsWith(`${origin()}/`));
    expect(elsewhere).toEqual([]);
    expect(visit.requests.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
    await close(visit);
  });

  it('without JavaScript, keeps the form and explains that search needs it', async () => {
    if (!browser) throw new Error('Chromium is not running.');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin()}/search/`);
    await page.locator('#search-term').fill('yearbook');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/search\/\?q=yearbook/);
    expect(await page.locator('.search-noscript').isVisible()).toBe(true);
    expect(await page.locator('main').innerText()).toContain('needs JavaScript');
    expect(await page.getByRole('link', { name: 'topic', exact: true }).getAttribute('href')).toBe(
      '/topics/',
    );
    await context.close();
  });

  it('searches every shard of an index split in shards, in every language', async () => {
    if (!browser) throw new Error('Chromium is not running.');
    const site = await mkdtemp(path.join(os.tmpdir(), 'dossier-shards-'));
    let shardServer: StaticServer | undefined;
    try {
      await cp(dist(), site, { recursive: true });
      await rm(path.join(site, 'pagefind'), { recursive: true });
      const indexed = await indexArticles(
        published.map(({ slug, file }) => ({
          slug,
          digest: slug,
          ref: { source: path.join(FIXTURE, 'content', 'articles', file), prepared: undefined },
        })),
        site,
        { articlesPerShard: 2 },
      );
      expect(indexed.shards).toBe(Math.ceil(published.length / 2));
      shardServer = await serveStatic(site);
      for (const [query, expected] of [
        ['q=yearbook', ['/articles/alpha-summit-analysis/']],
        ['q=raccontare', ['/articles/rutte-visita-fixture/']],
        [
          'topic=nato',
          published
            .filter((article) => article.topics.includes('nato'))
            .map((article) => `/articles/${article.slug}/`)
            .sort(),
        ],
      ] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${shardServer.origin}/search/?${query}`);
        expect((await results(page, '')).sort(), query).toEqual(expected);
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await shardServer?.close();
      await rm(site, { recursive: true, force: true });
    }
    // Indexing again, then three searches: more than the default 5 s on a busy machine.
  }, 30_000);
});
