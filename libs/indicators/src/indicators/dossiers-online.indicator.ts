import { Statement } from '../engine/statement';
import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

/** Which dossiers of a receipt-anchored ratio count, beside the period and the scope. */
export interface ReceiptOptions {
  /** The channel the numerator counts. */
  channel: 'online' | 'postal';
  /** Leave postal dossiers out of the denominator. */
  excludePostal: boolean;
  /** Only dossiers whose procedure was at this level at receipt ('online': level 3 or 4). */
  level: 'online' | 3 | 4 | null;
}

/** dossiers.online, dossiers.postal (receipt) and their variants: dossiers received, those of one channel. */
export const receiptsStatement =
  (options: ReceiptOptions): Statement =>
  (sql) => {
    const counted = options.excludePostal ? `row.class != 'postal'` : 'true';
    const scope = `${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}`;
    // The level at receipt depends on the dossier's procedure.
    const receipts = sql.dayCounts('received', { readsProcedure: options.level !== null });
    if (options.level === null) {
      return `SELECT ${sql.bucketOf('row.day')} AS bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
                sumIf(row.weight, row.class = '${options.channel}' AND ${counted}) AS numerator,
                sumIf(row.weight, ${counted}) AS denominator
         FROM ${receipts} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
         WHERE ${scope}
         GROUP BY bucket, grp`;
    }
    // The level at receipt depends on the dossier's procedure, agency and day: count by those first.
    const dossiers = `
      SELECT ${sql.bucketOf('row.day')} AS bucket, ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp,
             row.procedure_code AS procedure_code, row.agency_code AS agency_code, row.day AS day,
             sumIf(row.weight, row.class = '${options.channel}' AND ${counted}) AS numerator,
             sumIf(row.weight, ${counted}) AS denominator
      FROM ${receipts} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
      WHERE ${scope}
      GROUP BY bucket, grp, procedure_code, agency_code, day`;
    const levelCondition = options.level === 'online' ? 'level >= 3' : `level = ${options.level}`;
    const levelsByDay = `
      SELECT procedure_code, agency_code, addDays(toDate('1970-01-01'), day_number) AS day, max(level) AS level
      FROM (
        SELECT procedure_code, agency_code, level,
               arrayJoin(range(toUInt32(greatest(valid_from, {from:Date32})), toUInt32(least(valid_to, {to:Date32})) + 1))
                 AS day_number
        FROM ${sql.db}.catalogue_offering_levels
        WHERE publication = publication_in_use AND valid_from <= {to:Date32} AND valid_to >= {from:Date32}
      )
      GROUP BY procedure_code, agency_code, day`;
    return `SELECT bucket, grp, sumIf(numerator, ${levelCondition}) AS numerator, sumIf(denominator, ${levelCondition}) AS denominator
       FROM (
         SELECT dossiers.bucket AS bucket, dossiers.grp AS grp, dossiers.numerator AS numerator,
                dossiers.denominator AS denominator,
                if(at_agency.level > 0, at_agency.level, anywhere.level) AS level
         FROM (${dossiers}) AS dossiers
         LEFT JOIN (${levelsByDay}) AS at_agency
           ON at_agency.procedure_code = dossiers.procedure_code AND at_agency.agency_code = dossiers.agency_code
              AND at_agency.day = dossiers.day
         LEFT JOIN (SELECT procedure_code, day, max(level) AS level FROM (${levelsByDay}) GROUP BY procedure_code, day)
           AS anywhere ON anywhere.procedure_code = dossiers.procedure_code AND anywhere.day = dossiers.day
       )
       GROUP BY bucket, grp`;
  };

export const dossiersOnline = defineIndicator({
  definition: {
    id: 'dossiers.online',
    nameVi: 'Tỷ lệ hồ sơ trực tuyến',
    nameEn: 'Share of dossiers received online',
    anchor: 'receipt',
    unit: 'share',
    measure: 'flow',
    options: ['denominator', 'level', 'postal'],
    description:
      'Dossiers received through the online channel, out of all dossiers received, by the local day of ' +
      'receipt (Asia/Ho_Chi_Minh). Dossiers refused at intake are not received and count in neither. Each ' +
      'dossier counts once, with its latest intake event. Variants: denominator=online_procedures counts only ' +
      'dossiers of procedures offered at level 3 or 4 at receipt; level=3 or level=4 only those of procedures at ' +
      'that level; postal=exclude leaves dossiers received by post out of the denominator.',
  },
  figures: async ({ engine, query, options }) =>
    ratioFigures(
      await engine.counts(
        query,
        receiptsStatement({
          channel: 'online',
          excludePostal: options.postal === 'exclude',
          level: options.level ?? (options.denominator === 'online_procedures' ? 'online' : null),
        }),
      ),
    ),
  empty: NO_RATIO,
});
