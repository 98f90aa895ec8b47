/**
 * Content dates: parsing, ordering, comparison and display of the dates editors write in
 * article front matter (`date`, `published`, `updated`, timeline `end`, …).
 *
 * A date keeps the precision it was written in: `2026-06` means "June 2026", never
 * "1 June 2026". A calendar date is never shifted by a time zone; a datetime must carry `Z`
 * or an offset and is always shown in UTC. Nothing here depends on the machine's time zone
 * or default locale.
 *
 * Pure TypeScript with no dependencies beyond the JavaScript built-ins.
 *
 * @module
 */

/**
 * How precisely a date was written: a year, a month, a day, or an instant (a datetime with
 * `Z` or an offset).
 *
 * @example
 * const precision: DatePrecision = 'month'; // `2026-06`
 */
export type DatePrecision = 'year' | 'month' | 'day' | 'instant';

/**
 * A parsed content date. Obtain one from {@link parseContentDate}.
 *
 * @example
 * const result = parseContentDate('2026-06');
 * if (result.ok) {
 *   result.date; // { text: '2026-06', precision: 'month', start: Date.UTC(2026, 5, 1),
 *                //   year: 2026, month: 6, day: undefined, hasSeconds: false }
 * }
 */
export interface ContentDate {
  /** Exactly as written. */
  readonly text: string;
  readonly precision: DatePrecision;
  /** The earliest UTC instant the value can mean, in milliseconds since the epoch. */
  readonly start: number;
  /** For instants the UTC calendar year of `start`; otherwise as written. */
  readonly year: number;
  /** 1–12. For instants the UTC month of `start`; as written otherwise; `undefined` for a year. */
  readonly month: number | undefined;
  /** 1–31. For instants the UTC day of `start`; as written otherwise; `undefined` above day precision. */
  readonly day: number | undefined;
  /** Whether an instant was written with seconds (`19:02:30Z`, `19:02:00Z`). */
  readonly hasSeconds: boolean;
}

/**
 * Why a date was refused: `format` (not one of the accepted shapes), `no-offset` (a time of
 * day without `Z` or an offset, which is ambiguous) or `impossible` (well-formed, but names
 * a day, time or offset that does not exist).
 *
 * @example
 * const problem: DateProblem = 'no-offset'; // `2026-06-24T19:02`
 */
export type DateProblem = 'format' | 'no-offset' | 'impossible';

/**
 * The outcome of {@link parseContentDate}. `reason` is a short plain-English phrase meant to
 * be embedded in an editor-facing message.
 *
 * @example
 * const result: DateParseResult = parseContentDate('2026-02-30');
 * // { ok: false, problem: 'impossible', reason: 'February 2026 has only 28 days' }
 */
export type DateParseResult =
  { ok: true; date: ContentDate } | { ok: false; problem: DateProblem; reason: string };

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/*
 * The one anchored pattern. Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second,
 * 7 `Z`, 8 offset sign, 9 offset hours, 10 offset minutes. The offset is optional here only
 * so that a missing one can be reported as `no-offset` rather than as a format error.
 */
const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:(Z)|([+-])(\d{2}):(\d{2}))?)?)?)?$/;

const FORMAT_REASON = 'write it as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z';
const NO_OFFSET_REASON = 'a time needs a `Z` or an offset such as `+02:00`';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MS_PER_MINUTE = 60_000;
/** A Gregorian 400-year cycle is exactly 146 097 days. */
const MS_PER_400_YEARS = 146_097 * 86_400_000;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `Date.UTC` for years 1–9999 (Date.UTC maps years 0–99 to 1900–1999, hence the shift). */
function utcMs(year: number, month: number, day: number, h: number, min: number, s: number) {
  if (year >= 100) return Date.UTC(year, month - 1, day, h, min, s);
  return Date.UTC(year + 400, month - 1, day, h, min, s) - MS_PER_400_YEARS;
}

function refuse(problem: DateProblem, reason: string): DateParseResult {
  return { ok: false, problem, reason };
}

