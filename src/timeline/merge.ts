/**
 * The cross-article timeline: every event of every published article, events with the same id
 * merged into one, in the contract's order (earliest instant, then coarser precision, then title).
 */
import { compareChronologically, type ContentDate } from '../article/dates.ts';

/** What the timeline needs to know about an article. */
export interface TimelineArticle {
  readonly slug: string;
  readonly title: string;
  readonly lang: string;
  readonly published: ContentDate;
  readonly sources: readonly { readonly id: string; readonly url?: string | undefined }[];
  readonly events: readonly {
    readonly id?: string | undefined;
    readonly date: ContentDate;
    readonly end?: ContentDate | undefined;
    readonly title: string;
    readonly sources: readonly string[];
  }[];
}

export interface TimelineEntry {
  /** The shared id, or `<slug>--<n>` for an event only one article records. */
  readonly key: string;
  readonly date: ContentDate;
  readonly end: ContentDate | undefined;
  readonly title: string;
  /** The language of the title (the language of the article it was taken from). */
  readonly lang: string;
  /** Every article that records the event, earliest published first. */
  readonly articles: readonly {
    readonly slug: string;
    readonly title: string;
    readonly lang: string;
  }[];
  /** Distinct sources behind it across those articles (the same URL counts once). */
  readonly sourceCount: number;
}

/** The timeline key of an article's event: its shared id, or a key of its own. */
export function eventKey(
  slug: string,
  event: { readonly id?: string | undefined },
  index: number,
): string {
  return event.id ?? `${slug}--${String(index + 1)}`;
}

function byPublication(a: TimelineArticle, b: TimelineArticle): number {
  return (
    compareChronologically(a.published, b.published) ||
    (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
  );
}

export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return (
    compareChronologically(a.date, b.date) ||
    a.title.localeCompare(b.title, 'en') ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

interface Accumulator {
  key: string;
  date: ContentDate;
  end: ContentDate | undefined;
  title: string;
  lang: string;
  articles: { slug: string; title: string; lang: string }[];
  sources: Set<string>;
}

/** Merges and orders the events of the given (published) articles. */
export function buildTimeline(articles: readonly TimelineArticle[]): TimelineEntry[] {
  const merged = new Map<string, Accumulator>();
  for (const article of [...articles].sort(byPublication)) {
    const urls = new Map(
      article.sources.map((source) => [source.id, source.url ?? `${article.slug}#${source.id}`]),
    );
    article.events.forEach((event, index) => {
      const key = eventKey(article.slug, event, index);
      let entry = merged.get(key);
      if (!entry) {
        // Articles arrive earliest-published first, so the first to record an event names it.
        entry = {
          key,
          date: event.date,
          end: event.end,
          title: event.title,
          lang: article.lang,
          articles: [],
          sources: new Set(),
        };
        merged.set(key, entry);
      }
      if (!entry.articles.some((a) => a.slug === article.slug)) {
        entry.articles.push({ slug: article.slug, title: article.title, lang: article.lang });
      }
      for (const id of event.sources) entry.sources.add(urls.get(id) ?? `${article.slug}#${id}`);
    });
  }
  return [...merged.values()]
    .map(({ sources, ...entry }): TimelineEntry => ({ ...entry, sourceCount: sources.size }))
    .sort(compareEntries);
}

/** A page of the timeline: one year, or one month of a year too full for one page. */
export interface TimelinePage {
  /** Path segments under the timeline's root, e.g. ['2026'] or ['2026', '06']. */
  readonly segments: readonly string[];
  readonly year: number;
  readonly month: number | undefined;
  readonly entries: readonly TimelineEntry[];
}

/**
 * Splits an ordered timeline into pages by year, and a year into months when it holds more than
 * `maxPerPage` entries, so no page grows without bound. Year-precision events of a split year go on
 * the page of their year's first month (they sort first in the year).
 */
export function paginateTimeline(
  entries: readonly TimelineEntry[],
  maxPerPage: number,
): TimelinePage[] {
  const years = new Map<number, TimelineEntry[]>();
  for (const entry of entries) {
    const list = years.get(entry.date.year);
    if (list) list.push(entry);
    else years.set(entry.date.year, [entry]);
  }
  const pages: TimelinePage[] = [];
  for (const [year, list] of years) {
    if (list.length <= maxPerPage) {
      pages.push({ segments: [String(year)], year, month: undefined, entries: list });
      continue;
    }
    const months = new Map<number, TimelineEntry[]>();
    for (const entry of list) {
      const month = entry.date.month ?? 1;
      const bucket = months.get(month);
      if (bucket) bucket.push(entry);
      else months.set(month, [entry]);
    }
    for (const [month, bucket] of months) {
      pages.push({
        segments: [String(year), String(month).padStart(2, '0')],
        year,
        month,
        entries: bucket,
      });
    }
  }
  return pages;
}

/** Where each part of a timeline is published, under a base path such as `/timeline/`. */
export interface TimelineLayout {
  /** The entries shown on the base page itself: all of them, or none when the timeline is split. */
  readonly rootEntries: readonly TimelineEntry[];
  /** Year (or month) pages, empty when everything fits on the base page. */
  readonly pages: readonly (TimelinePage & { readonly path: string })[];
  /** The page path and fragment of each entry, for links from articles. */
  readonly hrefs: ReadonlyMap<string, string>;
}

export function eventAnchor(key: string): string {
  return `event-${key}`;
}

export function layoutTimeline(
  entries: readonly TimelineEntry[],
  base: string,
  maxPerPage: number,
): TimelineLayout {
  const hrefs = new Map<string, string>();
  if (entries.length <= maxPerPage) {
    for (const entry of entries) hrefs.set(entry.key, `${base}#${eventAnchor(entry.key)}`);
    return { rootEntries: entries, pages: [], hrefs };
  }
  const pages = paginateTimeline(entries, maxPerPage).map((page) => ({
    ...page,
    path: `${base}${page.segments.join('/')}/`,
  }));
  for (const page of pages)
    for (const entry of page.entries)
      hrefs.set(entry.key, `${page.path}#${eventAnchor(entry.key)}`);
  return { rootEntries: [], pages, hrefs };
}
