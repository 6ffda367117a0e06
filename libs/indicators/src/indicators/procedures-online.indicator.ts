import { defineIndicator, NO_RATIO } from './indicator';
import { BY_END_OF_PERIOD, countProceduresOnline, procedureShares } from './procedure-levels';

export const proceduresOnline = defineIndicator({
  definition: {
    ...BY_END_OF_PERIOD,
    id: 'procedures.online',
    nameVi: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến',
    nameEn: 'Share of procedures offered online (level 3 or 4)',
    description:
      'Procedures offered at level 3 or 4 (Decree 43/2011) on the last day of the period, out of all procedures ' +
      'in force for the scope that day. A procedure offered by several agencies of the scope counts once, at ' +
      'the highest level among them.',
  },
  figures: ({ engine, query }) => procedureShares(engine, query, countProceduresOnline),
  empty: NO_RATIO,
});
