import { previousDay } from '../local-calendar';
import { openBreakdown, openStatement } from './dossiers-open.indicator';
import { countFigures, defineIndicator } from './indicator';

/** Column (6) of the ministry's dossier form: what a period starts with. */
export const dossiersCarriedOver = defineIndicator({
  definition: {
    id: 'dossiers.carried_over',
    nameVi: 'Hồ sơ kỳ trước chuyển sang',
    nameEn: 'Dossiers carried over from the previous period',
    anchor: 'period_start',
    unit: 'count',
    measure: 'stock',
    options: [],
    description:
      'Dossiers open when the period starts: received before its first day and neither resolved, withdrawn ' +
      'nor stopped by the end of the day before it (or by now, for a period that starts later). With those ' +
      'received in the period, they are what the period resolves, closes without a result or leaves in ' +
      'progress. The breakdown gives those already past their due day then and those due within 24 hours.',
  },
  // Open at the end of the day before each bucket: dossiers.open's statement at other instants.
  figures: async ({ engine, query, endOf }) =>
    (
      await engine.counts(
        { ...query, instants: query.buckets.map((bucket) => endOf(previousDay(bucket.from))) },
        openStatement,
      )
    ).map((row) => ({
      bucket: row.bucket,
      group: row.group,
      figures: countFigures(row.denominator, openBreakdown(row.breakdown)),
    })),
  empty: countFigures(0, openBreakdown({})),
});
