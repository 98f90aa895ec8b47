/**
 * The built site, checked page by page: the fixture site in tests/fixtures/site/ is built once (in a
 * temporary directory, TZ=UTC) and its HTML, feed and sitemap are read with a real HTML parser.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_TIMEOUT,
  buildFixture,
  listFiles,
  loadPage,
  readFixtureArticles,
  readPage,
  removeBuild,
  squash,
  type FixtureArticle,
  type FixtureBuild,
} from './build-fixture.ts';
import { labelsFor } from '../../src/site/labels.ts';

const SITE = 'https://dossier.example.org';

let build: FixtureBuild | undefined;
let files: string[] = [];
let htmlFiles: string[] = [];
let articles: FixtureArticle[] = [];
let published: FixtureArticle[] = [];
const pages = new Map<string, CheerioAPI>();

function dist(): string {
  if (!build) throw new Error('The fixture site was not built.');
  return build.dist;
}

/** A parsed page of the build, by URL path; parsed once per file. */
async function page(urlPath: string): Promise<CheerioAPI> {
  let $ = pages.get(urlPath);
  if (!$) {
    $ = await loadPage(dist(), urlPath);
    pages.set(urlPath, $);
  }
  return $;
}

function fileToPath(file: string): string {
  return `/${file.replace(/index\.html$/, '')}`;
}

const ARABIC = /\p{Script=Arabic}/u;

type Selection = ReturnType<CheerioAPI>;

/** Every element of a page's body that holds text itself (not only in its children), with it. */
function ownTexts($: CheerioAPI): { element: Selection; text: string }[] {
  return $('body *')
    .toArray()
    .flatMap((node) => {
      const element = $(node);
      const text = element.clone().children().remove().end().text().trim();
      return text === '' ? [] : [{ element, text }];
    });
}

/** The language an element's text is in, and the direction set on it or an ancestor below <html>. */
function marks(element: Selection): { lang: string | undefined; dir: string | undefined } {
  return {
    lang: element.closest('[lang]').attr('lang'),
    dir: element.closest('body [dir]').attr('dir'),
  };
}

/** Every word of the English interface (labels.ts), for finding them on a page. */
function englishLabels(): Set<string> {
  const labels = labelsFor('en');
  return new Set(
    [
      ...Object.values(labels as unknown as Record<string, unknown>),
      ...Object.values(labels.kinds),
      ...Object.values(labels.sourceTypes),
      ...Object.values(labels.statuses),
    ].filter((value): value is string => typeof value === 'string' && value !== labels.lang),
  );
}

function articleNamed(slug: string): FixtureArticle {
  const found = articles.find((article) => article.slug === slug);
  if (!found) throw new Error(`No fixture article ${slug}`);
  return found;
}

beforeAll(async () => {
  articles = await readFixtureArticles();
  published = articles.filter((article) => !article.draft);
  build = await buildFixture('UTC');
  console.log(`Fixture site built in ${(build.milliseconds / 1000).toFixed(1)} s`);
  files = await listFiles(build.dist);
  htmlFiles = files.filter((file) => file.endsWith('.html'));
}, BUILD_TIMEOUT);

afterAll(async () => {
  await removeBuild(build?.root);
});

describe('the fixture', () => {
  it('has a published article of every kind, an Italian and an Arabic one, and a draft', () => {
    expect(new Set(published.map((article) => article.kind))).toEqual(
      new Set(['news', 'analysis', 'explainer', 'brief', 'opinion']),
    );
    expect(published.map((article) => article.lang)).toEqual(
      expect.arrayContaining(['en', 'it', 'ar']),
    );
    expect(articles.filter((article) => article.draft).map((article) => article.slug)).toEqual([
      'zz-marmalade-draft',
    ]);
  });
});

