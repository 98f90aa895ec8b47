/**
 * Structured data for search engines: schema.org JSON-LD for an article (the NewsArticle subtype
 * for its kind, its sources as `citation`, its corrections as `correction`) and a FAQPage for its
 * questions and answers.
 */
import { htmlDatetime } from '../article/dates.ts';
import type { ArticleKind, Frontmatter } from '../article/schema/article.ts';

const ARTICLE_TYPES: Record<ArticleKind, string> = {
  news: 'NewsArticle',
  analysis: 'AnalysisNewsArticle',
  explainer: 'BackgroundNewsArticle',
  brief: 'ReportageNewsArticle',
  opinion: 'OpinionNewsArticle',
};

export function articleJsonLd(
  data: Frontmatter,
  url: string,
  siteName: string,
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': ARTICLE_TYPES[data.kind],
    headline: data.title,
    description: data.dek,
    inLanguage: data.lang,
    url,
    mainEntityOfPage: url,
    datePublished: htmlDatetime(data.published),
    ...(data.updated ? { dateModified: htmlDatetime(data.updated) } : {}),
    author:
      data.authors.length > 0
        ? data.authors.map((name) => ({ '@type': 'Person', name }))
        : [{ '@type': 'Organization', name: siteName }],
    publisher: { '@type': 'Organization', name: siteName },
    keywords: data.topics.join(', '),
    citation: data.sources.map((source) => ({
      '@type': 'CreativeWork',
      name: source.title ?? source.publisher,
      publisher: { '@type': 'Organization', name: source.publisher },
      ...(source.url ? { url: source.url } : {}),
      ...(source.published ? { datePublished: htmlDatetime(source.published) } : {}),
      ...(source.lang ? { inLanguage: source.lang } : {}),
    })),
    ...(data.corrections.length > 0
      ? {
          correction: data.corrections.map((correction) => ({
            '@type': 'CorrectionComment',
            text: correction.text,
            datePublished: htmlDatetime(correction.date),
          })),
        }
      : {}),
  };
}

export function faqJsonLd(data: Frontmatter): Record<string, unknown> | undefined {
  if (data.faq.length === 0) return undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    inLanguage: data.lang,
    mainEntity: data.faq.map((entry) => ({
      '@type': 'Question',
      name: entry.q,
      acceptedAnswer: { '@type': 'Answer', text: entry.a },
    })),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the tag. */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
