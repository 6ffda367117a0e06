import { Statement } from '../engine/statement';
import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

/**
 * Procedures in force in the scope at level 3 or 4 on some day of the bucket, and how many of them received an
 * online dossier in the bucket.
 */
export const uptakeStatement: Statement = (sql) => {
  const offered = `
      SELECT DISTINCT bucket, ${sql.groupKey('offering.agency_code', 'offering.procedure_code')} AS grp,
             offering.procedure_code AS procedure_code
      FROM ${sql.db}.catalogue_offering_levels AS offering
      ${sql.groupJoins('offering.agency_code', 'offering.procedure_code')}
      ARRAY JOIN arrayFilter(index -> {bucket_froms:Array(Date32)}[index] <= offering.valid_to
                                      AND {bucket_tos:Array(Date32)}[index] >= offering.valid_from,
                             arrayEnumerate({bucket_tos:Array(Date32)})) AS bucket
      WHERE offering.publication = publication_in_use AND offering.level >= 3
        AND offering.valid_from <= {to:Date32} AND offering.valid_to >= {from:Date32}
        AND ${sql.inScope('offering.agency_code')} AND ${sql.inNarrowing('offering.procedure_code')}`;
  const used = `
      SELECT ${sql.bucketOf('row.day')} AS bucket,
             ${sql.groupKey('row.agency_code', 'row.procedure_code')} AS grp, row.procedure_code AS procedure_code
      FROM ${sql.dayCounts('received', { readsProcedure: true })} AS row ${sql.groupJoins('row.agency_code', 'row.procedure_code')}
      WHERE row.class = 'online' AND ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}
      GROUP BY bucket, grp, procedure_code
      HAVING sum(row.weight) > 0`;
  return `SELECT bucket, grp, countIf((bucket, grp, procedure_code) IN (${used})) AS numerator, count() AS denominator
       FROM (${offered})
       GROUP BY bucket, grp`;
};

export const servicesUptake = defineIndicator({
  definition: {
    id: 'services.uptake',
    nameVi: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ',
    nameEn: 'Share of online services that received online dossiers',
    anchor: 'receipt',
    unit: 'share',
    measure: 'flow',
    options: [],
    description:
      'Procedures offered at level 3 or 4 in the scope on at least one day of the period, and of them those ' +
      'that received at least one dossier online in the scope during the period (by the local day of receipt).',
  },
  figures: async ({ engine, query }) => ratioFigures(await engine.counts(query, uptakeStatement)),
  empty: NO_RATIO,
});