describe('citations and the provenance footer', () => {
  it('numbers sources in order of first citation, repeating the number when a source is cited again', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const markers = $('.article-body sup.citation a')
      .toArray()
      .map((a) => [$(a).text(), $(a).attr('href'), $(a).attr('id')]);
    expect(markers).toEqual([
      ['1', '#source-wire-one', 'cite-1'],
      ['2', '#source-paper-two', 'cite-2'],
      ['3', '#source-gov-statement', 'cite-3'],
      ['1', '#source-wire-one', 'cite-4'],
      ['4', '#source-monthly-report', 'cite-5'],
      ['5', '#source-yearbook', 'cite-6'],
      ['1', '#source-wire-one', 'cite-7'],
    ]);
  });

  it('renders a multi-citation [@a; @b] as one marker group with a link per source', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const group = $('.article-body sup.citation').eq(1);
    expect(
      group
        .find('a')
        .toArray()
        .map((a) => $(a).attr('href')),
    ).toEqual(['#source-paper-two', '#source-gov-statement']);
    expect(squash(group.text())).toBe('2, 3');
  });

  it('numbers the footer like the markers: cited sources first, then those used only by claims or events', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const entries = $('ol.source-list > li')
      .toArray()
      .map((li) => [$(li).attr('id'), $(li).attr('value')]);
    expect(entries).toEqual([
      ['source-wire-one', '1'],
      ['source-paper-two', '2'],
      ['source-gov-statement', '3'],
      ['source-monthly-report', '4'],
      ['source-yearbook', '5'],
      ['source-claim-only', '6'],
      ['source-event-only', '7'],
    ]);
  });

  it('links every citation marker to its footer entry, and the footer entry back to every marker citing it', async () => {
    let checked = 0;
    for (const article of published) {
      const $ = await page(`/articles/${article.slug}/`);
      const markers = $('.article-body sup.citation a').toArray();
      expect(markers.length, article.slug).toBeGreaterThan(0);
      for (const marker of markers) {
        const id = $(marker).attr('id') ?? '';
        const href = $(marker).attr('href') ?? '';
        expect(id, article.slug).toMatch(/^cite-\d+$/);
        expect(href, article.slug).toMatch(/^#source-/);
        const entry = $(`ol.source-list > li[id="${href.slice(1)}"]`);
        expect(entry.length, `${article.slug}: ${href}`).toBe(1);
        expect($(marker).text(), `${article.slug}: ${href}`).toBe(entry.attr('value'));
        const backlinks = entry
          .find('a.backlink')
          .toArray()
          .map((a) => $(a).attr('href'));
        expect(backlinks, `${article.slug}: ${href}`).toContain(`#${id}`);
        checked++;
      }
      // And every back link leads to a marker citing that very source.
      for (const backlink of $('ol.source-list a.backlink').toArray()) {
        const target = $(`[id="${($(backlink).attr('href') ?? '').slice(1)}"]`);
        expect(target.length, article.slug).toBe(1);
        expect(target.attr('href'), article.slug).toBe(
          `#${$(backlink).closest('li[id^="source-"]').attr('id') ?? ''}`,
        );
      }
      const ids = markers.map((marker) => $(marker).attr('id'));
      expect(new Set(ids).size, article.slug).toBe(ids.length);
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('lists every source of every article in its footer, with its publisher and its link', async () => {
    for (const article of published) {
      const $ = await page(`/articles/${article.slug}/`);
      expect($('ol.source-list > li').length, article.slug).toBe(article.sources.length);
      for (const source of article.sources) {
        const entry = $(`ol.source-list > li[id="source-${source.id}"]`);
        expect(entry.length, `${article.slug}: ${source.id}`).toBe(1);
        expect(entry.find('.source-publisher').text(), `${article.slug}: ${source.id}`).toBe(
          source.publisher,
        );
        if (source.url)
          expect(
            entry.find(`a[href="${source.url}"]`).length,
            `${article.slug}: ${source.id}`,
          ).toBe(1);
      }
    }
  });

  it("shows each source's type and its published time at the precision it was written in", async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const rows = $('ol.source-list > li')
      .toArray()
      .map((li) => {
        const head = $(li).find('.source-head');
        return [
          $(li).attr('id'),
          head.find('.source-publisher').text(),
          head.find('.source-type').text(),
          head.find('time').text(),
          head.find('time').attr('datetime'),
        ];
      });
    expect(rows).toEqual([
      [
        'source-wire-one',
        'Fixture Wire',
        'Wire',
        '24 June 2026, 19:02 UTC',
        '2026-06-24T19:02:00Z',
      ],
      ['source-paper-two', 'Fixture Daily', 'Press', '24 June 2026', '2026-06-24'],
      [
        'source-gov-statement',
        'Fixture Ministry of Defence',
        'Official',
        '24 June 2026',
        '2026-06-24',
      ],
      ['source-monthly-report', 'Fixture Institute', 'Report', 'June 2026', '2026-06'],
      ['source-yearbook', 'Fixture Institute', 'Encyclopedia', '2025', '2025'],
      ['source-claim-only', 'Fixture Broadcaster', 'Broadcast', '24 June 2026', '2026-06-24'],
      [
        'source-event-only',
        'Fixture Gazette',
        'Press',
        '24 June 2026, 19:02 UTC',
        '2026-06-24T19:02:00Z',
      ],
    ]);
  });

  it('links a source used only by a claim, or only by an event, from that claim or event', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const claimOnly = $('#source-claim-only');
    expect(claimOnly.find('a.backlink').length).toBe(0);
    expect(claimOnly.find('a[href="#claim-rebuttal"]').length).toBe(1);
    expect($('#claim-rebuttal .claim-sources a[href="#source-claim-only"]').text()).toBe(
      '[6] Fixture Broadcaster',
    );

    const eventOnly = $('#source-event-only');
    expect(eventOnly.find('a.backlink').length).toBe(0);
    const eventLink = eventOnly.find('a[href^="#event-"]');
    expect(squash(eventLink.text())).toBe('Statement transmitted to allies');
    expect(
      squash(
        $(eventLink.attr('href') ?? '')
          .find('.key-date-title')
          .text(),
      ),
    ).toBe('Statement transmitted to allies');
  });

  it("starts every article's numbering at 1: numbers never leak from one article to the next", async () => {
    const firsts: Record<string, string[]> = {};
    for (const slug of [
      'beta-visit-news',
      'rutte-visita-fixture',
      'gamma-hostile-brief',
      'arabic-opinion-fixture',
    ]) {
      const $ = await page(`/articles/${slug}/`);
      const first = $('.article-body sup.citation a').first();
      firsts[slug] = [first.text(), first.attr('id') ?? '', first.attr('href') ?? ''];
    }
    expect(firsts).toEqual({
      'beta-visit-news': ['1', 'cite-1', '#source-ministry-note'],
      'rutte-visita-fixture': ['1', 'cite-1', '#source-quotidiano'],
      'gamma-hostile-brief': ['1', 'cite-1', '#source-brief-source'],
      'arabic-opinion-fixture': ['1', 'cite-1', '#source-arabic-paper'],
    });
    const $ = await page('/articles/beta-visit-news/');
    expect(
      $('.article-body sup.citation a')
        .toArray()
        .map((a) => $(a).text()),
    ).toEqual(['1', '2', '1']);
  });

  it('renders a footnote linked both ways, apart from the citation numbering', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const ref = $('.article-body a[data-footnote-ref]');
    expect(ref.length).toBe(1);
    expect(ref.closest('sup').hasClass('citation')).toBe(false);
    const note = $(`[id="${(ref.attr('href') ?? '').slice(1)}"]`);
    expect(note.length).toBe(1);
    expect(squash(note.text())).toContain("The wire's dispatch was sent at 19:02 UTC on 24 June.");
    const back = note.find('a[data-footnote-backref]');
    expect(back.attr('href')).toBe(`#${ref.attr('id') ?? ''}`);
    // Named apart from the sources' backlinks ("Back to citation 1 of source 1 in the text").
    expect(back.attr('aria-label')).toBe('Back to reference 1 of note 1 in the text');
  });
});

