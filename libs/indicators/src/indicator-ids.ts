/**
 * Every indicator of the domain (docs/domain.md#indicators), whether or not this build computes it yet: targets may
 * name any of them.
 */
export const INDICATOR_IDS = [
  'procedures.online',
  'procedures.level3',
  'procedures.level4',
  'procedures.level_growth',
  'procedures.portal',
  'services.uptake',
  'dossiers.online',
  'dossiers.on_time',
  'dossiers.open',
  'dossiers.overdue',
  'payments.online',
  'dossiers.postal',
] as const;

export type IndicatorId = (typeof INDICATOR_IDS)[number];
