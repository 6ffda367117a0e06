import { z } from 'zod';
import { periodTextSchema, queriedCodeSchema, structureSchema } from '@dvc/indicators';
import { LEVER_INDICATORS } from './levers';

export const MAX_LEVERS = 100;

/** `GET /v1/levers`: the procedures that would move a scope's online or on-time share most. */
export const leversQuerySchema = z
  .object({
    indicator: z
      .enum(LEVER_INDICATORS)
      .describe(
        'dossiers.online: procedures offered online whose dossiers still come in person; dossiers.on_time: late ones',
      ),
    agency: queriedCodeSchema.optional().describe('An agency and its subtree; the whole province if absent'),
    structure: structureSchema.default('reported'),
    period: periodTextSchema.default('ytd'),
    limit: z.coerce.number().int().min(1).max(MAX_LEVERS).default(10),
  })
  .strict();
export type LeversQuery = z.output<typeof leversQuerySchema>;

const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable().describe('numerator / denominator; null when the denominator is 0'),
});

export const leverSchema = z.object({
  procedureCode: z.string(),
  procedureName: z.string().nullable().describe('null: a code the catalogue does not know'),
  field: z.string().nullable(),
  dossiers: z
    .number()
    .int()
    .describe('The procedure’s dossiers counted (online: received while it was offered at level 3 or 4)'),
  meeting: z.number().int().describe('Of them, received online (online) or resolved on time (on_time)'),
  missing: z.number().int().describe('Of them, received in person or by post; or late / overdue'),
  gainPoints: z.number().describe('Percentage points the scope’s share gains if the missing ones met it'),
  cumulativePoints: z.number().describe('Points gained with this lever and every one above it pulled'),
  shareIfPulled: z.number().describe('The scope’s share (0–1) with this lever and those above it pulled'),
});
export type LeverAnswer = z.infer<typeof leverSchema>;

export const leversSchema = z.object({
  indicator: z.enum(LEVER_INDICATORS),
  scope: z.object({ agency: z.string().nullable(), structure: structureSchema }),
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string().nullable().describe('Events ingested after this moment were left out (null: none)'),
  share: ratioSchema.describe('The scope’s share now (the indicator as GET /v1/indicators answers it)'),
  totalLevers: z.number().int().describe('How many procedures are levers (the list holds the first `limit`)'),
  levers: z.array(leverSchema),
});
export type Levers = z.infer<typeof leversSchema>;
