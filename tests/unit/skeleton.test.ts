/**
 * The pure part of `npm run new`: file names from titles, and the skeleton it writes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkArticle } from '../../src/article/article-file.ts';
import { ARTICLE_KINDS } from '../../src/article/schema/article.ts';
import { SLUG_PATTERN } from '../../src/article/schema/fields.ts';
import { skeleton, slugFromTitle, utcSeconds } from '../../src/cli/skeleton.ts';

const NOW = new Date('2026-06-26T09:14:05.123Z');

function frontmatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return YAML.parse(match?.[1] ?? '') as Record<string, unknown>;
}

function diagnosticsOf(text: string) {
  return checkArticle('content/articles/2026/new-article.md', new TextEncoder().encode(text)).report
    .diagnostics;
}

describe('slugFromTitle', () => {
  it.each([
    ["Rutte's White House mission", 'ruttes-white-house-mission'],
    ["Perché l'Italia dice no alle basi USA", 'perche-l-italia-dice-no-alle-basi-usa'],
    ['Città, più, è: la NATO a Vilnius', 'citta-piu-e-la-nato-a-vilnius'],
    ['Wałęsa, Straße and Ørsted', 'walesa-strasse-and-orsted'],
    ['iPhone ban in the EU', 'iphone-ban-in-the-eu'],
    ['Путин и НАТО', 'putin-i-nato'],
  ])('names %j %j', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it("spells out `&` in the article's language", () => {
    expect(slugFromTitle('Basi & voli', 'it')).toBe('basi-e-voli');
    expect(slugFromTitle('Bases & flights', 'en-GB')).toBe('bases-and-flights');
  });

  it('cuts a long title at a word boundary, within 60 characters', () => {
    const slug = slugFromTitle(
      'The Secretary General of the North Atlantic Treaty Organization meets the President of the United States at the White House',
    );
    expect(slug).toBe('the-secretary-general-of-the-north-atlantic-treaty');
    expect(slug.length).toBeLessThanOrEqual(60);
  });

  it('always gives a valid slug, or nothing when the title has no letters or digits', () => {
    for (const title of ['--A--', '2026: the year', 'L’ONU e l’UE', '¿Qué pasa?', 'NATO—EU']) {
      expect(slugFromTitle(title)).toMatch(SLUG_PATTERN);
    }
    expect(slugFromTitle('!!! ???')).toBe('');
  });
});

describe('skeleton', () => {
  it('is the article pinned in the placeholder rule fixture', () => {
    const fixture = readFileSync(
      new URL('../fixtures/rules/placeholder/new-article-skeleton.md', import.meta.url),
      'utf8',
    );
    const written = skeleton({
      title: "Rutte's White House mission",
      kind: 'news',
      lang: 'en',
      topics: [],
      now: NOW,
    });
    expect(written).toBe(fixture);
  });

  it.each(ARTICLE_KINDS)('has no error but placeholders for a %s', (kind) => {
    const text = skeleton({ title: 'A headline', kind, lang: 'it', topics: ['nato'], now: NOW });
    const rules = new Set(diagnosticsOf(text).map((d) => d.rule));
    expect([...rules]).toEqual(['placeholder']);
  });

  it('keeps any title exactly as given: quotes, colons, backslashes, hashes', () => {
    const title = `"Ora basta": l'Italia #1 dice no \\ a Rutte's piano — 100%`;
    const data = frontmatter(skeleton({ title, kind: 'news', lang: 'it', topics: [], now: NOW }));
    expect(data.title).toBe(title);
  });

  it('writes the options, and the time to the second in UTC', () => {
    const data = frontmatter(
      skeleton({ title: 'T', kind: 'brief', lang: 'en-GB', topics: ['nato', 'italy'], now: NOW }),
    );
    expect(data).toMatchObject({
      kind: 'brief',
      lang: 'en-GB',
      topics: ['nato', 'italy'],
      published: '2026-06-26T09:14:05Z',
    });
  });

  it('shows every optional field of the contract in a comment', () => {
    const text = skeleton({ title: 'T', kind: 'news', lang: 'en', topics: [], now: NOW });
    for (const field of [
      'updated',
      'authors',
      'draft',
      'title',
      'published',
      'accessed',
      'lang',
      'claims',
      'responds_to',
      'events',
      'end',
      'faq',
      'open_questions',
      'corrections',
    ]) {
      expect(text).toMatch(new RegExp(`^\\s*#\\s+(?:-\\s+)?${field}:`, 'm'));
    }
  });
});

describe('utcSeconds', () => {
  it('writes a datetime in UTC with Z and no milliseconds', () => {
    expect(utcSeconds(new Date('2026-01-02T03:04:05.999+02:00'))).toBe('2026-01-02T01:04:05Z');
  });
});
