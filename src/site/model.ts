/**
 * Everything the pages show, computed once per build from the published articles: the newest-first
 * list, topics, the sources index and the timeline. Pages ask for slices of it; none re-reads or
 * re-sorts the collection.
 */
import { compareChronologically } from '../article/dates.ts';
import type { Frontmatter } from '../article/schema/article.ts';
import { toSlug } from '../article/schema/fields.ts';
import type { Source } from '../article/schema/source.ts';
import {
  buildTimeline,
  layoutTimeline,
  type TimelineEntry,
  type TimelineLayout,
} from '../timeline/merge.ts';
import { SOURCES_PER_PAGE, TIMELINE_ENTRIES_PER_PAGE } from './settings.ts';
import type { PreparedBody } from './prepare.ts';

/** A published article as the pages see it. */
export interface SiteArticle {
  readonly slug: string;
  /** Changes whenever the article's file or the code that rendered it changes. */
  readonly digest: string;
  readonly data: Frontmatter;
  /**
   * Its rendered body, read from the checker's store when called: only the article's own page
   * needs it, and reading every article's body for the pages that show none was half a second of
   * every build at 10,000 articles (src/checker/prepared.ts).
   */
  readonly body: () => PreparedBody;
}

/**
 * An article for the pages, which serialises (JSON.stringify) as its slug and digest: page props
 * that hold articles are digested that way (src/site/page-reuse.ts), since the digest covers the
 * article's file and rendering, and writing out its whole frontmatter for every card would be slow.
 */
export function siteArticle(article: SiteArticle): SiteArticle {
  return Object.defineProperty(article, 'toJSON', {
    value: () => ({ article: article.slug, digest: article.digest }),
  });
}

export interface PublisherGroup {
  readonly publisher: string;
  /** Unique among publishers; names the publisher's page when the index is split. */
  readonly slug: string;
  readonly sources: readonly {
    readonly source: Source;
    /** The source's language: its own `lang`, else that of the article it was first read from. */
    readonly lang: string;
    readonly articles: readonly {
      readonly slug: string;
      readonly title: string;
      readonly lang: string;
    }[];
  }[];
}

export interface Site {
  /** Newest first. */
  readonly articles: readonly SiteArticle[];
  readonly bySlug: ReadonlyMap<string, SiteArticle>;
  /** Topic slug to its articles, newest first; topics sorted by name. */
  readonly topics: ReadonlyMap<string, readonly SiteArticle[]>;
  readonly timeline: TimelineLayout;
  /** Per topic, laid out under `/timeline/<topic>/`. */
  readonly topicTimelines: ReadonlyMap<string, TimelineLayout>;
  readonly publishers: readonly PublisherGroup[];
}

function newestFirst(a: SiteArticle, b: SiteArticle): number {
  return (
    compareChronologically(b.data.published, a.data.published) ||
    (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
  );
}

function timelineOf(articles: readonly SiteArticle[]): TimelineEntry[] {
  return buildTimeline(
    articles.map((article) => ({
      slug: article.slug,
      title: article.data.title,
      lang: article.data.lang,
      published: article.data.published,
      sources: article.data.sources,
      events: article.data.events,
    })),
  );
}

/** The key under which one source is recognised across articles: its URL, else what names it. */
function sourceKey(source: Source): string {
  return (
    source.url ??
    [source.publisher, source.title ?? '', source.published?.text ?? ''].join('\u0000')
  );
}

function publishersOf(articles: readonly SiteArticle[]): PublisherGroup[] {
  const groups = new Map<
    string,
    Map<
      string,
      { source: Source; lang: string; articles: { slug: string; title: string; lang: string }[] }
    >
  >();
  for (const article of [...articles].reverse()) {
    for (const source of article.data.sources) {
      let group = groups.get(source.publisher);
      if (!group) {
        group = new Map();
        groups.set(source.publisher, group);
      }
      const key = sourceKey(source);
      let entry = group.get(key);
      if (!entry) {
        entry = { source, lang: source.lang ?? article.data.lang, articles: [] };
        group.set(key, entry);
      }
      if (!entry.articles.some((a) => a.slug === article.slug)) {
        entry.articles.push({
          slug: article.slug,
          title: article.data.title,
          lang: article.data.lang,
        });
      }
    }
  }
  const slugs = new Set<string>();
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
    .map(([publisher, sources]) => ({
      publisher,
      slug: uniqueSlug(toSlug(publisher), slugs),
      sources: [...sources.values()].sort((a, b) =>
        (a.source.title ?? a.source.url ?? '').localeCompare(
          b.source.title ?? b.source.url ?? '',
          'en',
        ),
      ),
    }));
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${String(n)}`;
  taken.add(slug);
  return slug;
}

/**
 * Whether the sources index lists publishers, each with its own pages, rather than every source:
 * only archives too large for one page.
 */
export function sourcesAreSplit(site: Site): boolean {
  return site.publishers.reduce((sum, group) => sum + group.sources.length, 0) > SOURCES_PER_PAGE;
}

export function buildSite(published: readonly SiteArticle[]): Site {
  const articles = [...published].sort(newestFirst);
  const topics = new Map<string, SiteArticle[]>();
  for (const article of articles) {
    for (const topic of article.data.topics) {
      const list = topics.get(topic);
      if (list) list.push(article);
      else topics.set(topic, [article]);
    }
  }
  const sortedTopics = new Map(
    [...topics.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const timeline = timelineOf(articles);
  // A topic's timeline is the site's timeline narrowed to the events its articles record: an event
  // keeps its one title (from the earliest-published article of all), source count and article list,
  // not the ones a merge of the topic's articles alone would give.
  // One pass over the timeline for all topics: filtering it once per topic was 0.4 s of every
  // build at 10,000 articles.
  const bySlug = new Map(articles.map((article) => [article.slug, article]));
  const topicEntries = new Map<string, TimelineEntry[]>(
    [...sortedTopics.keys()].map((topic) => [topic, []]),
  );
  for (const entry of timeline) {
    const entryTopics = new Set(
      entry.articles.flatMap((article) => bySlug.get(article.slug)?.data.topics ?? []),
    );
    for (const topic of entryTopics) topicEntries.get(topic)?.push(entry);
  }
  return {
    articles,
    bySlug,
    topics: sortedTopics,
    timeline: layoutTimeline(timeline, '/timeline/', TIMELINE_ENTRIES_PER_PAGE),
    topicTimelines: new Map(
      [...topicEntries.entries()].map(([topic, entries]) => [
        topic,
        layoutTimeline(entries, `/timeline/${topic}/`, TIMELINE_ENTRIES_PER_PAGE),
      ]),
    ),
    publishers: publishersOf(articles),
  };
}
