import { RollupPair, SERVICE_MODES } from '@dvc/catalogue';

export type ServiceMode = (typeof SERVICE_MODES)[number];

/** One dated stretch of an offering's level, as the catalogue mirror holds it. */
export interface OfferingLevelStretch {
  procedureCode: string;
  agencyCode: string;
  level: number;
  mode: ServiceMode;
  validFrom: string;
  /** Last day ('9999-12-31' style open end while in force). */
  validTo: string;
}

/** What the counting reads of the catalogue: the units, how they roll up, and every offering's levels. */
export interface OfferedProcedures {
  agencyCodes: readonly string[];
  rollup: readonly RollupPair[];
  levels: readonly OfferingLevelStretch[];
}

/** Procedures in force for a scope on a day, by Decree 43/2011 level and by Decree 42/2022 mode. */
export interface ProcedureLevelCounts {
  total: number;
  byLevel: Record<1 | 2 | 3 | 4, number>;
  byMode: Record<ServiceMode, number>;
}

export const noProcedures = (): ProcedureLevelCounts => ({
  total: 0,
  byLevel: { 1: 0, 2: 0, 3: 0, 4: 0 },
  byMode: { none: 0, partial: 0, full: 0 },
});

const MODE_RANK: Record<ServiceMode, number> = { none: 0, partial: 1, full: 2 };

/**
 * Each unit of the scope with the group it reports in, as `groupBy=agency` groups it for the indicators: the
 * child of the scope agency on its chain (the scope agency's own offerings are its group); for the whole
 * province, the top of the unit's chain. A unit outside the catalogue is its own group.
 */
function groupsOf(
  catalogue: OfferedProcedures,
  scope: { agency: string | null; structure: 'reported' | 'current' },
): { inScope: (agencyCode: string) => boolean; groupOf: (agencyCode: string) => string } {
  const pairs = catalogue.rollup.filter((pair) => pair.structure === scope.structure);
  const byAgency = new Map<string, RollupPair[]>();
  for (const pair of pairs) byAgency.set(pair.agencyCode, [...(byAgency.get(pair.agencyCode) ?? []), pair]);
  const known = new Set(catalogue.agencyCodes);
  if (scope.agency === null) {
    return {
      inScope: () => true,
      groupOf: (code) => {
        const chain = byAgency.get(code) ?? [];
        return (
          chain.reduce<RollupPair | null>(
            (top, pair) => (top && top.distance >= pair.distance ? top : pair),
            null,
          )?.ancestorCode ?? code
        );
      },
    };
  }
  const agency = scope.agency;
  const under = new Map(
    pairs.filter((pair) => pair.ancestorCode === agency).map((pair) => [pair.agencyCode, pair.distance]),
  );
  return {
    inScope: (code) => under.has(code) || (code === agency && !known.has(agency)),
    groupOf: (code) => {
      const distance = under.get(code);
      if (distance === undefined) return code;
      if (distance === 0) return agency;
      const child = (byAgency.get(code) ?? []).find((pair) => pair.distance === distance - 1);
      return child?.ancestorCode ?? code;
    },
  };
}

/**
 * Procedures in force on `day` for the scope and for each of its child units, each procedure counted once per
 * group at its highest level among the group's offerings (as procedures.online counts), and at the fullest
 * Decree 42/2022 mode among them (none < partial < full).
 */
export function countProceduresByLevel(
  catalogue: OfferedProcedures,
  scope: { agency: string | null; structure: 'reported' | 'current'; day: string },
): { total: ProcedureLevelCounts; groups: Map<string, ProcedureLevelCounts> } {
  const { inScope, groupOf } = groupsOf(catalogue, scope);
  type Best = { level: number; mode: ServiceMode };
  const keep = (into: Map<string, Best>, key: string, stretch: OfferingLevelStretch) => {
    const best = into.get(key);
    into.set(key, {
      level: Math.max(best?.level ?? 0, stretch.level),
      mode: best && MODE_RANK[best.mode] >= MODE_RANK[stretch.mode] ? best.mode : stretch.mode,
    });
  };
  const total = new Map<string, Best>();
  const grouped = new Map<string, Map<string, Best>>();
  for (const stretch of catalogue.levels) {
    if (stretch.validFrom > scope.day || stretch.validTo < scope.day || !inScope(stretch.agencyCode))
      continue;
    keep(total, stretch.procedureCode, stretch);
    const group = groupOf(stretch.agencyCode);
    const procedures = grouped.get(group) ?? new Map<string, Best>();
    keep(procedures, stretch.procedureCode, stretch);
    grouped.set(group, procedures);
  }
  const counted = (procedures: Map<string, Best>) => {
    const counts = noProcedures();
    for (const { level, mode } of procedures.values()) {
      counts.total += 1;
      counts.byLevel[level as 1 | 2 | 3 | 4] += 1;
      counts.byMode[mode] += 1;
    }
    return counts;
  };
  return {
    total: counted(total),
    groups: new Map([...grouped].map(([group, procedures]) => [group, counted(procedures)])),
  };
}
