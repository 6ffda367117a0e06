import { dayBefore, earliest, OPEN_END } from '../catalogue-date';
import { LevelChange } from './procedure.schema';

/** One stretch of days (both ends inclusive) during which an offering had one service level. */
export interface LevelInterval {
  procedureCode: string;
  agencyCode: string;
  level: number;
  mode: LevelChange['mode'];
  portal: boolean;
  fee: boolean;
  validFrom: string;
  /** Last day; `OPEN_END` while in force. */
  validTo: string;
}

export interface OfferingHistory {
  procedureCode: string;
  agencyCode: string;
  levels: readonly LevelChange[];
  /** Ends of the offering, the procedure and the agency: the offering is in force up to the earliest. */
  ends: readonly (string | null)[];
}

/**
 * An offering's level history as non-overlapping stretches: each change holds from its date up to the day
 * before the next one, and nothing holds after the offering, its procedure or its agency ends. A change
 * dated after that end never takes effect.
 */
export function levelIntervals(history: OfferingHistory): LevelInterval[] {
  const end = earliest(...history.ends) ?? OPEN_END;
  const changes = [...history.levels].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return changes.flatMap((change, index) => {
    const next = changes[index + 1];
    const validTo = earliest(next ? dayBefore(next.effectiveFrom) : null, end) as string;
    if (validTo < change.effectiveFrom) return [];
    return [
      {
        procedureCode: history.procedureCode,
        agencyCode: history.agencyCode,
        level: change.level,
        mode: change.mode,
        portal: change.portal,
        fee: change.fee,
        validFrom: change.effectiveFrom,
        validTo,
      },
    ];
  });
}
