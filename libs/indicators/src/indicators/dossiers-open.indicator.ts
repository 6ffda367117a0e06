import { countFigures, defineIndicator } from './indicator';

/** dossiers.open, .overdue and .carried_over all return `overdue` and `dueWithin24h` (docs/indicators.md). */
export const openBreakdown = (breakdown: Record<string, number>) => ({
  overdue: breakdown.overdue ?? 0,
  dueWithin24h: breakdown.dueWithin24h ?? 0,
});

export const dossiersOpen = defineIndicator({
  definition: {
    id: 'dossiers.open',
    nameVi: 'Hồ sơ đang xử lý',
    nameEn: 'Dossiers being processed',
    anchor: 'now',
    unit: 'count',
    measure: 'stock',
    options: [],
    description:
      'Dossiers received and neither resolved, withdrawn nor stopped, at the end of the period or now if that ' +
      'is earlier: the live backlog. The breakdown gives those past their due day and those due within 24 hours.',
  },
  figures: async ({ engine, query }) =>
    (await engine.open(query)).map((row) => ({
      bucket: row.bucket,
      group: row.group,
      figures: countFigures(row.denominator, openBreakdown(row.breakdown)),
    })),
  empty: countFigures(0, openBreakdown({})),
});
