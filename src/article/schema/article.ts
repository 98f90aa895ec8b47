import { z } from 'zod';
import { claimSchema } from './claim.ts';
import { eventSchema } from './event.ts';
import { contentDate, DATE_FORMS, languageTag, plainText, report, slug } from './fields.ts';
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
  q: plainText(300).meta({
    description: 'The question.',
    examples: ['Did Italy support US combat operations?'],
  }),
  a: plainText(2000).meta({
    description: 'The answer, in plain text.',
    examples: ['No. The ministry says it allowed only technical and logistical flights.'],
  }),
});

/** One entry of the corrections log. */
export const correctionSchema = z.strictObject({
  date: contentDate.meta({
    description: `When the correction was made. ${DATE_FORMS}`,
    examples: ['2026-06-26'],
  }),
  text: plainText(1000).meta({
    description: 'What was wrong and what was corrected.',
    examples: ['An earlier version misdated the Polymarket post.'],
  }),
});

/** The frontmatter of an article: everything but its Markdown body. */
export const frontmatterSchema = z
  .strictObject({
    title: title.meta({
      description: 'The headline: plain text (no HTML), up to 200 characters.',
      examples: ["Rutte's White House mission"],
    }),
    dek: plainText(400).meta({
      description:
        'The one-sentence standfirst shown under the title and in listings, up to 400 characters.',
      examples: ["NATO's chief flew to Washington to keep Trump in the alliance tent."],
    }),
    kind: z
      .enum(ARTICLE_KINDS)
      .meta({ description: 'The type-of-work label shown to readers.', examples: ['analysis'] }),
    lang: languageTag.default('en').meta({
      description: "The article's language, a BCP 47 tag; sets `lang` and `dir` on its page.",
      examples: ['it'],
    }),
    published: contentDate.meta({
      description: `When it was first published. ${DATE_FORMS}`,
      examples: ['2026-06-25T10:00:00Z'],
    }),
    updated: contentDate.optional().meta({
      description: `When it was last changed; not earlier than \`published\`. Required with \`corrections\`. ${DATE_FORMS}`,
      examples: ['2026-06-26'],
    }),
    authors: z
      .array(plainText(200))
      .default([])
      .meta({ description: 'Bylines.', examples: [['Dossier staff']] }),
    topics: z
      .array(slug)
      .min(1)
      .meta({
        description: 'Topic slugs; each has its own page and timeline.',
        examples: [['nato', 'italy']],
      }),
    draft: z
      .boolean()
      .default(false)
      .meta({ description: 'Drafts are validated but never published.', examples: [true] }),
    sources: z
      .array(sourceSchema)
      .min(1)
      .meta({ description: 'Every source behind the article; at least one.' }),
    claims: z
      .array(claimSchema)
      .default([])
      .meta({ description: 'Who claimed what, and its standing.' }),
    events: z
      .array(eventSchema)
      .default([])
      .meta({ description: 'Dated events, merged across articles on the timeline.' }),
    faq: z.array(faqSchema).default([]).meta({ description: 'Questions and answers.' }),
    open_questions: z
      .array(plainText(1000))
      .default([])
      .meta({
        description: 'Shown as "What remains uncertain".',
        examples: [['Whether US forces in Italy supported the operation.']],
      }),
    corrections: z
      .array(correctionSchema)
      .default([])
      .meta({ description: 'The dated corrections log.' }),
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