/** Only runs for text the pattern refused: finds the most helpful reason. */
function diagnoseFormat(text: string): string {
  if (text === '') return 'the date is empty';
  if (text.trim() === '') return 'the date is blank';
  if (text.trim() !== text) return 'remove the spaces before or after the date';
  if (/^\d{4}-\d{2}-\d{2}\s+\d/.test(text)) {
    return 'separate the date and the time with a capital `T`, not a space';
  }
  if (/\s/.test(text) && DATE_PATTERN.test(text.replace(/\s+/g, ''))) {
    return 'remove the spaces inside the date';
  }
  if (/^\d{4}-\d{2}-\d{2}t/.test(text) || /\dz$/.test(text)) {
    return 'write `T` and `Z` as capital letters';
  }
  if (/:\d{2}[.,]\d/.test(text)) return 'fractional seconds are not allowed; write whole seconds';
  if (/^\d{8}(?:T|$)/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{4}/.test(text)) {
    return 'use hyphens in the date and colons in the time, e.g. 2026-06-24T19:02Z';
  }
  if (/^[+-]?\d{5,}(?:-|$)/.test(text) || /^[+-]\d{4}/.test(text)) {
    return 'the year must have exactly four digits (0001 to 9999)';
  }
  if (/^\d{1,3}(?:-|$)/.test(text)) return 'the year needs four digits, e.g. 2026';
  if (/^\d{4}-\d(?:-|$)/.test(text) || /^\d{4}-\d{2}-\d(?:T|$)/.test(text)) {
    return 'the month and the day need two digits each, e.g. 2026-06-01';
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}(?:Z|[+-]|$)/.test(text)) {
    return 'a time needs hours and minutes, e.g. T19:02Z';
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?[+-]/.test(text)) {
    return 'write the offset as `+HH:MM` or `-HH:MM`, e.g. `+02:00`';
  }
  return FORMAT_REASON;
}

/**
 * Parses a content date written as `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or
 * `YYYY-MM-DDTHH:MM[:SS]` followed by `Z` or an offset `±HH:MM`. Years 0001–9999; offsets
 * −23:59 to +23:59. Anything else is refused with a {@link DateProblem} and a short reason.
 * Never throws; never depends on the machine's time zone.
 *
 * @example
 * parseContentDate('2026-06');
 * // { ok: true, date: { text: '2026-06', precision: 'month', start: 1780272000000,
 * //                     year: 2026, month: 6, day: undefined, hasSeconds: false } }
 * parseContentDate('2026-04-08T14:30+02:00'); // ok, precision 'instant', start = 12:30Z
 * parseContentDate('2026-06-24T19:02');
 * // { ok: false, problem: 'no-offset', reason: 'a time needs a `Z` or an offset such as `+02:00`' }
 */
export function parseContentDate(text: string): DateParseResult {
  const m = DATE_PATTERN.exec(text);
  if (m === null) return refuse('format', diagnoseFormat(text));

  const year = +(m[1] ?? '');
  if (year === 0) return refuse('impossible', 'there is no year 0000; years start at 0001');

  const monthText = m[2];
  if (monthText === undefined) {
    return ok(text, 'year', utcMs(year, 1, 1, 0, 0, 0), year, undefined, undefined, false);
  }
  const month = +monthText;
  if (month < 1 || month > 12) return refuse('impossible', `month ${monthText} does not exist`);

  const dayText = m[3];
  if (dayText === undefined) {
    return ok(text, 'month', utcMs(year, month, 1, 0, 0, 0), year, month, undefined, false);
  }
  const day = +dayText;
  if (day < 1) return refuse('impossible', `day ${dayText} does not exist`);
  const monthLength = daysInMonth(year, month);
  if (day > monthLength) {
    const name = MONTH_NAMES[month - 1] ?? `month ${monthText}`;
    return refuse('impossible', `${name} ${m[1] ?? ''} has only ${String(monthLength)} days`);
  }

  const hourText = m[4];
  if (hourText === undefined) {
    return ok(text, 'day', utcMs(year, month, day, 0, 0, 0), year, month, day, false);
  }

  const isZulu = m[7] !== undefined;
  const sign = m[8];
  if (!isZulu && sign === undefined) return refuse('no-offset', NO_OFFSET_REASON);

  const hour = +hourText;
  if (hour > 23) {
    return refuse(
      'impossible',
      hour === 24
        ? 'hour 24 does not exist; write 00:00 of the next day'
        : `hour ${hourText} does not exist`,
    );
  }
  const minuteText = m[5] ?? '';
  const minute = +minuteText;
  if (minute > 59) return refuse('impossible', `minute ${minuteText} does not exist`);
  const secondText = m[6];
  const second = secondText === undefined ? 0 : +secondText;
  if (second > 59) return refuse('impossible', `second ${secondText ?? ''} does not exist`);

  let offsetMinutes = 0;
  if (sign !== undefined) {
    const offsetHours = +(m[9] ?? '');
    const offsetMins = +(m[10] ?? '');
    const written = `${sign}${m[9] ?? ''}:${m[10] ?? ''}`;
    if (offsetMins > 59) {
      return refuse('impossible', `offset ${written} does not exist; minutes go up to 59`);
    }
    if (offsetHours > 23) {
      return refuse('impossible', `offset ${written} is out of range (-23:59 to +23:59)`);
    }
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }

  const start = utcMs(year, month, day, hour, minute, second) - offsetMinutes * MS_PER_MINUTE;
  if (offsetMinutes === 0) {
    return ok(text, 'instant', start, year, month, day, secondText !== undefined);
  }
  const utc = new Date(start);
  const utcYear = utc.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) {
    return refuse('impossible', 'in UTC this falls outside the years 0001 to 9999');
  }
  return ok(
    text,
    'instant',
    start,
    utcYear,
    utc.getUTCMonth() + 1,
    utc.getUTCDate(),
    secondText !== undefined,
  );
}

