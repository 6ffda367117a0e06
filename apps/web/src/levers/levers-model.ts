import type { Levers } from '../api/types';

export const LEVER_PERIODS = ['ytd', 'qtd', 'mtd', 'rolling-30d'] as const;
export type LeverPeriod = (typeof LEVER_PERIODS)[number];

export interface LeversHeadline {
  /** The scope's share now. */
  share: number | null;
  /** How many levers the list shows. */
  shown: number;
  /** The share with every lever shown pulled (null when there is none). */
  shareIfShownPulled: number | null;
  /** Points those levers add. */
  pointsIfShownPulled: number;
}

/** What the page says above the table: where the scope stands and where the levers shown would take it. */
export function leversHeadline(answer: Levers): LeversHeadline {
  const last = answer.levers.at(-1);
  return {
    share: answer.share.value,
    shown: answer.levers.length,
    shareIfShownPulled: last ? last.shareIfPulled : null,
    pointsIfShownPulled: last ? last.cumulativePoints : 0,
  };
}

/** A lever's share of the bar drawn beside it: its points against the first (largest) lever's. */
export function barWidth(points: number, largest: number): number {
  if (largest <= 0 || points <= 0) return 0;
  return Math.min(100, (100 * points) / largest);
}
