import { z } from 'zod';
import { DateRange, localDateSchema } from '../local-calendar';
import { daysBetweenInclusive } from '../periods/period';

export const TARGET_COMPARATORS = ['>=', '>', '<=', '<'] as const;
export const targetComparatorSchema = z.enum(TARGET_COMPARATORS);
export type TargetComparator = z.infer<typeof targetComparatorSchema>;

/** share: a ratio in [0, 1]; percentage_points: a change of shares (7 = +7 pp); count: a plain number. */
export const TARGET_UNITS = ['share', 'percentage_points', 'count'] as const;
export const targetUnitSchema = z.enum(TARGET_UNITS);
export type TargetUnit = z.infer<typeof targetUnitSchema>;

export const TARGET_STATUSES = ['met', 'at_risk', 'missed', 'not_enough_data'] as const;
export const targetStatusSchema = z.enum(TARGET_STATUSES);
export type TargetStatus = z.infer<typeof targetStatusSchema>;

export const PERIOD_STATES = ['ended', 'running', 'not_started'] as const;
export const periodStateSchema = z.enum(PERIOD_STATES);
export type PeriodState = z.infer<typeof periodStateSchema>;

/** Values this close count as equal, so 0.1 * 3 meets a threshold of 0.3. */
export const COMPARISON_TOLERANCE = 1e-9;

export interface TargetRule {
  comparator: TargetComparator;
  /** In the unit: 0.3 for 30% (share), 7 for +7 pp, 100 for a count. */
  threshold: number;
  unit: TargetUnit;
}

/** An indicator's figures for the period so far (or whole, once it has ended). */
export interface TargetFigures {
  numerator: number;
  /** null for indicators without one (counts, percentage-point growth): the minimum sample then does not apply. */
  denominator: number | null;
  value: number | null;
}

export interface TargetEvaluationInput {
  target: TargetRule;
  actual: TargetFigures;
  period: DateRange;
  /** The local date (Asia/Ho_Chi_Minh) the evaluation is made on. */
  today: string;
  /** The smallest denominator worth a verdict: 3 dossiers out of 4 online says little. */
  minSample: number;
  /** The same period last year's denominator, when known: a better guess of the period's volume than pace. */
  expectedDenominator?: number | null;
  /**
   * true for ratios counted over the period that keep growing until it ends (dossiers.online); false for
   * stock indicators read at the period's end (procedures.level4, procedures.level_growth).
   */
  flow: boolean;
}

export const targetProjectionSchema = z.object({
  expectedDenominator: z.number().describe('The denominator expected by the end of the period'),
  basis: z
    .enum(['last_year', 'pace'])
    .describe('last_year: the same period last year; pace: the current denominator at its daily pace'),
  remainingDenominator: z.number().describe('Expected denominator still to come: expected minus current'),
  projectedNumerator: z.number().describe('The numerator at the end of the period if its share stays as now'),
  projectedValue: z
    .number()
    .nullable()
    .describe('The value at the end of the period if its share stays as now'),
  requiredShareOfRemaining: z
    .number()
    .nullable()
    .describe(
      'At least targets: the share of the remaining volume that must count in the numerator to reach the ' +
        'threshold (above 1: out of reach; 0 or below: already safe). At most targets: the largest share of ' +
        'the remaining that may count (below 0: out of reach). null when nothing remains.',
    ),
  reachable: z.boolean().describe('Whether the threshold can still be met with the remaining volume'),
});
export type TargetProjection = z.infer<typeof targetProjectionSchema>;

export const targetEvaluationSchema = z.object({
  status: targetStatusSchema,
  actual: z.number().nullable().describe("The indicator's value so far"),
  threshold: z.number(),
  gap: z.number().nullable().describe('actual − threshold, in the target’s unit'),
  periodState: periodStateSchema,
  elapsedDays: z.number().int().describe('Days of the period up to and including today'),
  totalDays: z.number().int(),
  projection: targetProjectionSchema
    .nullable()
    .describe('Flow shares in a running period only: where the period is heading'),
});
export type TargetEvaluation = z.infer<typeof targetEvaluationSchema>;

/** Whether a value satisfies `value <comparator> threshold`, up to COMPARISON_TOLERANCE. */
export function satisfiesComparator(value: number, comparator: TargetComparator, threshold: number): boolean {
  switch (comparator) {
    case '>=':
      return value >= threshold - COMPARISON_TOLERANCE;
    case '>':
      return value > threshold + COMPARISON_TOLERANCE;
    case '<=':
      return value <= threshold + COMPARISON_TOLERANCE;
    case '<':
      return value < threshold - COMPARISON_TOLERANCE;
  }
}

