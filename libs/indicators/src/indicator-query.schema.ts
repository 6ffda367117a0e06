import { z } from 'zod';
import { normaliseCode } from '@dvc/dossier-events';
import { checkRangeOrder, DateRange, localDateSchema } from './local-calendar';
import { periodTextSchema } from './periods/period';
import { INDICATOR_IDS, INDICATORS } from './indicators/indicator-registry';

export const structureSchema = z
  .enum(['reported', 'current'])
  .describe(
    'reported: units as they were (an old unit and its subtree); current: figures restated to today’s units',
  );
export type Structure = z.infer<typeof structureSchema>;

/** An agency or procedure code in a query string, spelt the way events are stored (normalised). */
export const queriedCodeSchema = z.string().trim().min(1).max(64).transform(normaliseCode);

export const GROUP_BY = ['agency', 'procedure', 'field', 'month', 'week', 'day'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

const booleanText = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((value) => value === true || value === 'true');

/** `GET /v1/indicators/{id}` query string: one way of naming the period, a scope, a grouping, options. */
export const indicatorQuerySchema = z
  .object({
    from: localDateSchema.optional().describe('First local day of the period (YYYY-MM-DD, inclusive)'),
    to: localDateSchema.optional().describe('Last local day of the period (YYYY-MM-DD, inclusive)'),
    date: localDateSchema.optional().describe('A single local day (the period is that day)'),
    year: z.coerce.number().int().min(2000).max(2148).optional().describe('A calendar year'),
    period: periodTextSchema.optional(),
    agency: queriedCodeSchema
      .optional()
      .describe('Agency code: that agency and every unit under it; the whole province if absent'),
    structure: structureSchema.default('reported'),
    subtree: booleanText.default(true).describe('false: the agency alone, without the units under it'),
    field: z.string().trim().min(1).max(200).optional().describe('Only procedures of this field (lĩnh vực)'),
    procedure: queriedCodeSchema.optional().describe('Only this procedure (national code)'),
    groupBy: z
      .enum(GROUP_BY)
      .optional()
      .describe('agency: the child units of the scope; procedure; field; or month / week / day buckets'),
    asOf: z.iso
      .datetime({ offset: true, message: 'expected an ISO-8601 date-time with offset' })
      .optional()
      .describe('Count only events ingested by this moment: the numbers as they stood then'),
    maxLag: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .optional()
      .describe(
        'Live dashboards: accept figures prepared up to this many seconds ago (every few seconds in the ' +
          'background) instead of counting the latest events first; asOf in the response says which ' +
          'moment of ingestion they show',
      ),
    level: z.coerce
      .number()
      .int()
      .min(3)
      .max(4)
      .optional()
      .describe(
        'procedures.level_growth: 3 (level 3 or above) or 4; dossiers.online: procedures at that level',
      ),
    denominator: z
      .enum(['all', 'online_procedures'])
      .default('all')
      .describe('dossiers.online: online_procedures counts only procedures at level 3 or 4 at receipt'),
    postal: z
      .enum(['include', 'exclude'])
      .default('include')
      .describe('dossiers.online: exclude leaves postal dossiers out of the denominator'),
    of: z
      .enum(['receipt', 'return'])
      .default('receipt')
      .describe('dossiers.postal: dossiers received by post, or results returned by post'),
  })
  .strict()
  .superRefine((query, context) => {
    const ways = [
      query.from !== undefined || query.to !== undefined,
      query.date,
      query.year,
      query.period,
    ].filter((way) => way !== undefined && way !== false);
    if (ways.length !== 1) {
      context.addIssue({
        code: 'custom',
        message: 'give the period one way: from and to, date, year, or period',
      });
    } else if ((query.from === undefined) !== (query.to === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [query.from ? 'to' : 'from'],
        message: 'from and to go together',
      });
    } else {
      checkRangeOrder(query, context);
    }
    if (query.maxLag !== undefined && query.asOf !== undefined) {
      context.addIssue({ code: 'custom', path: ['maxLag'], message: 'give asOf or maxLag, not both' });
    }
    if (query.subtree === false && query.agency === undefined) {
      context.addIssue({ code: 'custom', path: ['subtree'], message: 'subtree=false needs an agency' });
    }
  })
  .transform(
    ({ from, to, date, year, period, agency, field, procedure, groupBy, asOf, maxLag, level, ...rest }) => ({
      period: periodOf({ from, to, date, year, period }),
      agency: agency ?? null,
      field: field ?? null,
      procedure: procedure ?? null,
      groupBy: groupBy ?? null,
      asOf: asOf ?? null,
      maxLag: maxLag ?? null,
      level: (level ?? null) as 3 | 4 | null,
      ...rest,
    }),
  );
