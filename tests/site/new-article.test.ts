/**
 * The editors' workflow end to end: an article started with `npm run new`, filled in as its
 * comments say, passes `check --strict`, and the built site shows it on its page, on its topic's
 * page and on the timeline.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, tempDir, type Run } from '../integration/cli.ts';
import { FILLED_IN, fillIn, runNew, writtenFile } from '../support/new-article.ts';
import {
  BUILD_TIMEOUT,
  buildFixture,
  loadPage,
  removeBuild,
  squash,
  type FixtureBuild,
} from './build-fixture.ts';

const TITLE = "Perché l'Italia dice no alle basi USA";
const SLUG = 'perche-l-italia-dice-no-alle-basi-usa';

let project: ReturnType<typeof tempDir> | undefined;
let build: FixtureBuild | undefined;
let strictCheck: Run | undefined;

beforeAll(async () => {
  project = tempDir('new-article');
  const run = await runNew(
    ['--title', TITLE, '--kind', 'explainer', '--lang', 'it', '--topic', 'nato'],
    project.root,
  );
  const file = path.join(project.root, writtenFile(run));
  writeFileSync(file, fillIn(readFileSync(file, 'utf8')));
  strictCheck = await runCheck(['--strict', '--no-cache'], project.root);
  build = await buildFixture('UTC', { content: path.join(project.root, 'content') });
}, BUILD_TIMEOUT);

afterAll(async () => {
  await removeBuild(build?.root);
  project?.remove();
});

function page(urlPath: string): Promise<CheerioAPI> {
  if (!build) throw new Error('The site was not built.');
  return loadPage(build.dist, urlPath);
}

describe('an article made with npm run new and filled in', () => {
  it('passes check --strict', () => {
    expect(strictCheck).toEqual({
      code: 0,
      stdout: '1 file checked: 0 errors, 0 warnings.\n',
      stderr: '',
    });
  });

  it('has its page, in its language, with its source', async () => {
    const $ = await page(`/articles/${SLUG}/`);
    expect($('html').attr('lang')).toBe('it');
    expect(squash($('h1').text())).toBe(TITLE);
    expect(squash($('body').text())).toContain(FILLED_IN.dek);
    expect($(`a[href="${FILLED_IN.url}"]`).length).toBeGreaterThan(0);
  });

  it('is on the timeline, its event linking to the article', async () => {
    const $ = await page('/timeline/');
    const entry = $('li.timeline-entry').filter(
      (_, li) => squash($(li).find('.timeline-title').text()) === FILLED_IN.eventTitle,
    );
    expect(entry.length).toBe(1);
    expect(entry.find(`a[href="/articles/${SLUG}/"]`).length).toBe(1);
  });

  it("is listed on its topic's page and the home page", async () => {
    for (const urlPath of ['/topics/nato/', '/']) {
      const $ = await page(urlPath);
      expect($(`a[href="/articles/${SLUG}/"]`).length, urlPath).toBeGreaterThan(0);
    }
  });
});