describe('article pages', () => {
  it('shows claims with their status, and a rebuttal next to the claim it responds to', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const claims = $('section.claims article.claim').toArray();
    expect(claims.map((claim) => $(claim).attr('id'))).toEqual([
      'claim-minister-claim',
      'claim-rebuttal',
    ]);
    expect(squash($('#claim-minister-claim .status').text())).toBe('⚠ Disputed');
    const rebuttal = $('#claim-rebuttal');
    expect(rebuttal.hasClass('claim-response')).toBe(true);
    expect(rebuttal.find('.claim-responds a').attr('href')).toBe('#claim-minister-claim');
    expect(rebuttal.find('.claim-responds a').text()).toBe('Fixture Minister');
    expect($('#claim-minister-claim').closest('.claim-thread').find('#claim-rebuttal').length).toBe(
      1,
    );
  });

  it('shows the questions and answers, the open questions and a dated corrections log', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    expect(
      $('section.faq dt')
        .toArray()
        .map((dt) => $(dt).text()),
    ).toEqual(['Were the bases used?', 'When is the summit?']);
    expect(
      $('section.faq dd')
        .toArray()
        .map((dd) => $(dd).text()),
    ).toEqual(['The two governments disagree.', 'In July.']);
    expect($('section.open-questions h2').text()).toBe('What remains uncertain');
    expect($('section.open-questions li').text()).toBe('Whether the bases were used at all.');
    const correction = $('section.corrections li');
    expect(correction.find('time').attr('datetime')).toBe('2026-06-26');
    expect(squash(correction.text())).toBe(
      '26 June 2026 An earlier version gave the wrong day for the statement.',
    );
    expect(
      $('.byline > span')
        .toArray()
        .map((span) => squash($(span).text())),
    ).toEqual(['By Fixture Desk', 'Published 25 June 2026, 10:00 UTC', 'Updated 26 June 2026']);
  });

  it('lists the key dates at their precision, each linked to its entry on the timeline', async () => {
    const $ = await page('/articles/alpha-summit-analysis/');
    const timeline = await page('/timeline/');
    const rows = $('section.key-dates li')
      .toArray()
      .map((li) => [
        squash($(li).find('time').text()),
        squash($(li).find('.key-date-title').text()),
      ]);
    expect(rows).toEqual([
      ['8–12 April 2026', "Alpha's title for the April visit"],
      ['24 June 2026', "Alpha's title for the White House meeting"],
      ['2026', "The alliance's budget year"],
      ['June 2026', 'Summit preparations'],
      ['1 June 2026', 'Summit agenda circulated'],
      ['24 June 2026, 19:02 UTC', 'Statement transmitted to allies'],
    ]);
    for (const link of $('section.key-dates a.timeline-link').toArray()) {
      const [pathname, fragment] = ($(link).attr('href') ?? '').split('#');
      expect(pathname).toBe('/timeline/');
      expect(timeline(`li.timeline-entry[id="${fragment ?? ''}"]`).length, fragment).toBe(1);
    }
    expect($('section.key-dates a.timeline-link').length).toBe(6);
  });

  it('gives every heading in a body an id derived from its text', async () => {
    const expected: Record<string, string[]> = {
      // "Key dates" would clash with the page's own key dates section, so it is numbered.
      'alpha-summit-analysis': ['the-dispute', 'background', 'key-dates-1'],
      'rutte-visita-fixture': ['che-cosa-è-successo'],
      'arabic-opinion-fixture': ['الحلف-والقمة'],
      'gamma-hostile-brief': ['injection-attempts'],
    };
    for (const [slug, ids] of Object.entries(expected)) {
      const $ = await page(`/articles/${slug}/`);
      const headings = $('.article-body')
        .find('h1, h2, h3, h4, h5, h6')
        .not('.footnotes-title')
        .toArray()
        .map((h) => $(h).attr('id'));
      expect(headings, slug).toEqual(ids);
    }
  });

  it('never gives two elements of a page the same id', async () => {
    for (const file of htmlFiles) {
      const $ = await page(fileToPath(file));
      const ids = $('[id]')
        .toArray()
        .map((element) => $(element).attr('id') ?? '');
      const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
      expect(duplicates, file).toEqual([]);
    }
  });

  it('links every in-page fragment to an element that exists', async () => {
    for (const file of htmlFiles) {
      const $ = await page(fileToPath(file));
      for (const link of $('a[href^="#"]').toArray()) {
        const id = ($(link).attr('href') ?? '').slice(1);
        expect($(`[id="${id}"]`).length, `${file}: #${id}`).toBe(1);
      }
    }
  });

  it('sets the canonical URL and og:url of an article page to its address', async () => {
    for (const article of published) {
      const $ = await page(`/articles/${article.slug}/`);
      const url = `${SITE}/articles/${article.slug}/`;
      expect($('link[rel="canonical"]').attr('href'), article.slug).toBe(url);
      expect($('meta[property="og:url"]').attr('content'), article.slug).toBe(url);
      expect($('meta[property="og:type"]').attr('content'), article.slug).toBe('article');
      expect($('h1').text(), article.slug).toBe(article.title);
    }
  });
});

