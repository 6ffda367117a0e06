import { Statement } from '../engine/statement';
import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

/**
 * Dossiers resolved in each bucket by their due day (early / on time / late), plus those open at the end of the
 * bucket's last day with a due day before it.
 */
export const onTimeStatement: Statement = (sql) => {
  const joins = sql.groupJoins('row.agency_code', 'row.procedure_code');
  const scope = `${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}`;
  const group = sql.groupKey('row.agency_code', 'row.procedure_code');
  // The inner counts are named apart from the outer aliases: ClickHouse would read sum(early) inside an
  // outer "AS early" as the alias itself, an aggregate inside an aggregate.
  return `SELECT bucket, grp,
              sum(early_count) + sum(on_time_count) AS numerator,
              sum(early_count) + sum(on_time_count) + sum(late_count) + sum(overdue_open_count) AS denominator,
              sum(early_count) AS early, sum(on_time_count) AS onTime, sum(late_count) AS late,
              sum(overdue_open_count) AS overdueOpen
       FROM (
         SELECT bucket, ${group} AS grp,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'early') AS early_count,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'on_time') AS on_time_count,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'late') AS late_count,
                sumIf(row.weight, row.anchor = 'overdue_open') AS overdue_open_count
         FROM ${sql.dayCounts(['resolved', 'overdue_open'])} AS row ${joins}
         -- A resolution counts in the bucket of its day; a span open past due in each bucket whose last day it holds.
         ARRAY JOIN if(row.anchor = 'resolved', [${sql.bucketOf('row.day')}], arrayFilter(
           index -> row.day <= {bucket_tos:Array(Date32)}[index] AND row.until >= {bucket_tos:Array(Date32)}[index],
           arrayEnumerate({bucket_tos:Array(Date32)}))) AS bucket
         WHERE ${scope}
         GROUP BY bucket, grp
       )
       GROUP BY bucket, grp`;
};

export const dossiersOnTime = defineIndicator({
  definition: {
    id: 'dossiers.on_time',
    nameVi: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    nameEn: 'Share of dossiers resolved on time',
    anchor: 'resolution',
    unit: 'share',
    measure: 'flow',
    options: [],
    description:
      'Dossiers resolved in the period on or before their due day (the latest due date given: a reschedule or a ' +
      'supplement request replaces the old one; compared by local calendar day), out of the dossiers resolved ' +
      'in the period plus those still open at the end of its last day with a due day before it. The breakdown ' +
      'splits them into early, on time, late and overdue-open.',
  },
  figures: async ({ engine, query }) => ratioFigures(await engine.counts(query, onTimeStatement)),
  empty: { ...NO_RATIO, breakdown: { early: 0, onTime: 0, late: 0, overdueOpen: 0 } },
});
