import { FactColumn, tz } from '../engine/indicator-engine.sql';
import { Statement } from '../engine/statement';
import { countFigures, defineIndicator } from './indicator';

/** What "open at" reads of a dossier. */
const OPEN_FACTS: readonly FactColumn[] = [
  'received_at',
  'received_date',
  'agency_code',
  'procedure_code',
  'due_at',
  'due_date',
  'resolved_at',
  'resolved_date',
  'closed_at',
  'closed_date',
];

/**
 * Dossiers open at each bucket's instant (dossiers.open, .overdue, .carried_over): the numerator counts those
 * past their due day, the denominator all open ones; dueWithin24h those due in the next 24 hours.
 */
export const openStatement: Statement = (sql) => {
  const openAt = `row.received_at <= instant AND row.resolved_at > instant AND row.closed_at > instant`;
  return `SELECT bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
              sumIf(row.weight, row.due_date < toDate(instant, ${tz})) AS numerator, sum(row.weight) AS denominator,
              sumIf(row.weight, row.due_date < toDate(instant, ${tz})) AS overdue,
              sumIf(row.weight, row.due_at >= instant AND row.due_at < instant + INTERVAL 24 HOUR) AS dueWithin24h
       FROM ${sql.facts(OPEN_FACTS)} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
       ARRAY JOIN {instants:Array(DateTime64(3, 'UTC'))} AS instant, arrayEnumerate({instants:Array(DateTime64(3, 'UTC'))}) AS bucket
       WHERE row.received_at <= arrayMax({instants:Array(DateTime64(3, 'UTC'))})
         AND row.received_date <= toDate32(arrayMax({instants:Array(DateTime64(3, 'UTC'))}), ${tz})
         AND row.resolved_at > arrayMin({instants:Array(DateTime64(3, 'UTC'))})
         AND row.closed_at > arrayMin({instants:Array(DateTime64(3, 'UTC'))})
         -- The same on the days: the snapshot is sorted by the first of them, and its received_date index prunes.
         AND least(row.resolved_date, row.closed_date) >= toDate32(arrayMin({instants:Array(DateTime64(3, 'UTC'))}), ${tz})
         AND ${openAt} AND ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}
       GROUP BY bucket, grp`;
};

/** dossiers.open, .overdue and .carried_over all return `overdue` and `dueWithin24h` (docs/indicators.md). */
export const openBreakdown = (breakdown: Record<string, number>) => ({
  overdue: breakdown.overdue ?? 0,
  dueWithin24h: breakdown.dueWithin24h ?? 0,
});

export const dossiersOpen = defineIndicator({
  definition: {
    id: 'dossiers.open',
    nameVi: 'Hồ sơ đang xử lý',
    nameEn: 'Dossiers being processed',
    anchor: 'now',
    unit: 'count',
    measure: 'stock',
    options: [],
    description:
      'Dossiers received and neither resolved, withdrawn nor stopped, at the end of the period or now if that ' +
      'is earlier: the live backlog. The breakdown gives those past their due day and those due within 24 hours.',
  },
  figures: async ({ engine, query }) =>
    (await engine.counts(query, openStatement)).map((row) => ({
      bucket: row.bucket,
      group: row.group,
      figures: countFigures(row.denominator, openBreakdown(row.breakdown)),
    })),
  empty: countFigures(0, openBreakdown({})),
});
