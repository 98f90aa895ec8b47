/**
 * What an editor sees with `npm run dev` running: the dev server is started on a free port over a
 * temporary copy of the fixture's articles, and the test edits them as an editor would. A broken
 * article's lines (the same as `check` prints) appear in the terminal and in the error overlay of
 * the page already open in the browser; fixing, adding and deleting files all show without a
 * restart. Without Chromium the browser half is skipped, except in CI.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/article-file.ts';
import { formatDiagnostic } from '../../src/cli/report.ts';
import { chromiumAvailable, IN_CI, launchChromium } from '../support/chromium.ts';
import { eventually, startDevServer, type DevServer } from '../support/dev-server.ts';
import { article } from './cli.ts';

const ARTICLE = 'content/articles/2026/april/beta-visit-news.md';
const URL_PATH = '/articles/beta-visit-news/';
const TITLE = "Beta: the Secretary General's April visit is announced";
const ADDED = 'content/articles/2026/june/added-while-serving.md';
const ADDED_TITLE = 'Rutte meets Trump at the White House';

const withBrowser = (await chromiumAvailable()) || IN_CI;

let server: DevServer | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let original = '';

function dev(): DevServer {
  if (!server) throw new Error('The dev server did not start.');
  return server;
}

function file(relative: string): string {
  return path.join(dev().root, relative);
}

async function status(urlPath: string): Promise<number> {
  const response = await fetch(`${dev().origin}${urlPath}`);
  await response.arrayBuffer();
  return response.status;
}

async function bodyOf(urlPath: string): Promise<string> {
  return (await fetch(`${dev().origin}${urlPath}`)).text();
}

/** While the page reloads, there is nothing to read yet. */
const RELOADING = Symbol('reloading');

/** The text of the overlay's message, or undefined when no overlay is shown. */
async function overlayMessage(): Promise<string | undefined | typeof RELOADING> {
  if (!page) throw new Error('No browser page.');
  return page
    .evaluate(
      () =>
        document
          .querySelector('vite-error-overlay')
          ?.shadowRoot?.querySelector('#message-content')
          ?.textContent.trim() ?? undefined,
    )
    .catch(() => RELOADING);
}

/** The article's heading (not those of Astro's dev toolbar). */
async function heading(): Promise<string[]> {
  if (!page) throw new Error('No browser page.');
  return page
    .locator('main h1')
    .allInnerTexts()
    .catch(() => []);
}

beforeAll(async () => {
  server = await startDevServer();
  original = readFileSync(file(ARTICLE), 'utf8');
  if (withBrowser) {
    browser = await launchChromium();
    page = await browser.newPage();
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('npm run dev', { timeout: 60_000 }, () => {
  it('serves the articles', async () => {
    expect(await bodyOf(URL_PATH)).toContain(TITLE.replace("'", '&#39;'));
    if (page) {
      await page.goto(`${dev().origin}${URL_PATH}`);
      // Vite may reload the page once, after optimising the dependencies of its first visit.
      await eventually(
        'the page shows the article',
        async () => (await heading()).join() === TITLE,
      );
    }
  });

  const broken = () => original.replace(/^kind: news$/m, 'kind: newz');
  /** The line `check` prints for the broken article. */
  const checkLine = () => {
    const [diagnostic] = checkArticle(ARTICLE, new TextEncoder().encode(broken())).report
      .diagnostics;
    if (!diagnostic) throw new Error('The broken article has no diagnostic.');
    return formatDiagnostic(diagnostic);
  };

  it("prints a broken article's path:line:column line in the terminal as soon as it is saved", async () => {
    expect(checkLine()).toBe(
      'content/articles/2026/april/beta-visit-news.md:4:7  error  `newz` is not a valid `kind` of the article. Did you mean `news`? Use one of `news`, `analysis`, `explainer`, `brief`, `opinion`.  (invalid-choice)',
    );
    const from = dev().output().length;
    writeFileSync(file(ARTICLE), broken());
    await dev().waitForOutput(checkLine(), from);
  });

  it.skipIf(!withBrowser)(
    'shows the same line in the error overlay of the page open in the browser, pointing at the article',
    async () => {
      // Backticks are rendered as code in the overlay.
      const shown = checkLine().replaceAll('`', '');
      await eventually('the overlay shows the error', async () => {
        const message = await overlayMessage();
        return typeof message === 'string' && message.includes(shown);
      });
      const where = await page?.locator('vite-error-overlay #code header h2').getAttribute('title');
      expect(where).toBe(`${file(ARTICLE)}:4:7`);
    },
  );

  it('answers every page with the error while it stands', async () => {
    expect(await status(URL_PATH)).toBe(500);
    expect(await status('/timeline/')).toBe(500);
  });

  it('recovers when the article is fixed, without a restart', async () => {
    writeFileSync(file(ARTICLE), original);
    await eventually('the article is served again', async () => (await status(URL_PATH)) === 200);
    if (page) {
      await eventually(
        'the open page reloads with the article',
        async () => (await overlayMessage()) === undefined && (await heading()).join() === TITLE,
      );
    }
    expect(dev().output()).not.toContain('Restarting');
  });

  it('publishes an article added while it runs, and unpublishes it once deleted', async () => {
    const slug = path.basename(ADDED, '.md');
    writeFileSync(file(ADDED), article());
    await eventually(
      'the added article is served',
      async () => (await status(`/articles/${slug}/`)) === 200,
    );
    expect(await bodyOf(`/articles/${slug}/`)).toContain(ADDED_TITLE);
    expect(await bodyOf('/')).toContain(`/articles/${slug}/`);

    rmSync(file(ADDED));
    await eventually(
      'the deleted article is gone',
      async () => (await status(`/articles/${slug}/`)) === 404,
    );
    expect(await bodyOf('/')).not.toContain(`/articles/${slug}/`);
  });
});
