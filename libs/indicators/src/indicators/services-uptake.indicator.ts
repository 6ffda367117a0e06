import { defineIndicator, NO_RATIO, ratioFigures } from './indicator';

export const servicesUptake = defineIndicator({
  definition: {
    id: 'services.uptake',
    nameVi: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ',
    nameEn: 'Share of online services that received online dossiers',
    anchor: 'receipt',
    unit: 'share',
    measure: 'flow',
    options: [],
    description:
      'Procedures offered at level 3 or 4 in the scope on at least one day of the period, and of them those ' +
      'that received at least one dossier online in the scope during the period (by the local day of receipt).',
  },
  figures: async ({ engine, query }) => ratioFigures(await engine.uptake(query)),
  empty: NO_RATIO,
});
