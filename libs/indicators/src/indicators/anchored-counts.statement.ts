import { DayCountAnchor } from '../engine/indicator-engine.sql';
import { Statement } from '../engine/statement';

/**
 * Dossiers counted on an anchor day, the numerator those of one class (channel or method): payments.online
 * (first non-zero payments, those made online) and dossiers.postal of=return (results returned, those by post).
 */
export const anchoredCountsStatement =
  (anchor: DayCountAnchor & ('paid' | 'returned'), numeratorClass: string): Statement =>
  (sql) =>
    `SELECT ${sql.bucketOf('row.day')} AS bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
              sumIf(row.weight, row.class = '${numeratorClass}') AS numerator, sum(row.weight) AS denominator
       FROM ${sql.dayCounts(anchor)} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
       WHERE ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}
       GROUP BY bucket, grp`;
