/** The indicators a lever can move: a dossier moves from the denominator's rest into the numerator. */
export const LEVER_INDICATORS = ['dossiers.online', 'dossiers.on_time'] as const;
export type LeverIndicator = (typeof LEVER_INDICATORS)[number];

export interface Counts {
  numerator: number;
  denominator: number;
}

/** One procedure's dossiers of the scope and period, as the indicator grouped by procedure counts them. */
export interface ProcedureCounts extends Counts {
  procedureCode: string;
}

export interface Lever {
  procedureCode: string;
  /** The procedure's dossiers the indicator counts (online: those received while it was offered at level 3/4). */
  dossiers: number;
  /** Of them, already in the numerator (received online; resolved on time). */
  meeting: number;
  /** Of them, not yet: received in person or by post; late or overdue. */
  missing: number;
  /** Percentage points the scope's share gains if this procedure's missing dossiers met the indicator. */
  gainPoints: number;
  /** Percentage points gained if this lever and every one ranked above it were pulled. */
  cumulativePoints: number;
  /** The scope's share (0–1) with this lever and those above it pulled. */
  shareIfPulled: number;
}

/**
 * Which procedures move the scope's share most, and by how much.
 *
 * A procedure's `missing` dossiers are already in the scope's denominator, so moving them adds `missing / D` to
 * the share and leaves the denominator alone: gains of different procedures simply add up. For the online share
 * only procedures whose dossiers still arrive mostly in person count as levers (`missing > meeting`): one that is
 * already mostly online is a success to keep, not a lever. `procedures` must be counted with the denominator
 * limited to procedures offered online at receipt, so the levers are dossiers that could have come online.
 */
export function rankLevers(
  indicator: LeverIndicator,
  scope: Counts,
  procedures: readonly ProcedureCounts[],
): Lever[] {
  if (scope.denominator <= 0) return [];
  const candidates = procedures
    .map((procedure) => ({
      procedureCode: procedure.procedureCode,
      dossiers: procedure.denominator,
      meeting: procedure.numerator,
      missing: procedure.denominator - procedure.numerator,
    }))
    .filter((candidate) => candidate.missing > 0)
    .filter((candidate) => indicator !== 'dossiers.online' || candidate.missing > candidate.meeting)
    .sort(
      (a, b) =>
        b.missing - a.missing ||
        (a.procedureCode < b.procedureCode ? -1 : a.procedureCode > b.procedureCode ? 1 : 0),
    );
  let pulled = 0;
  return candidates.map((candidate) => {
    pulled += candidate.missing;
    return {
      ...candidate,
      gainPoints: (100 * candidate.missing) / scope.denominator,
      cumulativePoints: (100 * pulled) / scope.denominator,
      shareIfPulled: Math.min(1, (scope.numerator + pulled) / scope.denominator),
    };
  });
}
