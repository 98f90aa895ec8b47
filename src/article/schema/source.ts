import { z } from 'zod';
import { contentDate, httpUrl, languageTag, plainText, slug } from './fields.ts';

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
  /**
   * Unique among the article's source, claim and event ids; cited in the text as `[@id]`.
   * @example reuters-1952847
   */
  id: slug,
  /**
   * Who published it.
   * @example Italian Ministry of Defence
   */
  publisher: plainText(200),
  /**
   * What kind of source it is.
   * @example wire
   */
  type: z.enum(SOURCE_TYPES),
  /**
   * Its headline or a neutral description.
   * @example Rutte meets Trump at the White House
   */
  title: plainText(300).optional(),
  /**
   * Where readers can find it: an absolute `https:` (or `http:`) address.
   * @example https://t.me/reuters/1952847
   */
  url: httpUrl.optional(),
  /**
   * When it was published or transmitted, at the precision known. Required when there is no `url`.
   * @example 2026-06-25T02:45:00Z
   */
  published: contentDate.optional(),
  /**
   * When the newsroom last consulted it.
   * @example 2026-06-25
   */
  accessed: contentDate.optional(),
  /**
   * Its language, when it differs from the article's.
   * @example it
   */
  lang: languageTag.optional(),
});

export type SourceInput = z.input<typeof sourceSchema>;
export type Source = z.output<typeof sourceSchema>;
export type SourceType = (typeof SOURCE_TYPES)[number];
