import { DateRange, evaluateTarget, satisfiesComparator } from '@dvc/indicators';
import { HealthRequirement } from '../state/alert-condition';

export interface UnitFigures {
  numerator: number;
  denominator: number | null;
  value: number | null;
}

/** What it takes for a breaching share to meet its requirement again. */
export interface RecoveryNeeds {
  /** value − threshold, in the indicator's unit. */
  gap: number | null;
  /**
   * At least targets: how many more dossiers counting in the numerator (online, on time) would restore it now;
   * at most targets: how many more not counting. null when it holds, or for a threshold of 0 or 1 that no
   * number of dossiers reaches.
   */
  moreNeeded: number | null;
  /** By the end of the whole period: the share of the dossiers still to come that must count, and how many. */
  byPeriodEnd: {
    to: string;
    requiredShareOfRemaining: number | null;
    expectedRemaining: number;
    reachable: boolean;
  } | null;
}

/**
 * The figures a department head needs: the gap, the count that would close it now, and (for a window that is
 * part of a month, quarter or year) the share of the rest of the period that must count, projected as the
 * target status projects it (`evaluateTarget`, pace so far, or last year's volume when known).
 */
export function recoveryNeeds(
  figures: UnitFigures,
  requirement: HealthRequirement,
  unit: 'share' | 'percentage_points' | 'count',
  wholePeriod: DateRange | null,
  today: string,
  lastYearDenominator: number | null = null,
): RecoveryNeeds {
  const { numerator, denominator, value } = figures;
  const gap = value === null ? null : value - requirement.threshold;
  if (unit !== 'share' || denominator === null || value === null)
    return { gap, moreNeeded: null, byPeriodEnd: null };
  const holds = satisfiesComparator(value, requirement.comparator, requirement.threshold);
  const atLeast = requirement.comparator === '>=' || requirement.comparator === '>';
  const t = requirement.threshold;
  let moreNeeded: number | null = null;
  if (!holds) {
    // (n + x) / (d + x) ≥ t  ⇔  x ≥ (t·d − n) / (1 − t); n / (d + x) ≤ t  ⇔  x ≥ n / t − d.
    const exact = atLeast
      ? t < 1
        ? (t * denominator - numerator) / (1 - t)
        : null
      : t > 0
        ? numerator / t - denominator
        : null;
    if (exact !== null) {
      const after = (x: number) =>
        atLeast ? (numerator + x) / (denominator + x) : numerator / (denominator + x);
      moreNeeded = Math.max(1, Math.ceil(exact - 1e-9));
      // A strict comparator at an exact solution needs one more.
      if (!satisfiesComparator(after(moreNeeded), requirement.comparator, t)) moreNeeded += 1;
    }
  }
  let byPeriodEnd: RecoveryNeeds['byPeriodEnd'] = null;
  if (wholePeriod !== null && today >= wholePeriod.from && today <= wholePeriod.to) {
    const evaluation = evaluateTarget({
      target: { comparator: requirement.comparator, threshold: t, unit: 'share' },
      actual: figures,
      period: wholePeriod,
      today,
      minSample: 0,
      expectedDenominator: lastYearDenominator,
      flow: true,
    });
    if (evaluation.projection) {
      byPeriodEnd = {
        to: wholePeriod.to,
        requiredShareOfRemaining: evaluation.projection.requiredShareOfRemaining,
        expectedRemaining: evaluation.projection.remainingDenominator,
        reachable: evaluation.projection.reachable,
      };
    }
  }
  return { gap, moreNeeded, byPeriodEnd };
}
