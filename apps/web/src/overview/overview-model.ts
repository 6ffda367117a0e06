import type { Figures, IndicatorAnswer, Overview, TargetStatusEntry } from '../api/types';

/** Today's intake by channel: online and postal are counted, in person (direct) is the rest. */
export interface IntakeByChannel {
  total: number;
  online: number;
  postal: number;
  direct: number;
}

export function intakeByChannel(overview: Overview): IntakeByChannel {
  const total = overview.tiles.receivedToday.denominator ?? 0;
  const online = overview.tiles.receivedToday.numerator;
  const postal = overview.tiles.postalToday.numerator;
  return { total, online, postal, direct: Math.max(0, total - online - postal) };
}

/**
 * The target a tile is judged against: the one for its indicator (and level, for procedure levels), the
 * scope's own before a province-wide one; the first by key when several apply.
 */
export function targetFor(
  overview: Overview,
  indicatorId: string,
  options: Record<string, string | number> = {},
): TargetStatusEntry | null {
  const matching = overview.targets.filter(
    (entry) =>
      entry.target.indicatorId === indicatorId &&
      Object.entries(options).every(([key, value]) => String(entry.target.options[key]) === String(value)),
  );
  const own = (entry: TargetStatusEntry) => (entry.target.agencyCode === overview.scope.agency ? 0 : 1);
  return [...matching].sort((a, b) => own(a) - own(b) || a.target.key.localeCompare(b.target.key))[0] ?? null;
}

/** early / on time / late (resolved late plus open past due) of an on-time answer. */
export function onTimeSplit(answer: IndicatorAnswer): { early: number; onTime: number; late: number } {
  const breakdown = answer.breakdown ?? {};
  return {
    early: breakdown.early ?? 0,
    onTime: breakdown.onTime ?? 0,
    late: (breakdown.late ?? 0) + (breakdown.overdueOpen ?? 0),
  };
}

/** The backlog tile: open dossiers now, how many are past due and how many fall due within 24 hours. */
export function backlog(answer: IndicatorAnswer): { open: number; overdue: number; dueWithin24h: number } {
  return {
    open: answer.numerator,
    overdue: answer.breakdown?.overdue ?? 0,
    dueWithin24h: answer.breakdown?.dueWithin24h ?? 0,
  };
}

/** Growth of a level's share over the year, in points, and the shares it compares. */
export function levelGrowth(answer: IndicatorAnswer): {
  points: number | null;
  previous: (Figures & { date: string }) | null;
  current: (Figures & { date: string }) | null;
  upgraded: number;
} {
  return {
    points: answer.value,
    previous: answer.growth?.previous ?? null,
    current: answer.growth?.current ?? null,
    upgraded: answer.growth?.upgraded ?? 0,
  };
}
