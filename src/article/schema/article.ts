import { z } from 'zod';
import { claimSchema } from './claim.ts';
import { eventSchema } from './event.ts';
import { contentDate, languageTag, plainText, report, slug } from './fields.ts';
import { checkRelations } from './relations.ts';
import { sourceSchema } from './source.ts';

export const ARTICLE_KINDS = ['news', 'analysis', 'explainer', 'brief', 'opinion'] as const;

const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;

/** Titles are plain text; a tag in one is almost certainly a paste from a CMS. */
const title = plainText(200).superRefine((value, ctx) => {
  const tag = HTML_TAG.exec(value)?.[0];
  if (tag !== undefined) report(ctx, value, { rule: 'html-in-title', tag });
});

/** A question readers ask, and its answer. */
export const faqSchema = z.strictObject({
  /**
   * The question.
   * @example Did Italy support US combat operations?
   */
  q: plainText(300),
  /**
   * The answer, in plain text.
   * @example No. The ministry says it allowed only technical and logistical flights.
   */
  a: plainText(2000),
});

/** One entry of the corrections log. */
export const correctionSchema = z.strictObject({
  /**
   * When the correction was made.
   * @example 2026-06-26
   */
  date: contentDate,
  /**
   * What was wrong and what was corrected.
   * @example An earlier version misdated the Polymarket post.
   */
  text: plainText(1000),
});

/** The frontmatter of an article: everything but its Markdown body. */
export const frontmatterSchema = z
  .strictObject({
    /**
     * The headline, plain text, up to 200 characters.
     * @example Rutte's White House mission
     */
    title,
    /**
     * The one-sentence standfirst shown under the title and in listings, up to 400 characters.
     * @example NATO's chief flew to Washington to keep Trump in the alliance tent.
     */
    dek: plainText(400),
    /**
     * The type-of-work label shown to readers.
     * @example analysis
     */
    kind: z.enum(ARTICLE_KINDS),
    /**
     * The article's language, a BCP 47 tag; sets `lang` and `dir` on its page.
     * @example it
     */
    lang: languageTag.default('en'),
    /**
     * When it was first published.
     * @example 2026-06-25T10:00:00Z
     */
    published: contentDate,
    /**
     * When it was last changed; not earlier than `published`. Required with `corrections`.
     * @example 2026-06-26
     */
    updated: contentDate.optional(),
    /**
     * Bylines.
     * @example [Dossier staff]
     */
    authors: z.array(plainText(200)).default([]),
    /**
     * Topic slugs; each has its own page and timeline.
     * @example [nato, italy]
     */
    topics: z.array(slug).min(1),
    /**
     * Drafts are validated but never published.
     * @example true
     */
    draft: z.boolean().default(false),
    /** Every source behind the article; at least one. */
    sources: z.array(sourceSchema).min(1),
    /** Who claimed what, and its standing. */
    claims: z.array(claimSchema).default([]),
    /** Dated events, merged across articles on the timeline. */
    events: z.array(eventSchema).default([]),
    /** Questions and answers. */
    faq: z.array(faqSchema).default([]),
    /**
     * Shown as "What remains uncertain".
     * @example [Whether US forces in Italy supported the operation.]
     */
    open_questions: z.array(plainText(1000)).default([]),
    /** The dated corrections log. */
    corrections: z.array(correctionSchema).default([]),
  })
  .superRefine(checkRelations, {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export type FrontmatterInput = z.input<typeof frontmatterSchema>;
export type Frontmatter = z.output<typeof frontmatterSchema>;
export type FaqEntry = z.output<typeof faqSchema>;
export type Correction = z.output<typeof correctionSchema>;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** The names of the fields each kind of entry may have, for "did you mean" suggestions. */
export const FIELD_NAMES = {
  article: Object.keys(frontmatterSchema.shape),
  source: Object.keys(sourceSchema.shape),
  claim: Object.keys(claimSchema.shape),
  event: Object.keys(eventSchema.shape),
  faq: Object.keys(faqSchema.shape),
  correction: Object.keys(correctionSchema.shape),
} as const;
