import { ratio } from '../ratio';
import { defineIndicator, NO_RATIO } from './indicator';
import { procedureShares } from './procedure-levels';

export const proceduresPortal = defineIndicator({
  definition: {
    id: 'procedures.portal',
    nameVi: 'Tỷ lệ dịch vụ công trực tuyến tích hợp Cổng Dịch vụ công quốc gia',
    nameEn: 'Share of online services integrated with the National Public Service Portal',
    anchor: 'period_end',
    unit: 'share',
    measure: 'stock',
    options: [],
    description:
      'Of the procedures offered at level 3 or 4 in the scope on the last day of the period, those integrated ' +
      'with the National Public Service Portal by at least one of their offerings in the scope.',
  },
  figures: ({ engine, query }) =>
    procedureShares(engine, query, (levels) => {
      const online = levels.filter((procedure) => procedure.level >= 3);
      return ratio(online.filter((procedure) => procedure.portal).length, online.length);
    }),
  empty: NO_RATIO,
});
