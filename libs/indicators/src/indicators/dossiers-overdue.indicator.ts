import { ratio } from '../ratio';
import { openBreakdown, openStatement } from './dossiers-open.indicator';
import { defineIndicator, NO_RATIO } from './indicator';

export const dossiersOverdue = defineIndicator({
  definition: {
    id: 'dossiers.overdue',
    nameVi: 'Hồ sơ quá hạn',
    nameEn: 'Open dossiers past their due date',
    anchor: 'now',
    unit: 'share',
    measure: 'stock',
    options: [],
    description:
      'Of the dossiers open at the end of the period (or now if earlier), those whose due day has passed. The ' +
      'breakdown adds those due within the next 24 hours.',
  },
  figures: async ({ engine, query }) =>
    (await engine.counts(query, openStatement)).map((row) => ({
      bucket: row.bucket,
      group: row.group,
      figures: { ...ratio(row.numerator, row.denominator), breakdown: openBreakdown(row.breakdown) },
    })),
  empty: { ...NO_RATIO, breakdown: openBreakdown({}) },
});