describe('languages', () => {
  it('sets <html lang dir> from the article', async () => {
    const seen: Record<string, [string | undefined, string | undefined]> = {};
    for (const article of published) {
      const $ = await page(`/articles/${article.slug}/`);
      seen[article.slug] = [$('html').attr('lang'), $('html').attr('dir')];
    }
    expect(seen).toEqual({
      'alpha-summit-analysis': ['en', 'ltr'],
      'arabic-opinion-fixture': ['ar', 'rtl'],
      'beta-visit-news': ['en', 'ltr'],
      'gamma-hostile-brief': ['en', 'ltr'],
      'rutte-visita-fixture': ['it', 'ltr'],
    });
  });

  it('writes the dates and labels of an Italian article in Italian', async () => {
    const $ = await page('/articles/rutte-visita-fixture/');
    expect(
      $('.byline > span')
        .toArray()
        .map((span) => squash($(span).text())),
    ).toEqual(['Pubblicato 24 giugno 2026']);
    expect(
      $('section.key-dates time')
        .toArray()
        .map((time) => $(time).text()),
    ).toEqual(['24 giugno 2026', '8–12 aprile 2026']);
    expect($('#source-agenzia-uno .source-head time').text()).toBe('24 giugno 2026, 19:02 UTC');
    expect($('#sources-heading').text()).toBe('Fonti');
    expect($('.kind').text()).toBe('Spiegazione');
  });

  it('marks an article card in another language with its lang and dir on the English home page', async () => {
    const $ = await page('/');
    expect($('html').attr('lang')).toBe('en');
    const card = (slug: string) => $(`article.card:has(a[href="/articles/${slug}/"])`);
    expect([
      card('arabic-opinion-fixture').attr('lang'),
      card('arabic-opinion-fixture').attr('dir'),
    ]).toEqual(['ar', 'rtl']);
    expect([
      card('rutte-visita-fixture').attr('lang'),
      card('rutte-visita-fixture').attr('dir'),
    ]).toEqual(['it', 'ltr']);
    expect(card('alpha-summit-analysis').attr('lang')).toBeUndefined();
  });

  it('marks every English interface word on an Arabic article lang="en" dir="ltr", and none of its Arabic', async () => {
    const $ = await page('/articles/arabic-opinion-fixture/');
    const english = englishLabels();
    const words: string[] = [];
    for (const { element, text } of ownTexts($)) {
      const word = text.replace(/:$/, '');
      if (english.has(word)) {
        words.push(word);
        expect(marks(element), word).toEqual({ lang: 'en', dir: 'ltr' });
      }
      if (ARABIC.test(text)) expect(element.closest('[lang]').attr('lang'), text).toBe('ar');
    }
    expect(new Set(words)).toEqual(
      new Set([
        ...['Skip to content', 'Home', 'Timeline', 'Topics', 'Sources', 'Search'],
        ...['Opinion', 'Published', 'Notes', 'Who said what', 'Asserted', 'Key dates'],
        ...['Every source behind this article, and where it is used.', 'Press', 'Wire'],
        ...['Cited in the text', 'Supports claims', 'Records events'],
      ]),
    );
    // The names of links and lists: the markers', backlinks' and notes' are English words too.
    const named = $('body [aria-label]').toArray();
    expect(named.length).toBeGreaterThan(5);
    for (const element of named) {
      expect($(element).closest('[lang]').attr('lang'), $(element).attr('aria-label')).toBe('en');
    }
  });

  it.each(['/', '/topics/nato/', '/timeline/', '/timeline/nato/', '/sources/'])(
    'isolates all Arabic on the English page %s, marking titles lang="ar" dir="rtl"',
    async (urlPath) => {
      const $ = await page(urlPath);
      let arabic = 0;
      for (const { element, text } of ownTexts($)) {
        if (!ARABIC.test(text)) continue;
        arabic++;
        // A publisher's name has no language: dir="auto" (or <bdi>) isolates it all the same.
        const isolated = element.parentsUntil('html').addBack().filter('bdi, [dir]');
        expect(isolated.length, text).toBeGreaterThan(0);
      }
      expect(arabic).toBeGreaterThan(0);
      for (const title of $('a[href="/articles/arabic-opinion-fixture/"]').toArray()) {
        expect(marks($(title)), urlPath).toEqual({ lang: 'ar', dir: 'rtl' });
      }
    },
  );

  it('marks an Arabic event and source title lang="ar" dir="rtl" on the timeline and the sources index', async () => {
    const timeline = await page('/timeline/');
    const event = timeline(
      'li.timeline-entry[id="event-arabic-opinion-fixture--1"] .timeline-title',
    );
    expect(marks(event)).toEqual({ lang: 'ar', dir: 'rtl' });
    const sources = await page('/sources/');
    const title = sources('a[href="https://agency.example.com/ar/ministers"]');
    expect(marks(title)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(
      sources('section.publisher h2')
        .filter((_, h) => ARABIC.test(sources(h).text()))
        .attr('dir'),
    ).toBe('auto');
    // A source the Arabic article says is in English is not marked on an English page.
    expect(marks(sources('a[href="https://arabic.example.com/opinion"]'))).toEqual({
      lang: 'en',
      dir: undefined,
    });
  });
});

describe('the timeline', () => {
  const expected = [
    ['2026', '2026', "The alliance's budget year"],
    ['2026-04', 'April 2026', 'A month of April diplomacy'],
    ['2026-04-08', '8–12 April 2026', "Beta's title for the April visit to Washington"],
    ['2026-06', 'June 2026', 'Summit preparations'],
    ['2026-06-01', '1 June 2026', 'Summit agenda circulated'],
    ['2026-06-20', '20 June 2026', 'اجتماع وزراء دفاع الحلف'],
    ['2026-06-24', '24 June 2026', 'Rutte incontra Trump alla Casa Bianca'],
    ['2026-06-24T19:02:00Z', '24 June 2026, 19:02 UTC', 'Statement transmitted to allies'],
  ];

  async function rows(urlPath: string): Promise<string[][]> {
    const $ = await page(urlPath);
    return $('li.timeline-entry')
      .toArray()
      .map((li) => [
        $(li).find('time').attr('datetime') ?? '',
        squash($(li).find('.timeline-date').text()),
        squash($(li).find('.timeline-title').text()),
      ]);
  }

  it('lists every event oldest first, the coarser precision first when two start together, each date at its precision', async () => {
    expect(await rows('/timeline/')).toEqual(expected);
  });

  it('shows an event shared by several articles once, titled from the earliest-published article, linking to each', async () => {
    const $ = await page('/timeline/');
    const visit = $('li.timeline-entry[id="event-visit-april"]');
    expect(visit.length).toBe(1);
    expect(squash(visit.find('.timeline-title').text())).toBe(
      "Beta's title for the April visit to Washington",
    );
    expect(
      visit
        .find('.timeline-articles a')
        .toArray()
        .map((a) => $(a).attr('href')),
    ).toEqual([
      '/articles/beta-visit-news/',
      '/articles/rutte-visita-fixture/',
      '/articles/alpha-summit-analysis/',
    ]);

    const meeting = $('li.timeline-entry[id="event-white-house-meeting"]');
    expect(meeting.length).toBe(1);
    // The Italian article was published first, so its title (in Italian, marked so) names the event.
    expect(meeting.find('.timeline-title').attr('lang')).toBe('it');
    expect(
      meeting
        .find('.timeline-articles a')
        .toArray()
        .map((a) => $(a).attr('href')),
    ).toEqual(['/articles/rutte-visita-fixture/', '/articles/alpha-summit-analysis/']);
    const titles = $('.timeline-title')
      .toArray()
      .map((p) => $(p).text());
    expect(titles.filter((title) => title.includes("Alpha's title"))).toEqual([]);
  });

  it('counts the distinct sources behind each event, counting a URL cited by two articles once', async () => {
    const $ = await page('/timeline/');
    const counts = $('li.timeline-entry')
      .toArray()
      .map((li) => [$(li).attr('id'), $(li).find('.timeline-sources').text()]);
    expect(counts).toEqual([
      ['event-alpha-summit-analysis--3', '1 source'],
      ['event-beta-visit-news--2', '1 source'],
      // beta's agency report, the Italian paper and alpha's daily.
      ['event-visit-april', '3 sources'],
      ['event-alpha-summit-analysis--4', '1 source'],
      ['event-alpha-summit-analysis--5', '1 source'],
      ['event-arabic-opinion-fixture--1', '1 source'],
      // The wire dispatch (cited by both articles under one URL), the Italian paper, alpha's ministry statement.
      ['event-white-house-meeting', '3 sources'],
      ['event-alpha-summit-analysis--6', '1 source'],
    ]);
  });

  it("shows on a topic's timeline only the events of that topic's articles, as the main timeline shows them", async () => {
    const main = await page('/timeline/');
    const entry = (topic: string) => async (id: string) => {
      const $ = await page(`/timeline/${topic}/`);
      return squash($(`li.timeline-entry[id="${id}"]`).text());
    };
    const italy = await rows('/timeline/italy/');
    expect(italy.map((row) => row[2])).toEqual([
      "The alliance's budget year",
      "Beta's title for the April visit to Washington",
      'Summit preparations',
      'Summit agenda circulated',
      'Rutte incontra Trump alla Casa Bianca',
      'Statement transmitted to allies',
    ]);
    for (const id of ['event-visit-april', 'event-white-house-meeting']) {
      expect(await entry('italy')(id)).toBe(squash(main(`li.timeline-entry[id="${id}"]`).text()));
    }
    const unitedStates = await rows('/timeline/united-states/');
    expect(unitedStates.map((row) => row[2])).toEqual([
      'A month of April diplomacy',
      "Beta's title for the April visit to Washington",
    ]);
    expect(await rows('/timeline/security/')).toEqual([]);
  });
});

describe('drafts', () => {
  it('publishes no page for a draft', () => {
    expect(files.filter((file) => file.includes('marmalade'))).toEqual([]);
    expect(htmlFiles.filter((file) => file.startsWith('articles/')).sort()).toEqual(
      published.map((article) => `articles/${article.slug}/index.html`).sort(),
    );
  });

  it("leaves no trace of a draft's title, slug, topic, event or source in any file of the site", async () => {
    const draft = articleNamed('zz-marmalade-draft');
    const needles = [
      draft.title,
      draft.slug,
      ...draft.topics,
      ...draft.events.map((event) => event.title),
      ...draft.sources.map((s) => s.url ?? ''),
      'marmalade',
    ];
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'timeline/index.html',
        'topics/index.html',
        'sources/index.html',
        'rss.xml',
        'sitemap-0.xml',
        'sitemap-index.xml',
        '404.html',
      ]),
    );
    for (const file of files) {
      const text = (await readFile(path.join(dist(), file), 'utf8')).toLowerCase();
      for (const needle of needles)
        expect(text.includes(needle.toLowerCase()), `${file} contains ${needle}`).toBe(false);
    }
  });
});

