import { z } from 'zod';
import { contentDate, DATE_FORMS, httpUrl, languageTag, plainText, slug } from './fields.ts';

export const SOURCE_TYPES = [
  'wire',
  'social',
  'press',
  'broadcast',
  'official',
  'encyclopedia',
  'market',
  'report',
  'other',
] as const;

/** A source behind the article: a wire item, a post, a statement, a page. */
export const sourceSchema = z.strictObject({
  id: slug.meta({
    description:
      "Unique among the article's source, claim and event ids; cited in the text as `[@id]`.",
    examples: ['reuters-1952847'],
  }),
  publisher: plainText(200).meta({
    description: 'Who published it.',
    examples: ['Italian Ministry of Defence'],
  }),
  type: z
    .enum(SOURCE_TYPES)
    .meta({ description: 'What kind of source it is.', examples: ['wire'] }),
  title: plainText(300)
    .optional()
    .meta({
      description: 'Its headline or a neutral description.',
      examples: ['Rutte meets Trump at the White House'],
    }),
  url: httpUrl.optional().meta({
    description: 'Where readers can find it: an absolute `https:` (or `http:`) address.',
    examples: ['https://t.me/reuters/1952847'],
  }),
  published: contentDate.optional().meta({
    description: `When it was published or transmitted, at the precision known. Required when there is no \`url\`. ${DATE_FORMS}`,
    examples: ['2026-06-25T02:45:00Z'],
  }),
  accessed: contentDate.optional().meta({
    description: `When the newsroom last consulted it. ${DATE_FORMS}`,
    examples: ['2026-06-25'],
  }),
  lang: languageTag
    .optional()
    .meta({ description: "Its language, when it differs from the article's.", examples: ['it'] }),
});

export type SourceInput = z.input<typeof sourceSchema>;
export type Source = z.output<typeof sourceSchema>;
export type SourceType = (typeof SOURCE_TYPES)[number];
