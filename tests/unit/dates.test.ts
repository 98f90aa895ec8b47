import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareAtCoarserPrecision,
  compareChronologically,
  formatContentDate,
  formatDateRange,
  htmlDatetime,
  isNotEarlier,
  parseContentDate,
  sameDate,
  type ContentDate,
  type DateProblem,
} from '../../src/article/dates.ts';

/** Parses a date the test knows to be valid. */
function d(text: string): ContentDate {
  const result = parseContentDate(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got: ${result.reason}`);
  return result.date;
}

function problemOf(text: string): { problem: DateProblem; reason: string } | 'ok' {
  const result = parseContentDate(text);
  return result.ok ? 'ok' : { problem: result.problem, reason: result.reason };
}

describe('parseContentDate: accepted forms', () => {
  it('accepts a year and keeps it as a year starting at 1 January 00:00 UTC', () => {
    expect(d('2026')).toEqual({
      text: '2026',
      precision: 'year',
      start: Date.UTC(2026, 0, 1),
      year: 2026,
      month: undefined,
      day: undefined,
      hasSeconds: false,
    });
  });

  it('keeps a month-precision date as the month, never the first day', () => {
    const june = d('2026-06');
    expect(june.precision).toBe('month');
    expect(june.day).toBeUndefined();
    expect(june).toMatchObject({ year: 2026, month: 6, start: Date.UTC(2026, 5, 1) });
    expect(sameDate(june, d('2026-06-01'))).toBe(false);
    expect(formatContentDate(june, 'en')).toBe('June 2026');
  });

  it('accepts a calendar day and starts it at midnight UTC', () => {
    expect(d('2026-06-24')).toMatchObject({
      precision: 'day',
      start: Date.UTC(2026, 5, 24),
      year: 2026,
      month: 6,
      day: 24,
      hasSeconds: false,
    });
  });

  it('accepts a datetime in UTC without seconds', () => {
    expect(d('2026-06-24T19:02Z')).toMatchObject({
      precision: 'instant',
      start: Date.UTC(2026, 5, 24, 19, 2),
      hasSeconds: false,
    });
  });

  it('accepts a datetime in UTC with seconds and remembers they were written', () => {
    expect(d('2026-06-24T19:02:00Z')).toMatchObject({
      start: Date.UTC(2026, 5, 24, 19, 2),
      hasSeconds: true,
    });
    expect(d('2026-06-24T19:02:30Z').start).toBe(Date.UTC(2026, 5, 24, 19, 2, 30));
  });

  it('accepts a numeric offset and converts the instant to UTC', () => {
    expect(d('2026-04-08T14:30+02:00')).toMatchObject({
      precision: 'instant',
      start: Date.UTC(2026, 3, 8, 12, 30),
      year: 2026,
      month: 4,
      day: 8,
    });
    expect(d('2026-04-08T14:30:15-05:30').start).toBe(Date.UTC(2026, 3, 8, 20, 0, 15));
    expect(d('2026-04-08T14:30+00:00').start).toBe(d('2026-04-08T14:30Z').start);
    expect(d('2026-04-08T14:30-00:00').start).toBe(d('2026-04-08T14:30Z').start);
  });

  it('accepts the extreme offsets -23:59 and +23:59', () => {
    expect(d('2026-06-24T12:00+23:59').start).toBe(Date.UTC(2026, 5, 23, 12, 1));
    expect(d('2026-06-24T12:00-23:59').start).toBe(Date.UTC(2026, 5, 25, 11, 59));
  });

  it('gives an instant the calendar fields of its UTC day, even when the offset moves the day', () => {
    expect(d('2026-06-25T01:00+03:00')).toMatchObject({ year: 2026, month: 6, day: 24 });
    expect(d('2025-12-31T23:00-02:00')).toMatchObject({ year: 2026, month: 1, day: 1 });
  });

  it('keeps the text exactly as written', () => {
    for (const text of ['2026', '2026-06', '2026-06-24', '2026-04-08T14:30+02:00']) {
      expect(d(text).text).toBe(text);
    }
  });

  it('accepts the first and last years, 0001 and 9999, with correct instants', () => {
    expect(d('0001').start).toBe(-62135596800000);
    expect(d('0001-01-01').start).toBe(-62135596800000);
    expect(d('0099-12-31').start).toBe(new Date('0099-12-31T00:00:00Z').getTime());
    expect(d('9999-12-31T23:59:59Z').start).toBe(253402300799000);
  });
});

describe('parseContentDate: refused forms', () => {
  it.each<[string, string, DateProblem]>([
    ['a datetime without an offset', '2026-06-24T19:02', 'no-offset'],
    ['a datetime with seconds but without an offset', '2026-06-24T19:02:30', 'no-offset'],
    ['an offset without a colon', '2026-06-24T19:02+0200', 'format'],
    ['an offset with hours only', '2026-06-24T19:02+02', 'format'],
    ['an offset with seconds', '2026-06-24T19:02+02:00:00', 'format'],
    ['an offset with one-digit hours', '2026-06-24T19:02+2:00', 'format'],
    ['a lowercase t and z', '2026-06-24t19:02z', 'format'],
    ['a lowercase z', '2026-06-24T19:02z', 'format'],
    ['a lowercase t', '2026-06-24t19:02Z', 'format'],
    ['fractional seconds', '2026-06-24T19:02:00.5Z', 'format'],
    ['fractional seconds with a comma', '2026-06-24T19:02:00,5Z', 'format'],
    ['one-digit month and day', '2026-6-1', 'format'],
    ['a one-digit day', '2026-06-1', 'format'],
    ['a two-digit year', '26-06-01', 'format'],
    ['a leading space', ' 2026-06-01', 'format'],
    ['a trailing newline', '2026-06-01\n', 'format'],
    ['a space instead of T', '2026-06-24 19:02Z', 'format'],
    ['a space before the offset', '2026-06-24T19:02 Z', 'format'],
    ['the empty string', '', 'format'],
    ['only spaces', '   ', 'format'],
    ['the basic format date', '20260624', 'format'],
    ['the basic format time', '2026-06-24T1902Z', 'format'],
    ['an extended year', '+002026-06-24', 'format'],
    ['a five-digit year', '12026', 'format'],
    ['a time with hours only', '2026-06-24T19Z', 'format'],
    ['a time on a month', '2026-06T19:02Z', 'format'],
    ['a Z on a date', '2026-06-24Z', 'format'],
    ['a week date', '2026-W26', 'format'],
    ['an ordinal date', '2026-175', 'format'],
    ['slashes', '24/06/2026', 'format'],
    ['words', 'June 2026', 'format'],
    ['non-ASCII digits', '٢٠٢٦', 'format'],
    ['year 0000', '0000', 'impossible'],
    ['an offset of 24 hours', '2026-06-24T19:02+24:00', 'impossible'],
    ['an offset with 60 minutes', '2026-06-24T19:02-05:60', 'impossible'],
  ])('refuses %s (%j) as %s', (_what, text, problem) => {
    const result = problemOf(text);
    expect(result).not.toBe('ok');
    expect(result).toMatchObject({ problem });
  });

  it('explains a missing offset in words an editor can act on', () => {
    expect(problemOf('2026-06-24T19:02')).toEqual({
      problem: 'no-offset',
      reason: 'a time needs a `Z` or an offset such as `+02:00`',
    });
  });

  it('names the specific mistake in format problems', () => {
    const reasonOf = (text: string): string => {
      const result = parseContentDate(text);
      return result.ok ? 'ok' : result.reason;
    };
    expect(reasonOf('')).toBe('the date is empty');
    expect(reasonOf('2026-06-24t19:02z')).toMatch(/capital/);
    expect(reasonOf('2026-06-24T19:02:00.5Z')).toMatch(/fractional seconds/);
    expect(reasonOf('2026-6-1')).toMatch(/two digits/);
    expect(reasonOf('26-06-01')).toMatch(/four digits/);
    expect(reasonOf(' 2026')).toMatch(/spaces/);
    expect(reasonOf('2026-06-24T19:02+0200')).toMatch(/offset/);
    expect(reasonOf('June 2026')).toBe(
      'write it as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z',
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseContentDate(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('parseContentDate: impossible dates', () => {
  it.each<[string, string]>([
    ['2026-02-30', 'February 2026 has only 28 days'],
    ['2026-02-29', 'February 2026 has only 28 days'],
    ['1900-02-29', 'February 1900 has only 28 days'],
    ['2024-02-30', 'February 2024 has only 29 days'],
    ['2026-04-31', 'April 2026 has only 30 days'],
    ['2026-01-32', 'January 2026 has only 31 days'],
    ['2026-13', 'month 13 does not exist'],
    ['2026-00', 'month 00 does not exist'],
    ['2026-13-01', 'month 13 does not exist'],
    ['2026-06-00', 'day 00 does not exist'],
    ['2026-06-24T24:00Z', 'hour 24 does not exist; write 00:00 of the next day'],
    ['2026-06-24T19:60Z', 'minute 60 does not exist'],
    ['2026-06-24T19:02:60Z', 'second 60 does not exist'],
    ['2026-06-24T19:02+24:00', 'offset +24:00 is out of range (-23:59 to +23:59)'],
  ])('refuses %s as impossible: "%s"', (text, reason) => {
    expect(problemOf(text)).toEqual({ problem: 'impossible', reason });
  });

  it('applies the Gregorian leap-year rules', () => {
    expect(parseContentDate('2024-02-29').ok).toBe(true);
    expect(parseContentDate('2000-02-29').ok).toBe(true);
    expect(parseContentDate('2026-02-29').ok).toBe(false);
    expect(parseContentDate('1900-02-29').ok).toBe(false);
    expect(parseContentDate('2100-02-29').ok).toBe(false);
    expect(parseContentDate('0004-02-29').ok).toBe(true);
  });

  it('refuses an instant that falls outside years 0001–9999 once converted to UTC', () => {
    expect(problemOf('0001-01-01T00:30+01:00')).toMatchObject({ problem: 'impossible' });
    expect(problemOf('9999-12-31T23:00-02:00')).toMatchObject({ problem: 'impossible' });
  });

  it('accepts exactly the days that exist, for every month of every year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const probe = new Date(0);
          probe.setUTCFullYear(year, month - 1, day);
          const exists = probe.getUTCDate() === day;
          const result = parseContentDate(text);
          expect(result.ok).toBe(exists);
          if (result.ok) {
            probe.setUTCHours(0, 0, 0, 0);
            expect(result.date.start).toBe(probe.getTime());
            expect(htmlDatetime(result.date)).toBe(text);
          }
        },
      ),
    );
  });
});

describe('ordering', () => {
  it('sorts a timeline oldest first by the earliest instant each value can mean', () => {
    const texts = ['2026-06-24T19:02Z', '2026-06', '2026', '2026-06-24', '2025-12-31T23:00-02:00'];
    const expected = [
      '2026',
      '2025-12-31T23:00-02:00',
      '2026-06',
      '2026-06-24',
      '2026-06-24T19:02Z',
    ];
    expect(
      texts
        .map(d)
        .sort(compareChronologically)
        .map((x) => x.text),
    ).toEqual(expected);
    expect(
      [...texts]
        .reverse()
        .map(d)
        .sort(compareChronologically)
        .map((x) => x.text),
    ).toEqual(expected);
  });

  it('puts the coarser precision first when two values start at the same instant', () => {
    const texts = ['2026-01-01T00:00Z', '2026-01-01', '2026-01', '2026'];
    expect(
      texts
        .map(d)
        .sort(compareChronologically)
        .map((x) => x.text),
    ).toEqual(['2026', '2026-01', '2026-01-01', '2026-01-01T00:00Z']);
  });

  it('orders instants by the moment they mean, not by how they were written', () => {
    expect(
      compareChronologically(d('2026-06-24T21:00+02:00'), d('2026-06-24T19:30Z')),
    ).toBeLessThan(0);
    expect(compareChronologically(d('2026-06-24T21:02+02:00'), d('2026-06-24T19:02Z'))).toBe(0);
  });

  it('is antisymmetric and agrees with the start instant', () => {
    const samples = [
      '2025',
      '2026',
      '2026-01',
      '2026-06',
      '2026-06-24',
      '2026-06-25',
      '2026-06-24T00:00Z',
      '2026-06-25T01:00+03:00',
      '2026-06-24T23:59:59-00:01',
    ].map(d);
    for (const a of samples) {
      for (const b of samples) {
        expect(
          Math.sign(compareChronologically(a, b)) + Math.sign(compareChronologically(b, a)),
        ).toBe(0);
        if (a.start !== b.start) {
          expect(Math.sign(compareChronologically(a, b))).toBe(Math.sign(a.start - b.start));
        }
      }
    }
  });
});

describe('comparison at the coarser precision', () => {
  it.each<[string, string, -1 | 0 | 1]>([
    ['2026-06-25', '2026-06-25T10:00Z', 0],
    ['2026-06-25T10:00Z', '2026-06-25', 0],
    ['2026-06', '2026-06-30', 0],
    ['2026-06-01', '2026-06', 0],
    ['2026', '2025-12-31T23:30-02:00', 0],
    ['2026', '2026-12-31', 0],
    ['2026-06-24', '2026-06-25T01:00+03:00', 0],
    ['2026-06-24', '2026-06-25', -1],
    ['2026-06', '2026-05-31', 1],
    ['2025', '2026-01', -1],
    ['2026-06-24T19:02Z', '2026-06-24T19:01:59Z', 1],
    ['2026-06-24T21:02+02:00', '2026-06-24T19:02Z', 0],
    ['2026-05-31T23:30-01:00', '2026-06', 0],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareAtCoarserPrecision(d(a), d(b))).toBe(expected);
  });

  it('counts a value equal at the coarser precision as not earlier', () => {
    expect(isNotEarlier(d('2026-06'), d('2026-06-30'))).toBe(true);
    expect(isNotEarlier(d('2026-06-25'), d('2026-06-25T10:00Z'))).toBe(true);
    expect(isNotEarlier(d('2026'), d('2025-12-31T23:30-02:00'))).toBe(true);
    expect(isNotEarlier(d('2026-06-24T19:02Z'), d('2026-06-24T19:02Z'))).toBe(true);
  });

  it('reports a genuinely earlier value as earlier', () => {
    expect(isNotEarlier(d('2026-06-24'), d('2026-06-25'))).toBe(false);
    expect(isNotEarlier(d('2026-05'), d('2026-06-01T00:30+02:00'))).toBe(true);
    expect(isNotEarlier(d('2026-05'), d('2026-06-01T00:30Z'))).toBe(false);
    expect(isNotEarlier(d('2025'), d('2025-12-31T23:30-02:00'))).toBe(false);
    expect(isNotEarlier(d('2026-06-24T19:01Z'), d('2026-06-24T19:02Z'))).toBe(false);
  });

  it('treats two values as the same date only at the same precision and meaning', () => {
    expect(sameDate(d('2026-06-24T21:02+02:00'), d('2026-06-24T19:02Z'))).toBe(true);
    expect(sameDate(d('2026-06-24T19:02:00Z'), d('2026-06-24T19:02Z'))).toBe(true);
    expect(sameDate(d('2026-06'), d('2026-06'))).toBe(true);
    expect(sameDate(d('2026-06'), d('2026-06-01'))).toBe(false);
    expect(sameDate(d('2026-06-24'), d('2026-06-24T00:00Z'))).toBe(false);
    expect(sameDate(d('2026-06-24'), d('2026-06-25'))).toBe(false);
  });
});

describe('formatContentDate', () => {
  it('shows each precision as written in the house style for en', () => {
    expect(formatContentDate(d('2026'), 'en')).toBe('2026');
    expect(formatContentDate(d('2026-06'), 'en')).toBe('June 2026');
    expect(formatContentDate(d('2026-06-24'), 'en')).toBe('24 June 2026');
    expect(formatContentDate(d('2026-06-24T19:02Z'), 'en')).toBe('24 June 2026, 19:02 UTC');
    expect(formatContentDate(d('2026-06-24T09:05Z'), 'en')).toBe('24 June 2026, 09:05 UTC');
  });

  it('shows a datetime in UTC, on its UTC day', () => {
    expect(formatContentDate(d('2026-06-25T01:00+03:00'), 'en')).toBe('24 June 2026, 22:00 UTC');
    expect(formatContentDate(d('2026-04-08T14:30+02:00'), 'en')).toBe('8 April 2026, 12:30 UTC');
  });

  it('never shifts a calendar day by a time zone', () => {
    expect(formatContentDate(d('2026-01-01'), 'en')).toBe('1 January 2026');
    expect(formatContentDate(d('2026-12-31'), 'en-US')).toBe('December 31, 2026');
    expect(formatContentDate(d('2026-01'), 'it')).toBe('gennaio 2026');
  });

  it('shows seconds only when written and not zero', () => {
    expect(formatContentDate(d('2026-06-24T19:02:30Z'), 'en')).toBe('24 June 2026, 19:02:30 UTC');
    expect(formatContentDate(d('2026-06-24T19:02:00Z'), 'en')).toBe('24 June 2026, 19:02 UTC');
    expect(formatContentDate(d('2026-06-24T19:02:30Z'), 'it')).toBe('24 giugno 2026, 19:02:30 UTC');
  });

  it('uses the words of the page language for it', () => {
    expect(formatContentDate(d('2026'), 'it')).toBe('2026');
    expect(formatContentDate(d('2026-06'), 'it')).toBe('giugno 2026');
    expect(formatContentDate(d('2026-06-24'), 'it')).toBe('24 giugno 2026');
    expect(formatContentDate(d('2026-06-24T19:02Z'), 'it')).toBe('24 giugno 2026, 19:02 UTC');
  });

  it('uses Intl for the en-US day, month first, with the 24-hour UTC time every language shares', () => {
    expect(formatContentDate(d('2026-06'), 'en-US')).toBe('June 2026');
    expect(formatContentDate(d('2026-06-24'), 'en-US')).toBe('June 24, 2026');
    expect(formatContentDate(d('2026-06-24T19:02Z'), 'en-US')).toBe('June 24, 2026, 19:02 UTC');
  });

  it('uses the words of the page language for fr', () => {
    expect(formatContentDate(d('2026-06'), 'fr')).toBe('juin 2026');
    expect(formatContentDate(d('2026-06-24'), 'fr')).toBe('24 juin 2026');
    expect(formatContentDate(d('2026-06-24T19:02Z'), 'fr')).toBe('24 juin 2026, 19:02 UTC');
  });

  it('treats the en tag case-insensitively as the house style', () => {
    expect(formatContentDate(d('2026-06-24'), 'EN')).toBe('24 June 2026');
  });

  it('falls back to the en house style for an invalid or unknown language tag without throwing', () => {
    for (const lang of ['', 'not a tag', 'x-foo', 'xx-invalid', 'und', '🙂']) {
      expect(formatContentDate(d('2026-06-24'), lang)).toBe('24 June 2026');
      expect(formatContentDate(d('2026-06-24T19:02Z'), lang)).toBe('24 June 2026, 19:02 UTC');
    }
  });

  it('always uses the Gregorian calendar, even for a language whose default is another', () => {
    expect(formatContentDate(d('2026-06-24'), 'th')).toContain('2026');
    expect(formatContentDate(d('2026-06-24'), 'ar-u-ca-islamic')).toContain('يونيو');
  });

  it('uses plain spaces in the house style', () => {
    for (const text of ['2026-06', '2026-06-24', '2026-06-24T19:02:30Z']) {
      expect(formatContentDate(d(text), 'en')).not.toMatch(/[\u00a0\u2009\u202f]/);
    }
  });
});

describe('formatDateRange', () => {
  it('shares the month and year of days in the same month', () => {
    expect(formatDateRange(d('2026-04-08'), d('2026-04-12'), 'en')).toBe('8–12 April 2026');
    expect(formatDateRange(d('2026-04-08'), d('2026-04-12'), 'it')).toBe('8–12 aprile 2026');
    expect(formatDateRange(d('2026-04-08'), d('2026-04-12'), 'fr')).toBe('8–12 avril 2026');
    // Other languages keep Intl's own typography, here thin spaces around the dash.
    expect(formatDateRange(d('2026-04-08'), d('2026-04-12'), 'en-US')).toBe(
      'April 8\u2009–\u200912, 2026',
    );
  });

  it('shares only the year of days in different months of one year', () => {
    expect(formatDateRange(d('2026-04-08'), d('2026-05-02'), 'en')).toBe('8 April – 2 May 2026');
    expect(formatDateRange(d('2026-04-08'), d('2026-05-02'), 'it')).toBe(
      '8 aprile\u2009–\u20092 maggio 2026',
    );
  });

  it('writes both ends in full across a year boundary', () => {
    expect(formatDateRange(d('2025-12-30'), d('2026-01-02'), 'en')).toBe(
      '30 December 2025 – 2 January 2026',
    );
  });

  it('closes up the dash between single words and spaces it otherwise, in the house style', () => {
    expect(formatDateRange(d('2026-04'), d('2026-05'), 'en')).toBe('April–May 2026');
    expect(formatDateRange(d('2025'), d('2026'), 'en')).toBe('2025–2026');
    expect(formatDateRange(d('2025-12'), d('2026-01'), 'en')).toBe('December 2025 – January 2026');
  });

  it('joins mixed precisions with a spaced en dash', () => {
    expect(formatDateRange(d('2026-04'), d('2026-05-02'), 'en')).toBe('April 2026 – 2 May 2026');
    expect(formatDateRange(d('2026'), d('2026-06'), 'it')).toBe('2026 – giugno 2026');
  });

  it('joins two instants with a spaced en dash, both in UTC', () => {
    expect(formatDateRange(d('2026-06-24T19:02Z'), d('2026-06-24T23:00+02:00'), 'en')).toBe(
      '24 June 2026, 19:02 UTC – 24 June 2026, 21:00 UTC',
    );
  });

  it('shows a range whose ends display identically only once', () => {
    expect(formatDateRange(d('2026-06-24'), d('2026-06-24'), 'en')).toBe('24 June 2026');
    expect(formatDateRange(d('2026-06-24T19:02:00Z'), d('2026-06-24T21:02+02:00'), 'en')).toBe(
      '24 June 2026, 19:02 UTC',
    );
    expect(formatDateRange(d('2026'), d('2026'), 'it')).toBe('2026');
  });

  it('falls back to the house style for an invalid tag', () => {
    expect(formatDateRange(d('2026-04-08'), d('2026-04-12'), 'not a tag')).toBe('8–12 April 2026');
  });
});

describe('htmlDatetime', () => {
  it('writes a valid <time datetime> at the date precision', () => {
    expect(htmlDatetime(d('2026'))).toBe('2026');
    expect(htmlDatetime(d('2026-06'))).toBe('2026-06');
    expect(htmlDatetime(d('2026-06-24'))).toBe('2026-06-24');
    expect(htmlDatetime(d('0001-01-01'))).toBe('0001-01-01');
  });

  it('normalises an instant to UTC with seconds and Z', () => {
    expect(htmlDatetime(d('2026-06-24T19:02Z'))).toBe('2026-06-24T19:02:00Z');
    expect(htmlDatetime(d('2026-06-24T21:02:30+02:00'))).toBe('2026-06-24T19:02:30Z');
    expect(htmlDatetime(d('2026-06-25T01:00+03:00'))).toBe('2026-06-24T22:00:00Z');
  });

  it('round-trips: the html value of an instant parses to the same date', () => {
    for (const text of [
      '2026-06-24T21:02:30+02:00',
      '2025-12-31T23:00-02:00',
      '0050-06-01T12:00Z',
    ]) {
      expect(sameDate(d(htmlDatetime(d(text))), d(text))).toBe(true);
    }
  });
});

/*
 * The machine's time zone (and default locale) must never change a result. TZ cannot be
 * changed reliably inside one process, so each zone gets its own Node process that evaluates
 * the same cases and prints the results as JSON.
 */
describe('independence from the machine time zone', () => {
  type Case =
    | { op: 'parse'; text: string; expected: unknown }
    | { op: 'format'; text: string; lang: string; expected: string }
    | { op: 'range'; text: string; end: string; lang: string; expected: string }
    | { op: 'html'; text: string; expected: string }
    | { op: 'sort'; texts: string[]; expected: string[] }
    | { op: 'coarser'; text: string; other: string; expected: number };

  const cases: Case[] = [
    {
      op: 'parse',
      text: '2026-06',
      expected: { precision: 'month', start: Date.UTC(2026, 5, 1), year: 2026, month: 6 },
    },
    {
      op: 'parse',
      text: '2026-06-24',
      expected: { precision: 'day', start: Date.UTC(2026, 5, 24), year: 2026, month: 6, day: 24 },
    },
    {
      op: 'parse',
      text: '2026-06-25T01:00+03:00',
      expected: {
        precision: 'instant',
        start: Date.UTC(2026, 5, 24, 22),
        year: 2026,
        month: 6,
        day: 24,
      },
    },
    {
      op: 'parse',
      text: '0050-03-01',
      expected: { precision: 'day', start: -60584198400000, year: 50, month: 3, day: 1 },
    },
    { op: 'parse', text: '2026-02-29', expected: { problem: 'impossible' } },
    { op: 'parse', text: '2026-06-24T19:02', expected: { problem: 'no-offset' } },
    { op: 'format', text: '2026', lang: 'en', expected: '2026' },
    { op: 'format', text: '2026-06', lang: 'en', expected: 'June 2026' },
    { op: 'format', text: '2026-06-01', lang: 'en', expected: '1 June 2026' },
    { op: 'format', text: '2026-01-01', lang: 'en', expected: '1 January 2026' },
    { op: 'format', text: '2026-12-31', lang: 'en', expected: '31 December 2026' },
    { op: 'format', text: '2026-06-24T19:02Z', lang: 'en', expected: '24 June 2026, 19:02 UTC' },
    {
      op: 'format',
      text: '2026-06-25T01:00+03:00',
      lang: 'en',
      expected: '24 June 2026, 22:00 UTC',
    },
    {
      op: 'format',
      text: '2026-06-24T23:30-11:00',
      lang: 'en',
      expected: '25 June 2026, 10:30 UTC',
    },
    { op: 'format', text: '2026-06', lang: 'it', expected: 'giugno 2026' },
    { op: 'format', text: '2026-06-24', lang: 'it', expected: '24 giugno 2026' },
    { op: 'format', text: '2026-06-24', lang: 'en-US', expected: 'June 24, 2026' },
    {
      op: 'format',
      text: '2026-06-24T19:02Z',
      lang: 'en-US',
      expected: 'June 24, 2026, 19:02 UTC',
    },
    { op: 'format', text: '2026-06-24', lang: 'fr', expected: '24 juin 2026' },
    { op: 'format', text: '2026-06-24', lang: 'not a tag', expected: '24 June 2026' },
    { op: 'range', text: '2026-04-08', end: '2026-04-12', lang: 'en', expected: '8–12 April 2026' },
    {
      op: 'range',
      text: '2026-04-08',
      end: '2026-04-12',
      lang: 'it',
      expected: '8–12 aprile 2026',
    },
    {
      op: 'range',
      text: '2026-04-08',
      end: '2026-05-02',
      lang: 'en',
      expected: '8 April – 2 May 2026',
    },
    {
      op: 'range',
      text: '2025-12-30',
      end: '2026-01-02',
      lang: 'en',
      expected: '30 December 2025 – 2 January 2026',
    },
    { op: 'html', text: '2026-06', expected: '2026-06' },
    { op: 'html', text: '2026-06-25T01:00+03:00', expected: '2026-06-24T22:00:00Z' },
    {
      op: 'sort',
      texts: ['2026-06-24T19:02Z', '2026-06', '2026', '2026-06-24', '2025-12-31T23:00-02:00'],
      expected: ['2026', '2025-12-31T23:00-02:00', '2026-06', '2026-06-24', '2026-06-24T19:02Z'],
    },
    { op: 'coarser', text: '2026', other: '2025-12-31T23:30-02:00', expected: 0 },
    { op: 'coarser', text: '2026-06-24', other: '2026-06-25T01:00+03:00', expected: 0 },
  ];

  /** Plain JavaScript run by each child process; `D` is the dates module. */
  const evaluator = `
    const date = (text) => {
      const r = D.parseContentDate(text);
      if (!r.ok) throw new Error(text + ': ' + r.reason);
      return r.date;
    };
    const evaluate = (c) => {
      switch (c.op) {
        case 'parse': {
          const r = D.parseContentDate(c.text);
          if (!r.ok) return { problem: r.problem };
          const { precision, start, year, month, day } = r.date;
          return Object.fromEntries(
            Object.entries({ precision, start, year, month, day }).filter(([, v]) => v !== undefined),
          );
        }
        case 'format': return D.formatContentDate(date(c.text), c.lang);
        case 'range': return D.formatDateRange(date(c.text), date(c.end), c.lang);
        case 'html': return D.htmlDatetime(date(c.text));
        case 'sort': return c.texts.map(date).sort(D.compareChronologically).map((x) => x.text);
        case 'coarser': return D.compareAtCoarserPrecision(date(c.text), date(c.other));
      }
      throw new Error('unknown op ' + c.op);
    };
    const cases = JSON.parse(process.argv[2]);
    process.stdout.write(JSON.stringify({
      offsetInJune: new Date(Date.UTC(2026, 5, 24)).getTimezoneOffset(),
      results: cases.map(evaluate),
    }));
  `;

  const datesUrl = pathToFileURL(
    fileURLToPath(new URL('../../src/article/dates.ts', import.meta.url)),
  ).href;
  const dir = mkdtempSync(join(tmpdir(), 'dossier-dates-'));
  const script = join(dir, 'evaluate.mjs');
  writeFileSync(script, `import * as D from ${JSON.stringify(datesUrl)};\n${evaluator}`);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // Each zone also runs under a different default locale, which must not matter either.
  const zones: { tz: string; locale: string; offsetInJune: number }[] = [
    { tz: 'America/Los_Angeles', locale: 'en_US.UTF-8', offsetInJune: 420 },
    { tz: 'Pacific/Kiritimati', locale: 'de_DE.UTF-8', offsetInJune: -840 },
    { tz: 'Pacific/Pago_Pago', locale: 'ja_JP.UTF-8', offsetInJune: 660 },
    { tz: 'Asia/Kolkata', locale: 'hi_IN.UTF-8', offsetInJune: -330 },
    { tz: 'UTC', locale: 'C', offsetInJune: 0 },
  ];

  function runIn(zone: (typeof zones)[number]): { offsetInJune: number; results: unknown[] } {
    const output = execFileSync(process.execPath, [script, JSON.stringify(cases)], {
      env: { ...process.env, TZ: zone.tz, LC_ALL: zone.locale, LANG: zone.locale },
      encoding: 'utf8',
    });
    return JSON.parse(output) as { offsetInJune: number; results: unknown[] };
  }

  it('gives identical, expected results for parsing, ordering and formatting in every zone', () => {
    const outputs = zones.map((zone) => ({ zone, output: runIn(zone) }));
    for (const { zone, output } of outputs) {
      // The zone really was in effect in the child process (its name may come back as an
      // alias, e.g. Asia/Calcutta, so check the offset it gives).
      expect(output.offsetInJune).toBe(zone.offsetInJune);
      expect(output.results).toEqual(cases.map((c) => c.expected));
    }
    const first = JSON.stringify(outputs[0]?.output.results);
    for (const { output } of outputs) expect(JSON.stringify(output.results)).toBe(first);
  });
});
