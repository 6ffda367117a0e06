import { z } from 'zod';
import { satisfiesComparator, TargetComparator, targetComparatorSchema } from '@dvc/indicators';

/**
 * What a unit must satisfy to be healthy, in a target's terms: `value >= 0.3` for "at least 30% online". An
 * alert fires while it does not hold.
 */
export const healthRequirementSchema = z.object({
  comparator: targetComparatorSchema,
  threshold: z.number(),
});
export type HealthRequirement = z.infer<typeof healthRequirementSchema>;

/** One evaluation's verdict on a unit, before the state machine weighs it against time. */
export type AlertObservation =
  /** breached: the requirement fails; cleared: it holds by at least the recovery margin. */
  | { kind: 'value'; breached: boolean; cleared: boolean }
  /** The sample is below the rule's minimum: no verdict. */
  | { kind: 'no_data' }
  /** The figures could not be computed. */
  | { kind: 'error'; message: string };

/**
 * Judges a value against a requirement with hysteresis: a unit breaches when the requirement fails, and
 * clears only when it holds with `recoveryMargin` to spare, so a unit hovering at the threshold stays in
 * whichever state it was. The margin is in the requirement's unit (0.02 for two percentage points of a share).
 */
export function judgeValue(
  value: number,
  requirement: HealthRequirement,
  recoveryMargin: number,
): { breached: boolean; cleared: boolean } {
  if (!Number.isFinite(value)) throw new RangeError(`value must be finite, got ${value}`);
  if (!(recoveryMargin >= 0)) throw new RangeError(`recoveryMargin must be 0 or more, got ${recoveryMargin}`);
  const { comparator, threshold } = requirement;
  const breached = !satisfiesComparator(value, comparator, threshold);
  const atLeast = comparator === '>=' || comparator === '>';
  const cleared = satisfiesComparator(
    value,
    comparator,
    atLeast ? threshold + recoveryMargin : threshold - recoveryMargin,
  );
  return { breached, cleared };
}

/** The alert condition a Prometheus-style rule writes (`value < 0.3`) as the requirement it guards (`>= 0.3`). */
export function requirementOfAlertCondition(condition: {
  comparator: TargetComparator;
  threshold: number;
}): HealthRequirement {
  const opposite: Record<TargetComparator, TargetComparator> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
  return { comparator: opposite[condition.comparator], threshold: condition.threshold };
}
