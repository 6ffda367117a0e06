import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

export const dossiersOnline = defineIndicator({
  definition: {
    id: 'dossiers.online',
    nameVi: 'Tỷ lệ hồ sơ trực tuyến',
    nameEn: 'Share of dossiers received online',
    anchor: 'receipt',
    unit: 'share',
    measure: 'flow',
    options: ['denominator', 'level', 'postal'],
    description:
      'Dossiers received through the online channel, out of all dossiers received, by the local day of ' +
      'receipt (Asia/Ho_Chi_Minh). Dossiers refused at intake are not received and count in neither. Each ' +
      'dossier counts once, with its latest intake event. Variants: denominator=online_procedures counts only ' +
      'dossiers of procedures offered at level 3 or 4 at receipt; level=3 or level=4 only those of procedures at ' +
      'that level; postal=exclude leaves dossiers received by post out of the denominator.',
  },
  figures: async ({ engine, query, options }) =>
    ratioFigures(
      await engine.receipts(query, {
        channel: 'online',
        excludePostal: options.postal === 'exclude',
        level: options.level ?? (options.denominator === 'online_procedures' ? 'online' : null),
      }),
    ),
  empty: NO_RATIO,
});