function ok(
  text: string,
  precision: DatePrecision,
  start: number,
  year: number,
  month: number | undefined,
  day: number | undefined,
  hasSeconds: boolean,
): DateParseResult {
  return { ok: true, date: { text, precision, start, year, month, day, hasSeconds } };
}

// ---------------------------------------------------------------------------------------------
// Ordering and comparison
// ---------------------------------------------------------------------------------------------

const PRECISION_RANK: Readonly<Record<DatePrecision, number>> = {
  year: 0,
  month: 1,
  day: 2,
  instant: 3,
};

/**
 * Timeline order (oldest first): by the earliest UTC instant each value can mean, then the
 * coarser precision first. Returns a negative number, zero or a positive number, for use with
 * `Array.prototype.sort`. Callers add their own further tiebreaks (such as title).
 *
 * @example
 * // parse() returns the date of an ok result
 * ['2026-06-24', '2026-06', '2026', '2025-12-31T23:00-02:00']
 *   .map(parse)
 *   .sort(compareChronologically)
 *   .map((d) => d.text);
 * // ['2026', '2025-12-31T23:00-02:00', '2026-06', '2026-06-24']
 */
export function compareChronologically(a: ContentDate, b: ContentDate): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision];
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * Compares two dates at the coarser of their two precisions (an instant's coarser form is its
 * UTC day): −1 if `a` is earlier, 0 if they are equal at that precision, 1 if `a` is later.
 *
 * @example
 * compareAtCoarserPrecision(parse('2026-06'), parse('2026-06-30')); // 0
 * compareAtCoarserPrecision(parse('2026-06-25'), parse('2026-06-25T10:00Z')); // 0
 * compareAtCoarserPrecision(parse('2026-06-24'), parse('2026-06-25T01:00+03:00')); // 0 (UTC day is 24)
 * compareAtCoarserPrecision(parse('2026-05'), parse('2026-06-01')); // -1
 */
export function compareAtCoarserPrecision(a: ContentDate, b: ContentDate): -1 | 0 | 1 {
  const rank = Math.min(PRECISION_RANK[a.precision], PRECISION_RANK[b.precision]);
  if (rank === 3) return sign(a.start - b.start);
  if (a.year !== b.year) return a.year < b.year ? -1 : 1;
  if (rank === 0) return 0;
  const monthDiff = (a.month ?? 1) - (b.month ?? 1);
  if (monthDiff !== 0 || rank === 1) return sign(monthDiff);
  return sign((a.day ?? 1) - (b.day ?? 1));
}

/**
 * Whether `later` is not earlier than `earlier` when compared at the coarser of their two
 * precisions; equal at that precision counts as not earlier. Use it to validate `updated`
 * against `published` and an event's `end` against its `date`.
 *
 * @example
 * isNotEarlier(parse('2026-06'), parse('2026-06-30')); // true (same month)
 * isNotEarlier(parse('2026'), parse('2025-12-31T23:30-02:00')); // true (that is 2026-01-01T01:30Z)
 * isNotEarlier(parse('2026-06-24'), parse('2026-06-25')); // false
 */
export function isNotEarlier(later: ContentDate, earlier: ContentDate): boolean {
  return compareAtCoarserPrecision(later, earlier) >= 0;
}

/**
 * Whether two dates have the same precision and mean the same thing. Instants compare by
 * instant, whatever offset they were written with.
 *
 * @example
 * sameDate(parse('2026-06-24T21:02+02:00'), parse('2026-06-24T19:02Z')); // true
 * sameDate(parse('2026-06'), parse('2026-06-01')); // false (different precision)
 */
