import type { IndicatorDefinition } from '@dvc/indicators';

/**
 * What a person reads beside an indicator's exact figures: its names, and the value as officials write it in
 * reports ("28,62%": two decimals, a decimal comma). `value` itself stays exact; this only presents it.
 */
export interface IndicatorPresentation {
  nameVi: string;
  nameEn: string;
  /** A share as a percentage rounded to two decimals, percentage points likewise; null for counts or no value. */
  percent: number | null;
  /** `percent` as written in Vietnamese reports: "28,62%", "+3,5 điểm %"; null when there is no percent. */
  display: string | null;
}

/**
 * Rounds half away from zero to two decimals, on the value as written: the product is first cut to 15
 * significant digits, so 1.005 (1.00499999… in binary) gives 1.01 as it would on paper.
 */
export function roundPercent(percent: number): number {
  const hundredths = Math.round(Number((Math.abs(percent) * 100).toPrecision(15)));
  return (percent < 0 && hundredths !== 0 ? -hundredths : hundredths) / 100;
}

/** 28.62 → "28,62"; 50 → "50"; 3.5 → "3,5": Vietnamese decimal comma, no trailing zeros. */
export function vietnameseNumber(value: number): string {
  return String(value).replace('.', ',');
}

export function presentValue(
  unit: IndicatorDefinition['unit'],
  value: number | null,
): Pick<IndicatorPresentation, 'percent' | 'display'> {
  if (value === null || unit === 'count') return { percent: null, display: null };
  if (unit === 'share') {
    const percent = roundPercent(value * 100);
    return { percent, display: `${vietnameseNumber(percent)}%` };
  }
  const points = roundPercent(value);
  return { percent: points, display: `${points > 0 ? '+' : ''}${vietnameseNumber(points)} điểm %` };
}

export function presentIndicator(
  definition: IndicatorDefinition,
  value: number | null,
): IndicatorPresentation {
  return { nameVi: definition.nameVi, nameEn: definition.nameEn, ...presentValue(definition.unit, value) };
}

/** What `requiredShareOfRemaining` means for a person, beside the number. */
export type RequiredShareVerdict = 'not_reachable' | 'already_met' | 'reachable';

/**
 * At least targets: the share of the dossiers still to come that must count; above 100% the target cannot be
 * reached, at or below 0 it holds whatever happens. At most targets: the largest share that may count; below
 * 0 it cannot be reached, at 100% or more it holds whatever happens.
 */
export function requiredShareVerdict(
  requiredShare: number,
  comparator: '>=' | '>' | '<=' | '<',
): RequiredShareVerdict {
  const atLeast = comparator === '>=' || comparator === '>';
  if (atLeast ? requiredShare > 1 : requiredShare < 0) return 'not_reachable';
  if (atLeast ? requiredShare <= 0 : requiredShare >= 1) return 'already_met';
  return 'reachable';
}

const VERDICT_TEXT: Record<Exclude<RequiredShareVerdict, 'reachable'>, string> = {
  not_reachable: 'không thể đạt (not reachable)',
  already_met: 'đã đạt (already met)',
};

/** "62,5%" of the remaining, or the verdict in words when no share of the remaining decides it. */
export function presentRequiredShare(
  requiredShare: number,
  comparator: '>=' | '>' | '<=' | '<',
): { verdict: RequiredShareVerdict; display: string } {
  const verdict = requiredShareVerdict(requiredShare, comparator);
  return {
    verdict,
    display: verdict === 'reachable' ? presentValue('share', requiredShare).display! : VERDICT_TEXT[verdict],
  };
}

/** Indicators where a smaller value is the better one (a backlog): a leaderboard ranks them upwards. */
const LOWER_IS_BETTER: ReadonlySet<string> = new Set(['dossiers.open', 'dossiers.overdue']);

/**
 * Places on a leaderboard: best value first, equal values share a place (1, 2, 2, 4), groups without a value
 * last and unranked. Returns the groups in that order.
 */
export function rankGroups<T extends { value: number | null }>(
  indicatorId: string,
  groups: readonly T[],
): (T & { rank: number | null })[] {
  const sign = LOWER_IS_BETTER.has(indicatorId) ? 1 : -1;
  const ranked = groups
    .filter((group) => group.value !== null)
    .sort((left, right) => sign * (left.value! - right.value!));
  const places = ranked.map((group, index) => ({ ...group, rank: index + 1 }));
  for (let index = 1; index < places.length; index++) {
    if (places[index].value === places[index - 1].value) places[index].rank = places[index - 1].rank;
  }
  return [
    ...places,
    ...groups.filter((group) => group.value === null).map((group) => ({ ...group, rank: null })),
  ];
}
