import { Statement } from '../engine/statement';
import { countFigures, defineIndicator } from './indicator';

/**
 * Dossiers of the scope withdrawn or stopped in each bucket before any resolution (`closed` day counts): the
 * numerator and denominator columns `IndicatorEngineRepository.counts` reads both hold the count.
 */
export const closedWithoutResultStatement: Statement = (sql) => `
  SELECT ${sql.bucketOf('row.day')} AS bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
         sum(row.weight) AS numerator, sum(row.weight) AS denominator
  FROM ${sql.dayCounts('closed')} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
  WHERE ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}
  GROUP BY bucket, grp`;

/** Column "closed without a result" of the ministry's conservation law (docs/domain.md, reports). */
export const dossiersClosedWithoutResult = defineIndicator({
  definition: {
    id: 'dossiers.closed_without_result',
    nameVi: 'Hồ sơ rút, dừng xử lý (không có kết quả)',
    nameEn: 'Dossiers closed without a result',
    anchor: 'closure',
    unit: 'count',
    measure: 'flow',
    options: [],
    description:
      'Received dossiers withdrawn by the applicant or stopped by the agency on a day of the period (the first ' +
      'withdrawal or stop, by local day) before any resolution: they leave the backlog without a result. A ' +
      'dossier resolved first counts as resolved, not here; one refused at intake was never received.',
  },
  figures: async ({ engine, query }) =>
    (await engine.counts(query, closedWithoutResultStatement)).map((row) => ({
      bucket: row.bucket,
      group: row.group,
      figures: countFigures(row.numerator),
    })),
  empty: countFigures(0),
});