export function sameDate(a: ContentDate, b: ContentDate): boolean {
  return a.precision === b.precision && a.start === b.start;
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

/** Resolved language for display: `HOUSE` for the `en` house style, otherwise a BCP 47 tag. */
const HOUSE = '';
const HOUSE_LOCALE = 'en-GB';
const EN_DASH = '\u2013';
const SPACED_DASH = ` ${EN_DASH} `;

type Style = 'year' | 'month' | 'day' | 'time' | 'time-s';

const STYLE_OPTIONS: Readonly<Record<Style, Intl.DateTimeFormatOptions>> = {
  year: { year: 'numeric' },
  month: { year: 'numeric', month: 'long' },
  day: { year: 'numeric', month: 'long', day: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  'time-s': { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
};

const languageCache = new Map<string, string>();
const formatterCache = new Map<string, Intl.DateTimeFormat>();

/** Maps a page language to `HOUSE` or to a tag Intl supports; never throws. */
function resolveLanguage(lang: string): string {
  let resolved = languageCache.get(lang);
  if (resolved !== undefined) return resolved;
  resolved = HOUSE;
  try {
    const canonical = Intl.getCanonicalLocales(lang)[0];
    if (
      canonical !== undefined &&
      canonical !== 'en' &&
      Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0
    ) {
      resolved = canonical;
    }
  } catch {
    // Structurally invalid tag: house style.
  }
  languageCache.set(lang, resolved);
  return resolved;
}

function formatter(language: string, style: Style): Intl.DateTimeFormat {
  const key = `${language}\u0000${style}`;
  let f = formatterCache.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(language === HOUSE ? HOUSE_LOCALE : language, {
      ...STYLE_OPTIONS[style],
      timeZone: 'UTC',
      // Content dates are Gregorian; another calendar would also break the precision
      // (a Gregorian month does not map onto one Hijri or Persian month).
      calendar: 'gregory',
    });
    formatterCache.set(key, f);
  }
  return f;
}

function showsSeconds(date: ContentDate): boolean {
  return date.hasSeconds && ((date.start % MS_PER_MINUTE) + MS_PER_MINUTE) % MS_PER_MINUTE !== 0;
}

/** House style uses plain spaces, not ICU's thin or narrow no-break spaces. */
function plainSpaces(s: string): string {
  return s.replace(/[\u2009\u202f\u00a0]/g, ' ');
}

function formatResolved(date: ContentDate, language: string): string {
  return remembered(`${language} ${dateKey(date)}`, () => formatUncached(date, language));
}

function formatUncached(date: ContentDate, language: string): string {
  if (date.precision !== 'instant') {
    const text = formatter(language, date.precision).format(date.start);
    return language === HOUSE ? plainSpaces(text) : text;
  }
  // One shape in every language, as the contract shows it ("24 June 2026, 19:02 UTC"): the
  // language's own day, then a 24-hour UTC time, so readers never mistake the zone.
  const day = formatter(language, 'day').format(date.start);
  const time = formatter(language, showsSeconds(date) ? 'time-s' : 'time').format(date.start);
  const text = `${day}, ${time} UTC`;
  return language === HOUSE ? plainSpaces(text) : text;
}

/**
 * Formats a date for display at the precision it was written in, in the page's language.
 * Instants are shown in UTC (their day is the UTC day); seconds appear only when written and
 * non-zero. The plain tag `en` uses the house style (day month year, 24-hour UTC time); any
 * other tag uses `Intl.DateTimeFormat` for that tag (Gregorian calendar, UTC). An invalid or
 * unknown tag falls back to the house style.
 *
 * @example
 * formatContentDate(parse('2026'), 'en'); // '2026'
 * formatContentDate(parse('2026-06'), 'it'); // 'giugno 2026'
 * formatContentDate(parse('2026-06-24'), 'en-US'); // 'June 24, 2026'
 * formatContentDate(parse('2026-06-25T01:00+03:00'), 'en'); // '24 June 2026, 22:00 UTC'
 */
export function formatContentDate(date: ContentDate, lang: string): string {
  return formatResolved(date, resolveLanguage(lang));
}

/**
 * Formatted dates by language and value. ICU's formatting showed in build profiles (a site
 * formats the same days over and over, on article pages, timelines and lists).
 */
const formatted = new Map<string, string>();

function remembered(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    text = format();
    formatted.set(key, text);
  }
  return text;
}

function dateKey(date: ContentDate): string {
  return `${date.precision}:${String(date.start)}:${String(date.hasSeconds)}`;
}

/** The value each `day` part has when the date is formatted on its own. */
function singleDayValue(date: ContentDate, language: string): string | undefined {
  for (const part of formatter(language, 'day').formatToParts(date.start)) {
    if (part.type === 'day') return part.value;
  }
  return undefined;
}

function formatCalendarRange(start: ContentDate, end: ContentDate, language: string): string {
  const precision = start.precision as 'year' | 'month' | 'day';
  const parts = formatter(language, precision).formatRangeToParts(start.start, end.start);
  // Some locales zero-pad days inside ranges only (Italian "08–12 aprile"); show each day as
  // a single date would show it.
  const startDay = precision === 'day' ? singleDayValue(start, language) : undefined;
  const endDay = precision === 'day' ? singleDayValue(end, language) : undefined;

  let startText = '';
  let endText = '';
  let lastStart = -1;
  let firstEnd = -1;
  for (let i = 0; i < parts.length; i++) {
    const source = parts[i]?.source;
    if (source === 'startRange') lastStart = i;
    else if (source === 'endRange' && firstEnd === -1) firstEnd = i;
  }

  let out = '';
  let separatorSeen = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === undefined) continue;
    let value = part.value;
    if (part.type === 'day') {
      value = (part.source === 'endRange' ? endDay : startDay) ?? value;
    }
    if (language === HOUSE) {
      value = plainSpaces(value);
      if (part.source === 'startRange') startText += value;
      else if (part.source === 'endRange') endText += value;
      else if (!separatorSeen && lastStart !== -1 && i > lastStart && i < firstEnd) {
        // The separator, set in house style: closed up between single words ("8–12",
        // "April–May", "2025–2026"), spaced otherwise ("8 April – 2 May").
        value = '\u0000';
        separatorSeen = true;
      }
    }
    out += value;
  }
  if (language === HOUSE) {
    const closed = !/\s/.test(startText) && !/\s/.test(endText);
    out = out.replace('\u0000', closed ? EN_DASH : SPACED_DASH);
  }
  return out;
}

