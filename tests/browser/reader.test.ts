/**
 * The fixture site as readers see it: built once, served as a static host serves it, and walked in
 * Chromium (playwright-core, the machine's own browser) with the mouse, the keyboard and axe-core.
 * Screenshots land in test-results/screenshots/. Without Chromium these tests are skipped, except in
 * CI (`CI` set), where that is a failure.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { labelsFor } from '../../src/site/labels.ts';
import {
  BUILD_TIMEOUT,
  buildFixture,
  readFixtureArticles,
  removeBuild,
  REPO,
  type FixtureArticle,
  type FixtureBuild,
} from '../site/build-fixture.ts';
import { CHROMIUM, chromiumAvailable, IN_CI, launchChromium } from '../support/chromium.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { axeViolations, describeViolations } from './axe.ts';

const SCREENSHOTS = path.join(REPO, 'test-results/screenshots');
const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 375] as const;
const HEIGHT = 800;

const hasChromium = await chromiumAvailable();
const skip = !hasChromium && !IN_CI;
if (skip) {
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM}. Set DOSSIER_CHROMIUM to a Chromium binary to run them (with CI set, a missing browser fails instead).`,
  );
}

// Read at collection time: the page list below has a test per published article.
const articles = await readFixtureArticles();
const published = articles.filter((article) => !article.draft);

function articleNamed(slug: string): FixtureArticle {
  const found = articles.find((article) => article.slug === slug);
  if (!found) throw new Error(`No fixture article ${slug}`);
  return found;
}

function publisherOf(article: FixtureArticle, sourceId: string): string {
  const source = article.sources.find((candidate) => candidate.id === sourceId);
  if (!source) throw new Error(`${article.slug} has no source ${sourceId}`);
  return source.publisher;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A page in a state a reader sees it in: opened at `path`, then brought there by `ready`. */
interface PageState {
  readonly label: string;
  readonly path: string;
  readonly status?: number;
  readonly ready?: (page: Page) => Promise<void>;
}

