import { z } from 'zod';
import { indicatorResultSchema, queriedCodeSchema, structureSchema } from '@dvc/indicators';
import { targetStatusEntrySchema } from '@dvc/target-status';
import { OVERVIEW_TILES } from './overview-tiles';

/** `GET /v1/dashboard/overview` and the live stream: a scope's figures at one moment. */
export const overviewQuerySchema = z
  .object({
    agency: queriedCodeSchema.optional().describe('An agency and its subtree; the whole province if absent'),
    structure: structureSchema.default('reported'),
  })
  .strict();
export type OverviewQuery = z.output<typeof overviewQuerySchema>;

export const overviewSchema = z.object({
  scope: z.object({
    agency: z.string().nullable(),
    name: z.string().nullable().describe('The agency’s name; null for the province or an unknown code'),
    structure: structureSchema,
  }),
  today: z.string().describe('The local day (Asia/Ho_Chi_Minh) the figures are for'),
  asOf: z.string().describe('The moment the figures were counted'),
  tiles: z.record(z.enum(OVERVIEW_TILES), indicatorResultSchema),
  targets: z.array(targetStatusEntrySchema).describe('The targets that apply to the scope, judged on it'),
});
export type Overview = z.infer<typeof overviewSchema>;
