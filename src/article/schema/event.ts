import { z } from 'zod';
import { contentDate, plainText, slug } from './fields.ts';

/** A dated event; events sharing an `id` across articles are one event on the timeline. */
export const eventSchema = z.strictObject({
  /**
   * A key shared across articles: the same id in several articles is one timeline event.
   * @example italy-denies-base-use
   */
  id: slug.optional(),
  /**
   * When it happened, at the precision known.
   * @example 2026-04-08
   */
  date: contentDate,
  /**
   * When it ended, for ranges; not before `date`.
   * @example 2026-04-12
   */
  end: contentDate.optional(),
  /**
   * What happened, in plain text.
   * @example Rutte visits Washington
   */
  title: plainText(300),
  /**
   * Ids of the article's sources that record it.
   * @example [prima-notizia-rutte]
   */
  sources: z.array(slug).min(1),
});

export type EventInput = z.input<typeof eventSchema>;
export type ArticleEvent = z.output<typeof eventSchema>;