/** Waits for search.js to load Pagefind and every language's index. */
async function searchLoaded(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

/** Waits until the search page's status line reports a finished search that `summary` matches. */
async function searchFinished(page: Page, summary: RegExp): Promise<void> {
  await expect
    .poll(() => page.locator('[data-search-status]').textContent(), { timeout: 15_000 })
    .toMatch(summary);
}

/** Every page type, with the articles in every language the fixture has, and search in use. */
const AXE_PAGES: readonly PageState[] = [
  { label: 'the home page', path: '/' },
  ...published.map((article) => ({
    label: `the article ${article.slug} (${article.lang})`,
    path: `/articles/${article.slug}/`,
  })),
  {
    label: 'an article with a followed citation highlighted',
    path: '/articles/alpha-summit-analysis/#source-wire-one',
  },
  { label: 'the timeline', path: '/timeline/' },
  { label: "a topic's timeline", path: '/timeline/nato/' },
  { label: 'the topics index', path: '/topics/' },
  { label: 'a topic page', path: '/topics/nato/' },
  { label: 'the sources index', path: '/sources/' },
  { label: 'the 404 page', path: '/no-such-page/', status: 404 },
  { label: 'the search page before a search', path: '/search/', ready: searchLoaded },
  {
    label: 'the search page with the results of words typed in',
    path: '/search/',
    ready: async (page) => {
      await searchLoaded(page);
      await page.locator('#search-term').pressSequentially('fixture', { delay: 20 });
      await searchFinished(page, /^\d+ articles? for “fixture”\.$/);
      expect(await page.locator('[data-search-results] li').count()).toBeGreaterThan(1);
    },
  },
  {
    label: 'the search page with results in English and Arabic, filtered by topic',
    path: '/search/',
    ready: async (page) => {
      await searchLoaded(page);
      await page.locator('#search-topic').selectOption('nato');
      await searchFinished(page, /^\d+ articles? on nato\.$/);
      const langs = await page
        .locator('[data-search-results] article')
        .evaluateAll((cards) => cards.map((card) => card.closest('[lang]')?.getAttribute('lang')));
      expect(new Set(langs)).toEqual(new Set(['en', 'ar']));
    },
  },
];

describe.skipIf(skip)(
  skip ? `the site in Chromium (skipped: no Chromium at ${CHROMIUM})` : 'the site in Chromium',
  () => {
    let build: FixtureBuild | undefined;
    let server: StaticServer | undefined;
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    let tab: Page | undefined;

    const missing = `No Chromium at ${CHROMIUM}, and CI is set: the browser tests must run in CI. Install Chromium there or point DOSSIER_CHROMIUM at it.`;

    function page(): Page {
      if (!hasChromium) throw new Error(missing);
      if (!tab) throw new Error('No browser page: the set-up failed.');
      return tab;
    }

    function url(pathname: string): string {
      if (!server) throw new Error('The site is not being served.');
      return `${server.origin}${pathname}`;
    }

    /** Opens a page at a width and colour scheme, failing on an unexpected HTTP status. */
    async function open(
      pathname: string,
      {
        width = 1280,
        scheme = 'light',
        status = 200,
      }: { width?: number; scheme?: 'light' | 'dark'; status?: number } = {},
    ): Promise<Page> {
      const current = page();
      await current.setViewportSize({ width, height: HEIGHT });
      await current.emulateMedia({ colorScheme: scheme });
      // A fresh document every time, even when only the fragment differs from the current URL.
      await current.goto('about:blank');
      const response = await current.goto(url(pathname));
      expect(response?.status(), `HTTP status of ${pathname}`).toBe(status);
      return current;
    }

    /** The id of the element the URL's fragment targets. */
    function targetId(current: Page): Promise<string | undefined> {
      return current.evaluate(() => document.querySelector(':target')?.id);
    }

    async function isFocused(locator: Locator): Promise<boolean> {
      return locator.evaluate((element) => element === document.activeElement);
    }

    async function inViewport(locator: Locator): Promise<boolean> {
      const box = await locator.boundingBox();
      const size = page().viewportSize();
      if (!box || !size) return false;
      return (
        box.width > 0 &&
        box.height > 0 &&
        box.x >= 0 &&
        box.y >= 0 &&
        box.x + box.width <= size.width &&
        box.y + box.height <= size.height
      );
    }

    beforeAll(async () => {
      // Without Chromium (only here in CI) every test fails, saying why, rather than skipping.
      if (!hasChromium) return;
      const [built, launched] = await Promise.allSettled([buildFixture('UTC'), launchChromium()]);
      // Kept even when the other fails, so afterAll cleans up.
      if (built.status === 'fulfilled') build = built.value;
      if (launched.status === 'fulfilled') browser = launched.value;
      if (built.status === 'rejected') throw built.reason;
      if (launched.status === 'rejected') throw launched.reason;
      server = await serveStatic(built.value.dist);
      const origin = server.origin;
      context = await launched.value.newContext({ viewport: { width: 1280, height: HEIGHT } });
      context.setDefaultTimeout(10_000);
      // The site alone: nothing a page links to elsewhere is ever fetched.
      await context.route(
        (address) => address.origin !== origin,
        (route) => route.abort(),
      );
      tab = await context.newPage();
      await mkdir(SCREENSHOTS, { recursive: true });
    }, BUILD_TIMEOUT);

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
      await removeBuild(build?.root);
    });

    it('has a Chromium to drive', () => {
      expect(hasChromium, missing).toBe(true);
    });

    describe('a reader', () => {
      it('goes from the home page to an article, to a cited source and back, then through the timeline and a topic to the sources', async () => {
        const analysis = articleNamed('alpha-summit-analysis');
        const news = articleNamed('beta-visit-news');
        const current = await open('/');

        // Home → an article, by its headline.
        await current.getByRole('link', { name: analysis.title, exact: true }).click();
        await current.waitForURL(url(`/articles/${analysis.slug}/`));
        expect(await current.getByRole('heading', { level: 1 }).innerText()).toBe(analysis.title);

        // A citation marker → the source's entry in the provenance footer.
        const publisher = publisherOf(analysis, 'paper-two');
        const marker = current
          .locator('sup.citation')
          .getByRole('link', { name: new RegExp(`^Source \\d+: ${escapeRegExp(publisher)}$`) })
          .first();
        const markerId = await marker.getAttribute('id');
        expect(markerId).toMatch(/^cite-\d+$/);
        await marker.click();
        await current.waitForURL(url(`/articles/${analysis.slug}/#source-paper-two`));
        expect(await targetId(current)).toBe('source-paper-two');
        const entry = current.locator(':target');
        const footer = current.getByRole('region', { name: 'Sources' });
        expect(await footer.locator('#source-paper-two').count()).toBe(1);
        expect(await entry.locator('.source-publisher').innerText()).toBe(publisher);
        expect(
          await inViewport(entry.locator('.source-publisher')),
          'entry scrolled into view',
        ).toBe(true);

        // …and back to the marker through the entry's backlink.
        await entry
          .getByRole('link', { name: /^Back to citation \d+ of source \d+ in the text$/ })
          .first()
          .click();
        await current.waitForURL(url(`/articles/${analysis.slug}/#${String(markerId)}`));
        expect(await targetId(current)).toBe(markerId);
        expect(await inViewport(marker), 'marker scrolled into view').toBe(true);

        // The header → the timeline.
        const header = current.getByRole('navigation', { name: 'Dossier' });
        await header.getByRole('link', { name: 'Timeline', exact: true }).click();
        await current.waitForURL(url('/timeline/'));
        expect(await current.getByRole('heading', { level: 1 }).innerText()).toBe('Timeline');

        // An event → its article.
        const event = news.events.find((candidate) => candidate.id === undefined);
        if (!event) throw new Error('beta-visit-news has no event without an id');
        await current
          .getByRole('listitem')
          .filter({ hasText: event.title })
          .getByRole('link', { name: news.title, exact: true })
          .click();
        await current.waitForURL(url(`/articles/${news.slug}/`));
        expect(await current.getByRole('heading', { level: 1 }).innerText()).toBe(news.title);

        // The article's topic → the topic page, which lists the article.
        const topic = 'united-states';
        expect(news.topics).toContain(topic);
        await current
          .getByRole('list', { name: 'Topics' })
          .getByRole('link', { name: topic, exact: true })
          .click();
        await current.waitForURL(url(`/topics/${topic}/`));
        expect(await current.getByRole('heading', { level: 1 }).innerText()).toBe(
          `Topic: ${topic}`,
        );
        expect(
          await current
            .getByRole('heading', { level: 2 })
            .getByRole('link', { name: news.title, exact: true })
            .count(),
        ).toBe(1);

        // The header → the sources index, with the article under its sources' publisher.
        await header.getByRole('link', { name: 'Sources', exact: true }).click();
        await current.waitForURL(url('/sources/'));
        expect(await current.getByRole('heading', { level: 1 }).innerText()).toBe('Sources');
        const agency = publisherOf(news, 'agency-report');
        expect(
          await current
            .getByRole('region', { name: agency })
            .getByRole('link', { name: news.title, exact: true })
            .count(),
        ).toBe(1);
      });
    });

    describe('screens', () => {
      const shots = [
        { name: 'home', path: '/' },
        { name: 'article', path: '/articles/alpha-summit-analysis/' },
        { name: 'timeline', path: '/timeline/' },
      ];

      it.each(WIDTHS)(
        'photographs the home page, an article and the timeline at %i px, light and dark',
        async (width) => {
          for (const scheme of SCHEMES) {
            for (const shot of shots) {
              const current = await open(shot.path, { width, scheme });
              const background = await current.evaluate(
                () => getComputedStyle(document.body).backgroundColor,
              );
              const light = luminance(background) > 0.5;
              expect(light, `${shot.name} background ${background} in ${scheme}`).toBe(
                scheme === 'light',
              );
              await current.screenshot({
                path: path.join(SCREENSHOTS, `${shot.name}-${String(width)}-${scheme}.png`),
                fullPage: true,
              });
            }
          }
        },
        60_000,
      );

      it('never makes a reader scroll sideways on a 375 px screen', async () => {
        const overflowing: string[] = [];
        for (const { path: pathname, status, ready } of AXE_PAGES) {
          const current = await open(pathname, { width: 375, ...(status ? { status } : {}) });
          await ready?.(current);
          const wide = await current.evaluate(() => {
            const limit = document.documentElement.clientWidth;
            const offenders = [...document.body.querySelectorAll('*')]
              .filter((element) => element.getBoundingClientRect().right > limit + 0.5)
              .filter((element) => element.checkVisibility())
              .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
            return { scrollWidth: document.documentElement.scrollWidth, limit, offenders };
          });
          if (wide.scrollWidth > wide.limit) {
            overflowing.push(
              `${pathname}: ${String(wide.scrollWidth)} px wide; ${wide.offenders.slice(0, 5).join(', ')}`,
            );
          }
        }
        expect(overflowing).toEqual([]);
      });
    });

    describe('accessibility (axe-core, WCAG 2.0–2.2 A and AA)', () => {
      it.each(AXE_PAGES.map((entry) => [entry.label, entry] as const))(
        '%s has no violations in the light or the dark scheme',
        async (label, { path: pathname, status, ready }) => {
          const reports: string[] = [];
          let found = 0;
          for (const scheme of SCHEMES) {
            const current = await open(pathname, { scheme, ...(status ? { status } : {}) });
            await ready?.(current);
            const violations = await axeViolations(current);
            found += violations.length;
            if (violations.length > 0) {
              reports.push(describeViolations(`${label} (${pathname}, ${scheme})`, violations));
            }
          }
          console.log(`axe: ${label}: ${String(SCHEMES.length)} runs, ${String(found)} violations`);
          expect(reports.join('\n\n'), reports.join('\n\n')).toBe('');
        },
        60_000,
      );
    });

    describe('the keyboard', () => {
      it.each(['/', '/articles/rutte-visita-fixture/', '/articles/arabic-opinion-fixture/'])(
        'focuses the skip link, shown on screen, on the first Tab on %s; Enter then moves focus to the main content',
        async (pathname) => {
          const current = await open(pathname, { width: 375 });
          await current.keyboard.press('Tab');
          const skipLink = current.locator('a.skip-link');
          expect(await isFocused(skipLink), 'skip link focused').toBe(true);
          expect(await skipLink.getAttribute('href')).toBe('#content');
          expect((await skipLink.innerText()).trim()).not.toBe('');
          expect(await inViewport(skipLink), 'skip link on screen').toBe(true);

          await current.keyboard.press('Enter');
          await current.waitForURL(url(`${pathname}#content`));
          const main = current.getByRole('main');
          expect(await isFocused(main), 'main focused').toBe(true);
          // The next Tab continues from the main content, not from the top of the page.
          await current.keyboard.press('Tab');
          expect(
            await current.evaluate(
              () => document.querySelector('main')?.contains(document.activeElement) ?? false,
            ),
          ).toBe(true);
        },
      );

      it('shows where focus is: a focused link has an outline that contrasts with the page', async () => {
        const problems: string[] = [];
        for (const scheme of SCHEMES) {
          const current = await open('/articles/alpha-summit-analysis/', { scheme });
          // The skip link, a header link, a citation marker and a backlink, reached by Tab.
          const wanted = ['a.skip-link', 'nav a', 'sup.citation a', 'a.backlink'];
          const seen = new Set<string>();
          for (let presses = 0; presses < 200 && seen.size < wanted.length; presses++) {
            await current.keyboard.press('Tab');
            const focus = await current.evaluate((selectors) => {
              const element = document.activeElement;
              if (!element || element === document.body) return undefined;
              const selector = selectors.find((candidate) => element.matches(candidate));
              const style = getComputedStyle(element);
              return {
                selector,
                style: style.outlineStyle,
                width: style.outlineWidth,
                color: style.outlineColor,
                background: getComputedStyle(document.body).backgroundColor,
              };
            }, wanted);
            if (!focus?.selector || seen.has(focus.selector)) continue;
            seen.add(focus.selector);
            const ratio = contrast(focus.color, focus.background);
            if (focus.style === 'none' || parseFloat(focus.width) < 2 || ratio < 3) {
              problems.push(
                `${scheme} ${focus.selector}: outline ${focus.style} ${focus.width} ${focus.color} on ${focus.background} (contrast ${ratio.toFixed(2)})`,
              );
            }
          }
          expect([...seen].sort(), `${scheme}: elements reached by Tab`).toEqual(
            [...wanted].sort(),
          );
        }
        expect(problems).toEqual([]);
      });

      it.each(['/', '/articles/alpha-summit-analysis/', '/articles/arabic-opinion-fixture/'])(
        'moves through %s in document order, header navigation before the main content',
        async (pathname) => {
          const current = await open(pathname);
          const expected = await current.evaluate(() => {
            const all = [...document.querySelectorAll('*')];
            return [
              ...document.querySelectorAll<HTMLElement>(
                'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
              ),
            ]
              .filter((element) => element.checkVisibility({ visibilityProperty: true }))
              .map((element) => all.indexOf(element));
          });
          const reached: number[] = [];
          // One Tab per focusable element: the sequence must visit each, in document order.
          while (reached.length < expected.length) {
            await current.keyboard.press('Tab');
            reached.push(
              await current.evaluate(() => {
                const active = document.activeElement;
                return active ? [...document.querySelectorAll('*')].indexOf(active) : -1;
              }),
            );
          }
          expect(reached).toEqual(expected);
          // Header navigation first, then everything in main.
          const regions = await current.evaluate(() => {
            const all = [...document.querySelectorAll('*')];
            const position = (selector: string) => {
              const element = document.querySelector(selector);
              return element ? all.indexOf(element) : -1;
            };
            const main = document.querySelector('main');
            return {
              nav: position('header nav a[href]'),
              main: main ? all.indexOf(main) : -1,
              mainEnd: main ? all.indexOf(main) + main.querySelectorAll('*').length : -1,
            };
          });
          const firstInMain = reached.findIndex(
            (index) => index > regions.main && index <= regions.mainEnd,
          );
          expect(reached.indexOf(regions.nav)).toBeGreaterThanOrEqual(0);
          expect(firstInMain).toBeGreaterThan(reached.indexOf(regions.nav));
        },
        60_000,
      );
    });

    describe('citation links, to assistive technology', () => {
      it.each(published.map((article) => article.slug))(
        'names every citation marker and backlink in %s by its number and source',
        async (slug) => {
          const article = articleNamed(slug);
          const current = await open(`/articles/${slug}/`);
          const markers = await current.evaluate(() =>
            [...document.querySelectorAll('sup.citation a')].map((link) => ({
              id: link.id,
              href: link.getAttribute('href') ?? '',
              text: link.textContent.trim(),
            })),
          );
          expect(markers.length, `${slug} has citation markers`).toBeGreaterThan(0);
          for (const marker of markers) {
            const publisher = publisherOf(article, marker.href.replace(/^#source-/, ''));
            // The accessible name as the browser computes it: "<Source> <n>: <publisher>".
            const named = current
              .getByRole('link', {
                name: new RegExp(`^\\S+ ${marker.text}: ${escapeRegExp(publisher)}$`),
              })
              .and(current.locator(`[id="${marker.id}"]`));
            expect(await named.count(), `marker ${marker.id} (${marker.href})`).toBe(1);
          }

          // "Back to citation <k> of source <n> in the text", in the article's language.
          const backlinks = await current.evaluate(() =>
            [...document.querySelectorAll('a.backlink')].map((link) => ({
              href: link.getAttribute('href') ?? '',
              source: Number(link.closest('li[value]')?.getAttribute('value')),
              citation: [...(link.parentElement?.querySelectorAll('a.backlink') ?? [])].indexOf(
                link,
              ),
              visible: link.textContent.replace(/\D/g, ''),
            })),
          );
          expect(backlinks.length, `${slug}: a backlink per marker`).toBe(markers.length);
          const labels = labelsFor(article.lang);
          for (const backlink of backlinks) {
            const name = labels.citationBack(backlink.citation + 1, backlink.source);
            expect(name).toContain(backlink.visible);
            const named = current
              .getByRole('link', { name, exact: true })
              .and(current.locator(`a.backlink[href="${backlink.href}"]`));
            expect(await named.count(), `backlink "${name}"`).toBe(1);
          }
        },
      );

      it.each(AXE_PAGES.map((entry) => [entry.label, entry] as const))(
        'gives two links on %s the same name only when they lead to the same place',
        async (_label, { path: pathname, status, ready }) => {
          const current = await open(pathname, status ? { status } : {});
          await ready?.(current);
          const links = await linksOf(current);
          expect(links.length).toBeGreaterThan(5);
          const places = new Map<string, Set<string>>();
          for (const { name, href } of links) {
            places.set(name, (places.get(name) ?? new Set()).add(href));
          }
          const ambiguous = [...places]
            .filter(([, hrefs]) => hrefs.size > 1)
            .map(([name, hrefs]) => `"${name}": ${[...hrefs].join(', ')}`);
          expect(ambiguous).toEqual([]);
        },
      );

      it('finds the first source of an article by the name a screen reader announces', async () => {
        const current = await open('/articles/alpha-summit-analysis/');
        const first = current.getByRole('link', { name: /^Source 1: / });
        expect(await first.count()).toBeGreaterThan(0);
        expect(await first.first().getAttribute('href')).toMatch(/^#source-/);
      });
    });
  },
);

/**
 * Every link of the page as the browser's accessibility tree has it: the name it computed, and the
 * address the link leads to, resolved against the page.
 */
async function linksOf(page: Page): Promise<{ name: string; href: string }[]> {
  const links: { name: string; href: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, children] of Object.entries(node)) {
      const name = /^link(?: "(.*)")?$/s.exec(key);
      const url = Array.isArray(children)
        ? children.find(
            (child): child is { '/url': string } =>
              typeof child === 'object' && child !== null && '/url' in child,
          )?.['/url']
        : undefined;
      if (name && url !== undefined) {
        links.push({
          name: JSON.parse(`"${name[1] ?? ''}"`) as string,
          href: new URL(url, page.url()).href,
        });
      }
      walk(children);
    }
  };
  walk(YAML.parse(await page.locator('body').ariaSnapshot()));
  return links;
}

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const channels =
    /rgba?\(([^)]+)\)/
      .exec(color)?.[1]
      ?.split(/[,\s/]+/)
      .map(Number) ?? [];
  const [r = 0, g = 0, b = 0] = channels.map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two computed colours. */
function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}
