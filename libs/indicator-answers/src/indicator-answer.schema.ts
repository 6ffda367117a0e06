import { z } from 'zod';
import { INDICATOR_IDS, indicatorResultSchema } from '@dvc/indicators';

const presentationFields = {
  percent: z
    .number()
    .nullable()
    .describe(
      'value as a percentage rounded to two decimals (percentage points for level_growth); null for counts',
    ),
  display: z
    .string()
    .nullable()
    .describe('The value as written in Vietnamese reports: "28,62%", "+3,5 điểm %"'),
};

const resultGroupSchema = indicatorResultSchema.shape.groups.unwrap().element;

/** `GET /v1/indicators/{id}`: the engine's exact figures plus what a person reads (names, rounded percent). */
export const indicatorAnswerSchema = indicatorResultSchema.extend({
  indicator: z.enum(INDICATOR_IDS),
  nameVi: z.string().describe("The indicator's Vietnamese name, as in the ministry's forms"),
  nameEn: z.string(),
  ...presentationFields,
  scope: indicatorResultSchema.shape.scope.extend({
    agencyName: z
      .string()
      .nullable()
      .describe("The agency's name in the catalogue (null: whole province, or not catalogued)"),
  }),
  lateEventsMeaning: z.string().describe('What lateEvents counts, in words'),
  warnings: z
    .array(z.string())
    .describe('Data-quality notes on this answer (an agency not yet in the catalogue)'),
  groups: z
    .array(
      resultGroupSchema.extend({
        ...presentationFields,
        name: z
          .string()
          .nullable()
          .optional()
          .describe('agency or procedure name from the catalogue, the field itself (null: not catalogued)'),
        rank: z
          .number()
          .int()
          .nullable()
          .optional()
          .describe('groupBy=agency: the place on the leaderboard (1 = best; equal values share a place)'),
      }),
    )
    .optional()
    .describe(indicatorResultSchema.shape.groups.description ?? ''),
});
export type IndicatorAnswer = z.infer<typeof indicatorAnswerSchema>;
