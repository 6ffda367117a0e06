import type { Agency, Target } from '@dvc/catalogue';
import { DateRange, evaluateTarget, IndicatorFigures } from '@dvc/indicators';
import { LeaderboardRow, RowTarget } from './leaderboard.schema';

/** A group of the ranking: `GET /v1/indicators/{id}?groupBy=…`'s `groups` entry. */
export type RankedGroup = IndicatorFigures & { key: string | null };

/**
 * The leaderboard's rows: every group with figures, and every unit `listed` (the scope's child units) even
 * without any, each with its name, its target and its sparkline; highest value first, then by key, units
 * without a value last.
 */
export function leaderboardRows(input: {
  groups: readonly RankedGroup[];
  series: readonly { key: string | null; series: readonly IndicatorFigures[] }[];
  sparklineDays: number;
  listed: readonly string[];
  empty: IndicatorFigures;
  nameOf: (key: string | null) => string | null;
  targetOf: (key: string | null, figures: IndicatorFigures) => RowTarget | null;
}): LeaderboardRow[] {
  const byKey = new Map<string | null, IndicatorFigures>(input.groups.map((group) => [group.key, group]));
  for (const code of input.listed) if (!byKey.has(code)) byKey.set(code, input.empty);
  const seriesOf = new Map(input.series.map((group) => [group.key, group.series]));
  const rows = [...byKey.entries()].map(([key, { numerator, denominator, value, breakdown }]) => ({
    key,
    name: input.nameOf(key),
    numerator,
    denominator,
    value,
    ...(breakdown ? { breakdown } : {}),
    target: input.targetOf(key, { numerator, denominator, value }),
    sparkline: (seriesOf.get(key) ?? Array.from({ length: input.sparklineDays }, () => input.empty)).map(
      (figures) => figures.value,
    ),
  }));
  return rows.sort(byValueThenKey);
}

function byValueThenKey(a: LeaderboardRow, b: LeaderboardRow): number {
  if (a.value !== b.value) {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return b.value - a.value;
  }
  return (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff');
}

/**
 * The target a unit's row is judged against: among those for the indicator with the leaderboard's options, the
 * unit's own (counting its subtree), else the scope's, else the province's; the first by key when several apply.
 */
export function targetForUnit(
  targets: readonly Target[],
  unit: string | null,
  scopeAgency: string | null,
): Target | null {
  for (const owner of new Set([unit, scopeAgency, null])) {
    const found = targets
      .filter((target) => target.agencyCode === owner && (owner === null || target.subtree))
      .sort((a, b) => a.key.localeCompare(b.key))[0];
    if (found) return found;
  }
  return null;
}

/** Targets of `indicatorId` whose options are exactly the leaderboard's (level, for the level indicators). */
export function targetsWithOptions(
  targets: readonly Target[],
  indicatorId: string,
  options: { level?: number },
): Target[] {
  return targets.filter((target) => {
    if (target.indicatorId !== indicatorId) return false;
    const names = Object.keys(target.options);
    if (names.some((name) => name !== 'level')) return false;
    return String(target.options.level ?? '') === String(options.level ?? '');
  });
}

/** A unit's figures over the target's period judged by the target (the rules of `evaluateTarget`). */
export function judgeRow(input: {
  target: Target;
  figures: IndicatorFigures;
  lastYearDenominator: number | null;
  range: DateRange;
  today: string;
  minSample: number;
  unit: 'share' | 'percentage_points' | 'count';
  flow: boolean;
}): RowTarget {
  const { target } = input;
  const evaluation = evaluateTarget({
    target: { comparator: target.comparator, threshold: target.threshold, unit: input.unit },
    actual: input.figures,
    period: input.range,
    today: input.today,
    minSample: input.minSample,
    expectedDenominator: input.lastYearDenominator,
    flow: input.flow,
  });
  return {
    key: target.key,
    agencyCode: target.agencyCode,
    comparator: target.comparator,
    threshold: target.threshold,
    status: evaluation.status,
    gap: evaluation.gap,
    period: input.range,
  };
}

/**
 * The units directly under `parent` that the structure shows: in the current structure those in force today;
 * in the reported one those in force on some day of the period.
 */
export function childrenOf(
  agencies: readonly Agency[],
  parent: string | null,
  structure: 'reported' | 'current',
  period: DateRange,
  today: string,
): string[] {
  return agencies
    .filter((agency) => agency.parentCode === parent)
    .filter((agency) =>
      structure === 'current'
        ? agency.validFrom <= today && (agency.validTo === null || agency.validTo >= today)
        : agency.validFrom <= period.to && (agency.validTo === null || agency.validTo >= period.from),
    )
    .map((agency) => agency.code);
}