describe('structured data', () => {
  const TYPES: Record<string, string> = {
    analysis: 'AnalysisNewsArticle',
    explainer: 'BackgroundNewsArticle',
    news: 'NewsArticle',
    brief: 'ReportageNewsArticle',
    opinion: 'OpinionNewsArticle',
  };

  async function jsonLd(slug: string): Promise<Record<string, unknown>[]> {
    const $ = await page(`/articles/${slug}/`);
    return $('script[type="application/ld+json"]')
      .toArray()
      .map((script) => JSON.parse($(script).text()) as Record<string, unknown>);
  }

  it('gives each article JSON-LD that parses, typed by its kind', async () => {
    for (const article of published) {
      const blocks = await jsonLd(article.slug);
      const main = blocks[0] ?? {};
      expect(main['@context'], article.slug).toBe('https://schema.org');
      expect(main['@type'], article.slug).toBe(TYPES[article.kind]);
      expect(main.headline, article.slug).toBe(article.title);
      expect(main.inLanguage, article.slug).toBe(article.lang);
      expect(main.url, article.slug).toBe(`${SITE}/articles/${article.slug}/`);
    }
  });

  it('lists every source of the article in citation', async () => {
    for (const article of published) {
      const [main] = await jsonLd(article.slug);
      const citation = (main?.citation ?? []) as {
        name?: string;
        url?: string;
        publisher?: { name?: string };
      }[];
      expect(
        citation.map((c) => [c.publisher?.name, c.url]),
        article.slug,
      ).toEqual(article.sources.map((source) => [source.publisher, source.url]));
    }
    const [alpha] = await jsonLd('alpha-summit-analysis');
    expect((alpha?.citation as { datePublished?: string }[]).map((c) => c.datePublished)).toEqual([
      '2026-06-24',
      '2026-06-24T19:02:00Z',
      '2026-06-24',
      '2026-06-24',
      '2026-06-24T19:02:00Z',
      '2026-06',
      '2025',
    ]);
  });

  it('includes correction only for an article with corrections, and dateModified from updated', async () => {
    for (const article of published) {
      const [main] = await jsonLd(article.slug);
      if (article.corrections.length === 0) {
        expect(main, article.slug).not.toHaveProperty('correction');
        continue;
      }
      const expected: unknown[] = article.corrections.map((correction): unknown =>
        expect.objectContaining({ '@type': 'CorrectionComment', text: correction.text }),
      );
      expect(main?.correction, article.slug).toEqual(expected);
    }
    const [alpha] = await jsonLd('alpha-summit-analysis');
    expect(alpha?.datePublished).toBe('2026-06-25T10:00:00Z');
    expect(alpha?.dateModified).toBe('2026-06-26');
    expect(articleNamed('alpha-summit-analysis').corrections.length).toBe(1);
  });

  it('adds a FAQPage for an article with questions and answers, and only then', async () => {
    for (const article of published) {
      const blocks = await jsonLd(article.slug);
      const faq = blocks.filter((block) => block['@type'] === 'FAQPage');
      if (article.faq.length === 0) {
        expect(faq, article.slug).toEqual([]);
        continue;
      }
      expect(faq.length, article.slug).toBe(1);
      expect(faq[0]?.mainEntity, article.slug).toEqual(
        article.faq.map((entry) => ({
          '@type': 'Question',
          name: entry.q,
          acceptedAnswer: { '@type': 'Answer', text: entry.a },
        })),
      );
    }
  });
});

