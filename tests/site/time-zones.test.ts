/**
 * The machine's time zone never changes the site: the fixture site is built twice, side by side,
 * under the time zones furthest apart in June (UTC−7 and UTC+14), and the two outputs must be the
 * same bytes and show the dates as written (datetimes in UTC).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFragments } from '../search/helpers.ts';
import {
  BUILD_TIMEOUT,
  buildFixture,
  listFiles,
  readPage,
  removeBuild,
  squash,
  type FixtureBuild,
} from './build-fixture.ts';

const ZONES = ['America/Los_Angeles', 'Pacific/Kiritimati'] as const;
const builds = new Map<string, FixtureBuild>();

beforeAll(async () => {
  const results = await Promise.allSettled(ZONES.map((zone) => buildFixture(zone)));
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') builds.set(ZONES[index] ?? '', result.value);
  });
  for (const [zone, build] of builds)
    console.log(
      `Fixture site built with TZ=${zone} in ${(build.milliseconds / 1000).toFixed(1)} s`,
    );
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}, BUILD_TIMEOUT);

afterAll(async () => {
  await Promise.all([...builds.values()].map((build) => removeBuild(build.root)));
});

function built(zone: string): FixtureBuild {
  const build = builds.get(zone);
  if (!build) throw new Error(`No build for TZ=${zone}`);
  return build;
}

/** The dates a reader sees on the pages where a time-zone shift would show. */
async function keyDates(zone: string): Promise<Record<string, string[]>> {
  const { dist } = built(zone);
  const texts = async (urlPath: string, selector: string) => {
    const $ = cheerio.load(await readPage(dist, urlPath));
    return $(selector)
      .toArray()
      .map((element) => `${$(element).attr('datetime') ?? ''} ${squash($(element).text())}`);
  };
  return {
    timeline: await texts('/timeline/', 'li.timeline-entry time'),
    alphaByline: await texts('/articles/alpha-summit-analysis/', '.byline time'),
    alphaSources: await texts('/articles/alpha-summit-analysis/', '.source-head time'),
    italian: await texts('/articles/rutte-visita-fixture/', 'main time'),
    home: await texts('/', 'article.card time'),
    rss: (await readPage(dist, 'rss.xml')).match(/<pubDate>[^<]*<\/pubDate>/g) ?? [],
  };
}

describe('time zones', () => {
  it(`builds the same bytes under TZ=${ZONES[0]} and TZ=${ZONES[1]}`, async () => {
    const [a, b] = ZONES.map((zone) => built(zone).dist) as [string, string];
    // Pagefind writes its filter and metadata files in an arbitrary order on every run, whatever
    // its input (Pagefind/pagefind#638), so the search bundle is compared by what it indexed.
    const site = (file: string) => !file.startsWith('pagefind/');
    const files = (await listFiles(a)).filter(site);
    expect((await listFiles(b)).filter(site)).toEqual(files);
    expect(await readFragments(b)).toEqual(await readFragments(a));
    const different: string[] = [];
    for (const file of files) {
      const [left, right] = await Promise.all([
        readFile(path.join(a, file)),
        readFile(path.join(b, file)),
      ]);
      if (!left.equals(right)) different.push(file);
    }
    expect(different).toEqual([]);
  });

  it.each(ZONES)('shows every date as written, and datetimes in UTC, under TZ=%s', async (zone) => {
    expect(await keyDates(zone)).toEqual({
      timeline: [
        '2026 2026',
        '2026-04 April 2026',
        '2026-04-08 8–12 April 2026',
        '2026-06 June 2026',
        '2026-06-01 1 June 2026',
        '2026-06-20 20 June 2026',
        '2026-06-24 24 June 2026',
        '2026-06-24T19:02:00Z 24 June 2026, 19:02 UTC',
      ],
      alphaByline: ['2026-06-25T10:00:00Z 25 June 2026, 10:00 UTC', '2026-06-26 26 June 2026'],
      alphaSources: [
        '2026-06-24T19:02:00Z 24 June 2026, 19:02 UTC',
        '2026-06-24 24 June 2026',
        '2026-06-24 24 June 2026',
        '2026-06 June 2026',
        '2025 2025',
        '2026-06-24 24 June 2026',
        '2026-06-24T19:02:00Z 24 June 2026, 19:02 UTC',
      ],
      italian: [
        '2026-06-24 24 giugno 2026',
        '2026-06-24 24 giugno 2026',
        '2026-04-08 8–12 aprile 2026',
        '2026-06-24 24 giugno 2026',
        '2026-06-24T19:02:00Z 24 giugno 2026, 19:02 UTC',
      ],
      home: [
        '2026-06-26 26 يونيو 2026',
        '2026-06-25T10:00:00Z 25 June 2026, 10:00 UTC',
        '2026-06-24 24 giugno 2026',
        '2026-06-22 22 June 2026',
        '2026-04-05 5 April 2026',
      ],
      rss: [
        '<pubDate>Fri, 26 Jun 2026 00:00:00 GMT</pubDate>',
        '<pubDate>Thu, 25 Jun 2026 10:00:00 GMT</pubDate>',
        '<pubDate>Wed, 24 Jun 2026 00:00:00 GMT</pubDate>',
        '<pubDate>Mon, 22 Jun 2026 00:00:00 GMT</pubDate>',
        '<pubDate>Sun, 05 Apr 2026 00:00:00 GMT</pubDate>',
      ],
    });
  });
});
