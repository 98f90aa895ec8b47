import { z } from 'zod';
import { contentDate, DATE_FORMS, plainText, slug } from './fields.ts';

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
  id: slug.meta({
    description: "Unique among the article's ids; other claims answer it with `responds_to`.",
    examples: ['rutte-bases-claim'],
  }),
  text: plainText(1000).meta({
    description: 'The claim as made, quoted or paraphrased.',
    examples: ['US bases in Italy supported the operation against Iran.'],
  }),
  by: plainText(200).meta({
    description: 'Who makes it.',
    examples: ['Mark Rutte, NATO Secretary General'],
  }),
  status: z.enum(CLAIM_STATUSES).meta({ description: 'Its standing.', examples: ['disputed'] }),
  sources: z
    .array(slug)
    .min(1)
    .meta({
      description: "Ids of the article's sources that report it.",
      examples: [['reuters-1952847']],
    }),
  date: contentDate
    .optional()
    .meta({ description: `When it was made. ${DATE_FORMS}`, examples: ['2026-06-24'] }),
  responds_to: slug.optional().meta({
    description: 'The id of the claim this one answers (a rebuttal points at what it rebuts).',
    examples: ['rutte-bases-claim'],
  }),
});

export type ClaimInput = z.input<typeof claimSchema>;
export type Claim = z.output<typeof claimSchema>;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
