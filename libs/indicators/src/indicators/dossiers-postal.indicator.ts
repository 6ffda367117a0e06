import { anchoredCountsStatement } from './anchored-counts.statement';
import { receiptsStatement } from './dossiers-online.indicator';
import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

export const dossiersPostal = defineIndicator({
  definition: {
    id: 'dossiers.postal',
    nameVi: 'Tỷ lệ hồ sơ qua dịch vụ bưu chính công ích',
    nameEn: 'Share of dossiers through the public postal service',
    anchor: 'receipt',
    unit: 'share',
    measure: 'flow',
    options: ['of'],
    description:
      'Dossiers received by post out of all dossiers received (of=receipt, the default), or results returned ' +
      'by post out of all results returned, by the local day of the first return (of=return).',
  },
  figures: async ({ engine, query, options }) =>
    ratioFigures(
      options.of === 'return'
        ? await engine.counts(query, anchoredCountsStatement('returned', 'postal'))
        : await engine.counts(
            query,
            receiptsStatement({ channel: 'postal', excludePostal: false, level: null }),
          ),
    ),
  empty: NO_RATIO,
});
