import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

export const dossiersOnTime = defineIndicator({
  definition: {
    id: 'dossiers.on_time',
    nameVi: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    nameEn: 'Share of dossiers resolved on time',
    anchor: 'resolution',
    unit: 'share',
    measure: 'flow',
    options: [],
    description:
      'Dossiers resolved in the period on or before their due day (the latest due date given: a reschedule or a ' +
      'supplement request replaces the old one; compared by local calendar day), out of the dossiers resolved ' +
      'in the period plus those still open at the end of its last day with a due day before it. The breakdown ' +
      'splits them into early, on time, late and overdue-open.',
  },
  figures: async ({ engine, query }) => ratioFigures(await engine.onTime(query)),
  empty: { ...NO_RATIO, breakdown: { early: 0, onTime: 0, late: 0, overdueOpen: 0 } },
});
