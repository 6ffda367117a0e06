import { dossiersCarriedOver } from './dossiers-carried-over.indicator';
import { dossiersClosedWithoutResult } from './dossiers-closed-without-result.indicator';
import { dossiersOnTime } from './dossiers-on-time.indicator';
import { dossiersOnline } from './dossiers-online.indicator';
import { dossiersOpen } from './dossiers-open.indicator';
import { dossiersOverdue } from './dossiers-overdue.indicator';
import { dossiersPostal } from './dossiers-postal.indicator';
import { paymentsOnline } from './payments-online.indicator';
import { proceduresLevelGrowth } from './procedures-level-growth.indicator';
import { proceduresLevel3 } from './procedures-level3.indicator';
import { proceduresLevel4 } from './procedures-level4.indicator';
import { proceduresOnline } from './procedures-online.indicator';
import { proceduresPortal } from './procedures-portal.indicator';
import { servicesUptake } from './services-uptake.indicator';

/** Every indicator this build computes, one file each, in the order `GET /v1/indicators` lists them. */
export const INDICATORS = [
  dossiersOnline,
  servicesUptake,
  dossiersOnTime,
  dossiersOpen,
  dossiersOverdue,
  paymentsOnline,
  dossiersPostal,
  proceduresOnline,
  proceduresLevel3,
  proceduresLevel4,
  proceduresLevelGrowth,
  proceduresPortal,
  dossiersCarriedOver,
  dossiersClosedWithoutResult,
] as const;

export type IndicatorId = (typeof INDICATORS)[number]['definition']['id'];

/** The ids of `INDICATORS`: what targets, imports and queries may name. */
export const INDICATOR_IDS = INDICATORS.map((indicator) => indicator.definition.id) as [
  IndicatorId,
  ...IndicatorId[],
];
