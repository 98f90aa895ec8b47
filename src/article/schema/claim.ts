import { z } from 'zod';
import { contentDate, plainText, slug } from './fields.ts';

export const CLAIM_STATUSES = [
  'asserted',
  'disputed',
  'denied',
  'confirmed',
  'retracted',
  'unverified',
] as const;

/** Something someone claimed, with its standing and the sources that report it. */
export const claimSchema = z.strictObject({
  /**
   * Unique among the article's ids; other claims answer it with `responds_to`.
   * @example rutte-bases-claim
   */
  id: slug,
  /**
   * The claim as made, quoted or paraphrased.
   * @example US bases in Italy supported the operation against Iran.
   */
  text: plainText(1000),
  /**
   * Who makes it.
   * @example Mark Rutte, NATO Secretary General
   */
  by: plainText(200),
  /**
   * Its standing.
   * @example disputed
   */
  status: z.enum(CLAIM_STATUSES),
  /**
   * Ids of the article's sources that report it.
   * @example [reuters-1952847]
   */
  sources: z.array(slug).min(1),
  /**
   * When it was made.
   * @example 2026-06-24
   */
  date: contentDate.optional(),
  /**
   * The id of the claim this one answers (a rebuttal points at what it rebuts).
   * @example rutte-bases-claim
   */
  responds_to: slug.optional(),
});

export type ClaimInput = z.input<typeof claimSchema>;
export type Claim = z.output<typeof claimSchema>;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
