import { z } from 'zod';
import { normaliseCode } from '@dvc/dossier-events';
import { DateRange, localDateSchema } from './local-calendar';

export const structureSchema = z
  .enum(['reported', 'current'])
  .describe(
    'reported: units as they were (an old unit and its subtree); current: figures restated to today’s units',
  );
export type Structure = z.infer<typeof structureSchema>;

/** `GET /v1/indicators/{id}` query string: one way of naming the period, an optional agency scope. */
export const indicatorQuerySchema = z
  .object({
    from: localDateSchema.optional().describe('First local day of the period (YYYY-MM-DD, inclusive)'),
    to: localDateSchema.optional().describe('Last local day of the period (YYYY-MM-DD, inclusive)'),
    date: localDateSchema.optional().describe('A single local day (the period is that day)'),
    year: z.coerce.number().int().min(2000).max(2148).optional().describe('A calendar year'),
    agency: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .transform(normaliseCode)
      .optional()
      .describe('Agency code: that agency and every unit under it; the whole province if absent'),
    structure: structureSchema.default('reported'),
    level: z.coerce
      .number()
      .int()
      .min(3)
      .max(4)
      .optional()
      .describe('procedures.level_growth only: 3 (level 3 or above) or 4'),
  })
  .strict()
  .superRefine((query, context) => {
    const ways = [query.from !== undefined || query.to !== undefined, query.date, query.year].filter(
      (way) => way !== undefined && way !== false,
    );
    if (ways.length !== 1) {
      context.addIssue({ code: 'custom', message: 'give the period as from and to, as date, or as year' });
    } else if ((query.from === undefined) !== (query.to === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [query.from ? 'to' : 'from'],
        message: 'from and to go together',
      });
    } else if (query.from && query.to && query.from > query.to) {
      context.addIssue({ code: 'custom', path: ['to'], message: '"from" must not be after "to"' });
    }
  })
  .transform(({ from, to, date, year, agency, structure, level }) => ({
    ...periodOf({ from, to, date, year }),
    agency: agency ?? null,
    structure,
    level: level ?? null,
  }));
export type IndicatorQueryInput = z.input<typeof indicatorQuerySchema>;
export type IndicatorQuery = z.output<typeof indicatorQuerySchema>;

function periodOf(period: { from?: string; to?: string; date?: string; year?: number }): DateRange {
  if (period.date) return { from: period.date, to: period.date };
  if (period.year) return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
  return { from: period.from as string, to: period.to as string };
}

const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable().describe('numerator / denominator in [0, 1]; null when the denominator is 0'),
});

export const indicatorResultSchema = z.object({
  indicator: z.string(),
  scope: z.object({ agency: z.string().nullable(), structure: structureSchema }),
  period: z.object({ from: z.string(), to: z.string() }),
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z
    .number()
    .nullable()
    .describe(
      'numerator / denominator in [0, 1]; null when the denominator is 0. procedures.level_growth: the ' +
        'change of the share in percentage points',
    ),
  growth: z
    .object({
      level: z.number().int(),
      previous: ratioSchema.extend({ date: z.string() }),
      current: ratioSchema.extend({ date: z.string() }),
      upgraded: z
        .number()
        .int()
        .describe('procedures at the level at the end that were in force below it at the start'),
    })
    .optional()
    .describe('procedures.level_growth only: the shares it compares'),
});
export type IndicatorResult = z.infer<typeof indicatorResultSchema>;
