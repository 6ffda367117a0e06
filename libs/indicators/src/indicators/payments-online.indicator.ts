import { anchoredCountsStatement } from './anchored-counts.statement';
import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

export const paymentsOnline = defineIndicator({
  definition: {
    id: 'payments.online',
    nameVi: 'Tỷ lệ thanh toán trực tuyến',
    nameEn: 'Share of fees paid online',
    anchor: 'payment',
    unit: 'share',
    measure: 'flow',
    options: [],
    description:
      'Dossiers whose first payment of a non-zero amount fell in the period, and of them those paid online.',
  },
  figures: async ({ engine, query }) =>
    ratioFigures(await engine.counts(query, anchoredCountsStatement('paid', 'online'))),
  empty: NO_RATIO,
});