/**
 * Where one target stands against an indicator's figures on `today`. The rules, in order:
 *
 * 1. Period not started (today < from): not_enough_data, no projection.
 * 2. No value, or a denominator below minSample: not_enough_data (actual and gap still given when there is a
 *    value). Indicators without a denominator skip the sample check.
 * 3. Period ended (today > to): met if the value satisfies the comparator, else missed.
 * 4. Running stock indicator (flow false), or any unit other than a share: met if the value satisfies the
 *    comparator now, else at_risk; no projection (a stock can still move either way until the end).
 * 5. Running flow share: the period's expected denominator E is last year's if given and above the current
 *    denominator d, else d at its pace so far, round(d × totalDays / elapsedDays); R = E − d remains to come.
 *    With numerator n: at least targets (>=, >) need threshold × E − n of the remaining, reachable when that
 *    is at most R; at most targets (<=, <) allow (threshold × E − n) / R of the remaining, reachable when
 *    that is not negative. '>' and '<' are judged like '>=' and '<=' for reachability only.
 *    Status: missed if unreachable; otherwise met if the value satisfies the comparator now, else at_risk.
 *
 * elapsedDays counts today. Comparisons allow COMPARISON_TOLERANCE.
 */
export function evaluateTarget(input: TargetEvaluationInput): TargetEvaluation {
  const { target, actual, period, today, minSample, flow } = input;
  const expectedDenominator = input.expectedDenominator ?? null;
  requireValidInput(input);

  const totalDays = daysBetweenInclusive(period);
  const periodState: PeriodState =
    today < period.from ? 'not_started' : today > period.to ? 'ended' : 'running';
  const elapsedDays =
    periodState === 'not_started'
      ? 0
      : periodState === 'ended'
        ? totalDays
        : daysBetweenInclusive({ from: period.from, to: today });

  const value = actual.value;
  const base = {
    actual: value,
    threshold: target.threshold,
    gap: value === null ? null : value - target.threshold,
    periodState,
    elapsedDays,
    totalDays,
    projection: null,
  };
  const tooSmall = actual.denominator !== null && actual.denominator < minSample;
  if (periodState === 'not_started' || value === null || tooSmall) {
    return { ...base, status: 'not_enough_data' };
  }

  const satisfiedNow = satisfiesComparator(value, target.comparator, target.threshold);
  if (periodState === 'ended') return { ...base, status: satisfiedNow ? 'met' : 'missed' };

  const denominator = actual.denominator;
  if (!flow || target.unit !== 'share' || denominator === null || denominator === 0) {
    return { ...base, status: satisfiedNow ? 'met' : 'at_risk' };
  }

  const projection = projectFlowShare(
    { numerator: actual.numerator, denominator },
    target,
    expectedDenominator,
    elapsedDays,
    totalDays,
  );
  const status: TargetStatus = !projection.reachable ? 'missed' : satisfiedNow ? 'met' : 'at_risk';
  return { ...base, status, projection };
}

function projectFlowShare(
  { numerator, denominator }: { numerator: number; denominator: number },
  { comparator, threshold }: TargetRule,
  lastYearDenominator: number | null,
  elapsedDays: number,
  totalDays: number,
): TargetProjection {
  const fromLastYear = lastYearDenominator !== null && lastYearDenominator > denominator;
  const expected = fromLastYear ? lastYearDenominator : Math.round((denominator * totalDays) / elapsedDays);
  const remaining = expected - denominator;
  const room = threshold * expected - numerator;
  const atLeast = comparator === '>=' || comparator === '>';
  // Judged on the best final share (all, or none, of the remaining in the numerator) so the tolerance applies
  // to a share, whatever the volume.
  const reachable = atLeast
    ? satisfiesComparator((numerator + remaining) / expected, '>=', threshold)
    : satisfiesComparator(numerator / expected, '<=', threshold);
  return {
    expectedDenominator: expected,
    basis: fromLastYear ? 'last_year' : 'pace',
    remainingDenominator: remaining,
    projectedNumerator: Math.round((numerator * expected) / denominator),
    projectedValue: numerator / denominator,
    requiredShareOfRemaining: remaining > 0 ? room / remaining : null,
    reachable,
  };
}

function requireValidInput({ actual, today, minSample, expectedDenominator }: TargetEvaluationInput): void {
  if (!localDateSchema.safeParse(today).success) {
    throw new RangeError(`today must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }
  const finiteAtLeastZero = (number: number) => Number.isFinite(number) && number >= 0;
  if (!finiteAtLeastZero(minSample)) throw new RangeError(`minSample must be 0 or more, got ${minSample}`);
  if (expectedDenominator != null && !finiteAtLeastZero(expectedDenominator)) {
    throw new RangeError(`expectedDenominator must be 0 or more, got ${expectedDenominator}`);
  }
  if (actual.denominator !== null && !finiteAtLeastZero(actual.denominator)) {
    throw new RangeError(`denominator must be 0 or more, got ${actual.denominator}`);
  }
  if (!Number.isFinite(actual.numerator) || (actual.value !== null && !Number.isFinite(actual.value))) {
    throw new RangeError(`figures must be finite, got ${actual.numerator} and ${actual.value}`);
  }
}