describe('nothing live from content', () => {
  it('has no <script> other than JSON-LD on any page but the search page', async () => {
    for (const file of htmlFiles) {
      // Its one script, the site's own search, is checked in tests/search/.
      if (file === 'search/index.html') continue;
      const $ = await page(fileToPath(file));
      const scripts = $('script')
        .toArray()
        .map((script) => $(script).attr('type'));
      expect(
        scripts.filter((type) => type !== 'application/ld+json'),
        file,
      ).toEqual([]);
    }
  });

  it('has no event-handler attribute and no javascript: URL on any page', async () => {
    for (const file of htmlFiles) {
      const $ = await page(fileToPath(file));
      for (const element of $('*').toArray()) {
        const attributes = $(element).attr() ?? {};
        for (const [name, value] of Object.entries(attributes)) {
          expect(name.toLowerCase().startsWith('on'), `${file}: ${name}="${value}"`).toBe(false);
          // Browsers ignore control characters and white space in a scheme: strip them as they would.
          const scheme = Array.from(value, (char) => (char.charCodeAt(0) > 0x20 ? char : '')).join(
            '',
          );
          expect(/^javascript:/i.test(scheme), `${file}: ${name}="${value}"`).toBe(false);
        }
      }
    }
  });

  it('keeps raw HTML written in a body out of the page', async () => {
    const $ = await page('/articles/gamma-hostile-brief/');
    const body = $('.article-body');
    expect(body.find('script, iframe, img, object, embed, style, div, span').length).toBe(0);
    expect(body.find('[style], [onclick], [onerror], [onmouseover]').length).toBe(0);
    expect($('iframe, img, object, embed').length).toBe(0);
    const raw = await readPage(dist(), '/articles/gamma-hostile-brief/');
    expect(raw).not.toContain('<script>alert');
    expect(raw).not.toContain('frame.example.com');
    expect(raw).not.toContain('img.example.com');
  });

  it('neutralises a [x](javascript:…) link, keeping its text', async () => {
    const $ = await page('/articles/gamma-hostile-brief/');
    for (const text of ['bad link', 'shouting bad link', 'raw anchor']) {
      const link = $('.article-body a').filter((_, a) => $(a).text() === text);
      if (link.length === 0) {
        // Dropped with the raw HTML around it: only the raw anchor may go that way.
        expect(text).toBe('raw anchor');
        continue;
      }
      expect(link.attr('href'), text).toBeUndefined();
    }
  });

  it('marks every external link rel="noopener noreferrer", in bodies and in the page around them', async () => {
    let external = 0;
    for (const file of htmlFiles) {
      const $ = await page(fileToPath(file));
      for (const link of $('a[href]').toArray()) {
        const href = $(link).attr('href') ?? '';
        if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) continue;
        external++;
        const rel = ($(link).attr('rel') ?? '').split(/\s+/);
        expect(rel, `${file}: ${href}`).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
      }
    }
    const $ = await page('/articles/alpha-summit-analysis/');
    expect($('.article-body a[href="https://alliance.example.org/about"]').attr('rel')).toBe(
      'noopener noreferrer',
    );
    expect($('.article-body a[href="/topics/nato/"]').attr('rel')).toBeUndefined();
    expect(external).toBeGreaterThan(20);
  });
});

