import { ProcedureLevel } from '@dvc/indicators';

/** One dated stretch of an offering's level, as mirrored into ClickHouse (both ends inclusive). */
export interface OfferingLevelSpan {
  procedureCode: string;
  agencyCode: string;
  level: number;
  portal: boolean;
  validFrom: string;
  validTo: string;
}

/**
 * The reference of what ClickHouse answers: each procedure in force on `date` for the scope (offerings by
 * agencies in `agencyCodes`, or every offering when null), at its highest level.
 */
export function highestLevelsOn(
  spans: readonly OfferingLevelSpan[],
  date: string,
  agencyCodes: ReadonlySet<string> | null,
): ProcedureLevel[] {
  const highest = new Map<string, ProcedureLevel>();
  for (const span of spans) {
    if (span.validFrom > date || span.validTo < date) continue;
    if (agencyCodes && !agencyCodes.has(span.agencyCode)) continue;
    const known = highest.get(span.procedureCode);
    highest.set(span.procedureCode, {
      procedureCode: span.procedureCode,
      level: Math.max(known?.level ?? 0, span.level),
      portal: (known?.portal ?? false) || span.portal,
    });
  }
  return [...highest.values()].sort((a, b) => a.procedureCode.localeCompare(b.procedureCode));
}