export type IndicatorQueryInput = z.input<typeof indicatorQuerySchema>;
export type IndicatorQuery = z.output<typeof indicatorQuerySchema>;

/** The period as asked: fixed days, or text (ytd, rolling-30d, …) the service places against today. */
export type QueriedPeriod = { range: DateRange } | { text: string };

function periodOf(period: {
  from?: string;
  to?: string;
  date?: string;
  year?: number;
  period?: string;
}): QueriedPeriod {
  if (period.period) return { text: period.period };
  if (period.date) return { range: { from: period.date, to: period.date } };
  if (period.year) return { range: { from: `${period.year}-01-01`, to: `${period.year}-12-31` } };
  return { range: { from: period.from as string, to: period.to as string } };
}

const figuresSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int().nullable().describe('null for a count (dossiers.open)'),
  value: z
    .number()
    .nullable()
    .describe(
      'A share: numerator / denominator in [0, 1], null when the denominator is 0. procedures.level_growth: ' +
        'the change of the share in percentage points. dossiers.open: the count.',
    ),
  breakdown: z.record(z.string(), z.number()).optional().describe(breakdownsOfTheRegistry()),
});

/** Each indicator's breakdown, named from its empty figures: what `breakdown` may hold. */
function breakdownsOfTheRegistry(): string {
  return INDICATORS.flatMap(({ definition, empty }) =>
    empty.breakdown ? [`${definition.id}: ${Object.keys(empty.breakdown).join(', ')}`] : [],
  ).join('; ');
}

/** The fields indicators add to their answers beside the figures (`Indicator.answerFields`), all of them. */
type AnswerFields = UnionToIntersection<NonNullable<(typeof INDICATORS)[number]['answerFields']>>;
type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (all: infer I) => void
  ? I
  : never;
const answerFields = Object.assign(
  {},
  ...INDICATORS.map((indicator) => ('answerFields' in indicator ? indicator.answerFields : {})),
) as AnswerFields;

/** An answer of `IndicatorsService.compute`; its indicator is one of the registry's. */
export const indicatorResultSchema = figuresSchema.extend({
  indicator: z.enum(INDICATOR_IDS),
  unit: z.enum(['share', 'percentage_points', 'count']),
  scope: z.object({
    agency: z.string().nullable(),
    structure: structureSchema,
    subtree: z.boolean(),
    field: z.string().nullable(),
    procedure: z.string().nullable(),
  }),
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z
    .string()
    .nullable()
    .describe(
      'Events ingested after this moment were left out (null: none left out): the asOf asked, or with maxLag ' +
        'the moment the prepared figures show (an asOf query for it gives the same figures)',
    ),
  lateEvents: z
    .number()
    .int()
    .describe(
      'Events of the period (and scope) ingested after its last day: a report made then missed them. 0 for a ' +
        'period that ended before the first event arrived (history loaded afterwards)',
    ),
  ...answerFields,
  groupBy: z.enum(GROUP_BY).nullable(),
  groups: z
    .array(
      figuresSchema.extend({
        key: z.string().nullable().describe('agency code, procedure code, field (null: unknown), or bucket'),
        from: z.string().optional(),
        to: z.string().optional(),
      }),
    )
    .optional()
    .describe('One entry per group, each computed as if it were the whole scope or period'),
});
export type IndicatorResult = z.infer<typeof indicatorResultSchema>;
export type IndicatorFigures = z.infer<typeof figuresSchema>;
