import { z } from 'zod';
import { contentDate, DATE_FORMS, plainText, slug } from './fields.ts';

/** A dated event; events sharing an `id` across articles are one event on the timeline. */
export const eventSchema = z.strictObject({
  id: slug.optional().meta({
    description:
      'A key shared across articles: the same id in several articles is one timeline event.',
    examples: ['italy-denies-base-use'],
  }),
  date: contentDate.meta({
    description: `When it happened, at the precision known. ${DATE_FORMS}`,
    examples: ['2026-04-08'],
  }),
  end: contentDate.optional().meta({
    description: `When it ended, for ranges; not before \`date\`. ${DATE_FORMS}`,
    examples: ['2026-04-12'],
  }),
  title: plainText(300).meta({
    description: 'What happened, in plain text.',
    examples: ['Rutte visits Washington'],
  }),
  sources: z
    .array(slug)
    .min(1)
    .meta({
      description: "Ids of the article's sources that record it.",
      examples: [['prima-notizia-rutte']],
    }),
});

export type EventInput = z.input<typeof eventSchema>;
export type ArticleEvent = z.output<typeof eventSchema>;