describe('listings, feed, sitemap and 404', () => {
  it('lists the published articles newest first on the home page', async () => {
    const $ = await page('/');
    expect(
      $('article.card h2 a')
        .toArray()
        .map((a) => $(a).attr('href')),
    ).toEqual([
      '/articles/arabic-opinion-fixture/',
      '/articles/alpha-summit-analysis/',
      '/articles/rutte-visita-fixture/',
      '/articles/gamma-hostile-brief/',
      '/articles/beta-visit-news/',
    ]);
  });

  it('lists the topics of published articles only, each with its count', async () => {
    const $ = await page('/topics/');
    expect(
      $('ul.topic-index > li')
        .toArray()
        .map((li) => squash($(li).text())),
    ).toEqual([
      'italy (2) · timeline',
      'nato (3) · timeline',
      'security (1) · timeline',
      'united-states (1) · timeline',
    ]);
    const nato = await page('/topics/nato/');
    expect(
      nato('article.card h2 a')
        .toArray()
        .map((a) => nato(a).attr('href')),
    ).toEqual([
      '/articles/arabic-opinion-fixture/',
      '/articles/alpha-summit-analysis/',
      '/articles/beta-visit-news/',
    ]);
  });

  it('lists each source once on the sources page, a URL cited by two articles linking to both', async () => {
    const $ = await page('/sources/');
    const wire = $('section.publisher[aria-label="Fixture Wire"] ul.source-index > li');
    expect(wire.length).toBe(1);
    expect(wire.find('a[href="https://wire.example.com/dispatch-1"]').attr('rel')).toBe(
      'noopener noreferrer',
    );
    expect(
      wire
        .find('.source-articles a')
        .toArray()
        .map((a) => $(a).attr('href'))
        .sort(),
    ).toEqual(['/articles/alpha-summit-analysis/', '/articles/rutte-visita-fixture/']);
    const publishers = new Set(
      published.flatMap((article) => article.sources.map((source) => source.publisher)),
    );
    expect(
      new Set(
        $('section.publisher h2')
          .toArray()
          .map((h) => $(h).text()),
      ),
    ).toEqual(publishers);
  });

  it('lists the published articles only in the RSS feed, newest first, with absolute links', async () => {
    const $ = cheerio.load(await readPage(dist(), 'rss.xml'), { xml: true });
    expect(
      $('channel > item > link')
        .toArray()
        .map((link) => $(link).text()),
    ).toEqual([
      `${SITE}/articles/arabic-opinion-fixture/`,
      `${SITE}/articles/alpha-summit-analysis/`,
      `${SITE}/articles/rutte-visita-fixture/`,
      `${SITE}/articles/gamma-hostile-brief/`,
      `${SITE}/articles/beta-visit-news/`,
    ]);
    expect($('channel > item').first().find('pubDate').text()).toBe(
      'Fri, 26 Jun 2026 00:00:00 GMT',
    );
    expect($('channel > item > title').eq(1).text()).toBe(
      articleNamed('alpha-summit-analysis').title,
    );
  });

  it('lists every article URL in the sitemap, and no draft', async () => {
    const index = cheerio.load(await readPage(dist(), 'sitemap-index.xml'), { xml: true });
    const sitemaps = index('sitemap > loc')
      .toArray()
      .map((loc) => index(loc).text());
    expect(sitemaps).toEqual([`${SITE}/sitemap-0.xml`]);
    const $ = cheerio.load(await readPage(dist(), 'sitemap-0.xml'), { xml: true });
    const urls = $('url > loc')
      .toArray()
      .map((loc) => $(loc).text());
    for (const article of published) expect(urls).toContain(`${SITE}/articles/${article.slug}/`);
    expect(urls.filter((url) => url.includes('/articles/')).length).toBe(published.length);
    expect(urls).toEqual(
      expect.arrayContaining([
        `${SITE}/`,
        `${SITE}/timeline/`,
        `${SITE}/topics/`,
        `${SITE}/sources/`,
      ]),
    );
    expect(urls.filter((url) => url.includes('404'))).toEqual([]);
  });

  it('has a 404 page', async () => {
    const $ = await page('/404.html');
    expect($('h1').text()).toBe('Page not found');
    expect($('a[href="/"]').length).toBeGreaterThan(0);
  });
});
