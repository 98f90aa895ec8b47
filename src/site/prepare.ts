/**
 * Turns a checked article into what its page needs: the body's HTML, the numbering of its sources
 * and where each source is used. Runs once per article per build (in the content loader).
 */
import type { Article } from '../article/article-file.ts';
import { textDirection } from '../article/schema/fields.ts';
import { renderBody } from '../markdown/render.ts';
import type { Heading } from '../markdown/rehype-collect-headings.ts';
import { labelsFor } from './labels.ts';

/** Where one source is used, and its number in the footer. */
export interface SourceUse {
  readonly id: string;
  readonly number: number;
  /** Ids of the body's citation markers that cite it, in order. */
  readonly markers: readonly string[];
  /** Ids of claims and indexes of events that list it. */
  readonly claims: readonly string[];
  readonly events: readonly number[];
}

export interface PreparedBody {
  readonly html: string;
  readonly dir: 'ltr' | 'rtl';
  readonly headings: readonly Heading[];
  /** Every source, footer order: first cited in the body first, then the rest as listed. */
  readonly sources: readonly SourceUse[];
}

export function prepareArticle(article: Article): PreparedBody {
  const { data } = article;
  const labels = labelsFor(data.lang);
  const publishers = new Map(data.sources.map((source) => [source.id, source.publisher]));
  const rendered = renderBody(
    article.tree,
    { describe: (id) => publishers.get(id) ?? id, sourceWord: labels.source },
    { footnotes: labels.notes, footnoteBack: labels.backToText, source: labels.source },
  );
  const cited = rendered.citations.order;
  const rest = data.sources.map((source) => source.id).filter((id) => !cited.includes(id));
  const sources = [...cited, ...rest].map((id, index): SourceUse => ({
    id,
    number: index + 1,
    markers: rendered.citations.markersOf(id),
    claims: data.claims.filter((claim) => claim.sources.includes(id)).map((claim) => claim.id),
    events: data.events.flatMap((event, i) => (event.sources.includes(id) ? [i] : [])),
  }));
  return {
    html: rendered.html,
    dir: textDirection(data.lang),
    headings: rendered.headings,
    sources,
  };
}
