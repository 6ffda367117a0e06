import { z } from 'zod';
import {
  periodTextSchema,
  queriedCodeSchema,
  structureSchema,
  targetEvaluationSchema,
} from '@dvc/indicators';
import { targetSchema } from '@dvc/catalogue';

/** `GET /v1/targets/status` query string. */
export const targetStatusQuerySchema = z
  .object({
    period: periodTextSchema.describe('The period asked about, e.g. 2026, 2026-Q3, ytd'),
    agency: queriedCodeSchema
      .optional()
      .describe(
        'An agency: its own targets and the province-wide ones, judged on its subtree. Absent: every target, each on its own scope',
      ),
    structure: structureSchema.default('reported'),
    minSample: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Fewest dossiers before a verdict (default TARGET_MIN_SAMPLE)'),
  })
  .strict();
export type TargetStatusQuery = z.output<typeof targetStatusQuerySchema>;

const figuresSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int().nullable(),
  value: z.number().nullable(),
});

export const targetStatusEntrySchema = targetEvaluationSchema.extend({
  target: targetSchema,
  evaluatedFor: z.object({
    agency: z.string().nullable(),
    subtree: z.boolean(),
    from: z.string(),
    to: z.string(),
  }),
  figures: figuresSchema
    .nullable()
    .describe('The indicator behind the verdict; null when it could not be computed'),
  lastYear: figuresSchema
    .nullable()
    .describe('The same period a year earlier (flow indicators of a running period)'),
  error: z.string().optional().describe('Why the indicator could not be computed for this target'),
  required: z
    .object({
      verdict: z.enum(['not_reachable', 'already_met', 'reachable']),
      display: z
        .string()
        .describe('"62,5%" of the dossiers still to come, or "not reachable" / "already met" in words'),
    })
    .nullable()
    .describe('projection.requiredShareOfRemaining for a person (null without one)'),
});
export type TargetStatusEntry = z.infer<typeof targetStatusEntrySchema>;

export const targetStatusReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  today: z.string(),
  minSample: z.number().int(),
  targets: z.array(targetStatusEntrySchema),
});
export type TargetStatusReport = z.infer<typeof targetStatusReportSchema>;
