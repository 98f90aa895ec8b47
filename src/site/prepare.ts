/**
 * Turns a checked article into what its page needs: the body's HTML, the numbering of its sources
 * and where each source is used. Runs once per changed article, on the checker's workers.
 */
import { readFileSync } from 'node:fs';
import { checkArticle, type Article } from '../article/article-file.ts';
import { textDirection } from '../article/schema/fields.ts';
import { renderBody } from '../markdown/render.ts';
import type { Heading } from '../markdown/rehype-body-elements.ts';
import {
  readPrepared,
  readPreparedBody,
  readPreparedData,
  type PreparedArticle,
  type PreparedRef,
} from '../checker/prepared.ts';
import type { Frontmatter } from '../article/schema/article.ts';
import { labelAttributes, labelsFor } from './labels.ts';

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
    {
      footnotes: labels.notes,
      footnoteBack: labels.noteBack,
      language: labelAttributes(data.lang),
    },
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

/** An article checked and rendered again from its file, for a rendering that is gone. */
function prepareAgain(ref: PreparedRef): PreparedArticle {
  const { article } = checkArticle(ref.source, readFileSync(ref.source));
  if (!article)
    throw new Error(`${ref.source} changed while the site was being built. Build again.`);
  return { data: article.data, ...prepareArticle(article) };
}

/**
 * The rendering the content loader pointed to or, should it be gone (the cache was cleared, or a
 * build with other code pruned it), the article checked and rendered again from its file.
 */
export function loadPrepared(ref: PreparedRef): PreparedArticle {
  return (ref.prepared && readPrepared(ref.prepared)) ?? prepareAgain(ref);
}

/**
 * An article's frontmatter now and its body when asked (only its own page needs it): what
 * loadPrepared gives, without reading every body for the pages that show none.
 */
export function loadPreparedLazily(ref: PreparedRef): {
  readonly data: Frontmatter;
  readonly body: () => PreparedBody;
} {
  const { prepared } = ref;
  const data = prepared && readPreparedData(prepared);
  if (!data) {
    const { data: fresh, ...body } = prepareAgain(ref);
    return { data: fresh, body: () => body };
  }
  return {
    data,
    body: () => {
      const stored = readPreparedBody(prepared);
      if (stored) return stored;
      const { data: fresh, ...body } = prepareAgain(ref);
      // The frontmatter shown elsewhere on the site came from the rendering now gone: a body
      // made from a file edited since would not match it.
      if (JSON.stringify(fresh) !== JSON.stringify(data))
        throw new Error(`${ref.source} changed while the site was being built. Build again.`);
      return body;
    },
  };
}
