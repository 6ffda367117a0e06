import { z } from 'zod';
import {
  INDICATOR_IDS,
  periodTextSchema,
  queriedCodeSchema,
  structureSchema,
  targetComparatorSchema,
  targetStatusSchema,
} from '@dvc/indicators';

/** What a leaderboard ranks: the scope's child units, its fields, or the procedures (of a field). */
export const LEADERBOARD_GROUPINGS = ['agency', 'field', 'procedure'] as const;
export type LeaderboardGrouping = (typeof LEADERBOARD_GROUPINGS)[number];
/** The days of a row's sparkline: the last 30, today included. */
export const SPARKLINE_DAYS = 30;

/** `GET /v1/dashboard/leaderboard`: the units (or fields, or procedures) of a scope ranked by an indicator. */
export const leaderboardQuerySchema = z
  .object({
    indicator: z.enum(INDICATOR_IDS).default('dossiers.online'),
    agency: queriedCodeSchema
      .optional()
      .describe('The scope whose units are ranked; the whole province (the units under its top) if absent'),
    structure: structureSchema.default('reported'),
    period: periodTextSchema.default('ytd'),
    by: z
      .enum(LEADERBOARD_GROUPINGS)
      .default('agency')
      .describe('agency: the child units; field: the fields of procedures; procedure: the procedures'),
    field: z.string().trim().min(1).max(200).optional().describe('Only procedures of this field'),
    level: z.coerce
      .number()
      .int()
      .min(3)
      .max(4)
      .optional()
      .describe('procedures.level_growth (needed) and dossiers.online: the level'),
  })
  .strict();
export type LeaderboardQuery = z.output<typeof leaderboardQuerySchema>;

/** Where a row stands against the target that applies to it (its own, the scope's, or the province's). */
export const rowTargetSchema = z.object({
  key: z.string(),
  agencyCode: z
    .string()
    .nullable()
    .describe('Whose target it is: the row’s own, the scope’s, null: the province’s'),
  comparator: targetComparatorSchema,
  threshold: z.number(),
  status: targetStatusSchema,
  gap: z.number().nullable().describe('value − threshold over the target’s period'),
  period: z.object({ from: z.string(), to: z.string() }),
});
export type RowTarget = z.infer<typeof rowTargetSchema>;

export const leaderboardRowSchema = z.object({
  key: z
    .string()
    .nullable()
    .describe('Agency code, field or procedure code (null: procedures without a field)'),
  name: z.string().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int().nullable(),
  value: z.number().nullable(),
  breakdown: z.record(z.string(), z.number()).optional(),
  target: rowTargetSchema.nullable(),
  sparkline: z
    .array(z.number().nullable())
    .describe('The indicator’s value on each of the sparkline days (null: nothing to divide)'),
});
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;

export const leaderboardSchema = z.object({
  scope: z.object({
    agency: z.string().nullable(),
    name: z.string().nullable(),
    structure: structureSchema,
    groupedUnder: z
      .string()
      .nullable()
      .describe('The agency whose units the rows are (the province’s top unit when no agency is asked)'),
  }),
  indicator: z.object({ id: z.string(), unit: z.enum(['share', 'percentage_points', 'count']) }),
  by: z.enum(LEADERBOARD_GROUPINGS),
  field: z.string().nullable(),
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string().describe('The moment the figures were counted'),
  sparklineDays: z.array(z.string()),
  rows: z.array(leaderboardRowSchema).describe('Highest value first; units without figures last'),
});
export type Leaderboard = z.infer<typeof leaderboardSchema>;
