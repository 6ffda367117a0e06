import { defineIndicator, NO_RATIO } from './indicator';
import { BY_END_OF_PERIOD, countProceduresAtLevel4, procedureShares } from './procedure-levels';

export const proceduresLevel4 = defineIndicator({
  definition: {
    ...BY_END_OF_PERIOD,
    id: 'procedures.level4',
    nameVi: 'Tỷ lệ dịch vụ công trực tuyến mức độ 4',
    nameEn: 'Share of procedures at level 4',
    description:
      'Procedures whose highest level in the scope is 4 on the last day of the period, out of all procedures ' +
      'in force for the scope that day.',
  },
  figures: ({ engine, query }) => procedureShares(engine, query, countProceduresAtLevel4),
  empty: NO_RATIO,
});
