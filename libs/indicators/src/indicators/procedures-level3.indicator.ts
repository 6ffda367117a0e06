import { defineIndicator, NO_RATIO } from './indicator';
import { BY_END_OF_PERIOD, countProceduresAtLevel3, procedureShares } from './procedure-levels';

export const proceduresLevel3 = defineIndicator({
  definition: {
    ...BY_END_OF_PERIOD,
    id: 'procedures.level3',
    nameVi: 'Tỷ lệ dịch vụ công trực tuyến mức độ 3',
    nameEn: 'Share of procedures at level 3',
    description:
      'Procedures whose highest level in the scope is exactly 3 on the last day of the period, out of all ' +
      'procedures in force for the scope that day.',
  },
  figures: ({ engine, query }) => procedureShares(engine, query, countProceduresAtLevel3),
  empty: NO_RATIO,
});