/**
 * Formats a span from `start` to `end` in the page's language. When both ends have the same
 * year, month or day precision it uses `Intl.DateTimeFormat.prototype.formatRange`, so shared
 * parts appear once ("8–12 April 2026"); mixed precisions and instants are joined with a
 * spaced en dash. If both ends display identically the value is shown once.
 *
 * @example
 * formatDateRange(parse('2026-04-08'), parse('2026-04-12'), 'en'); // '8–12 April 2026'
 * formatDateRange(parse('2026-04-08'), parse('2026-05-02'), 'en'); // '8 April – 2 May 2026'
 * formatDateRange(parse('2026-04-08'), parse('2026-04-12'), 'it'); // '8–12 aprile 2026'
 * formatDateRange(parse('2026-04'), parse('2026-05-02'), 'en'); // 'April 2026 – 2 May 2026'
 */
export function formatDateRange(start: ContentDate, end: ContentDate, lang: string): string {
  const language = resolveLanguage(lang);
  const startText = formatResolved(start, language);
  const endText = formatResolved(end, language);
  if (startText === endText) return startText;
  if (start.precision === end.precision && start.precision !== 'instant') {
    return remembered(`${language} ${dateKey(start)} ${dateKey(end)}`, () =>
      formatCalendarRange(start, end, language),
    );
  }
  return `${startText}${SPACED_DASH}${endText}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * A valid HTML `<time datetime>` value at the date's precision; instants are normalised to
 * UTC with seconds and `Z`.
 *
 * @example
 * htmlDatetime(parse('2026')); // '2026'
 * htmlDatetime(parse('2026-06')); // '2026-06'
 * htmlDatetime(parse('2026-06-24')); // '2026-06-24'
 * htmlDatetime(parse('2026-06-24T21:02+02:00')); // '2026-06-24T19:02:00Z'
 */
export function htmlDatetime(date: ContentDate): string {
  switch (date.precision) {
    case 'year':
      return pad(date.year, 4);
    case 'month':
      return `${pad(date.year, 4)}-${pad(date.month ?? 1, 2)}`;
    case 'day':
      return `${pad(date.year, 4)}-${pad(date.month ?? 1, 2)}-${pad(date.day ?? 1, 2)}`;
    case 'instant':
      return `${new Date(date.start).toISOString().slice(0, 19)}Z`;
  }
}
