import { Agency, Lineage } from './agency.schema';

export type Structure = 'reported' | 'current';

/** `agencyCode`'s figures count under `ancestorCode` (every code counts under itself in the reported structure). */
export interface RollupPair {
  structure: Structure;
  ancestorCode: string;
  agencyCode: string;
  /** Steps from the unit's own place (0: the unit itself, or the unit it is restated to) up to the ancestor. */
  distance: number;
}

type AgencyLink = Pick<Agency, 'code' | 'parentCode'>;

/** The chain from a unit up to the top, the unit first. Stops at a unit already seen (a broken catalogue). */
export function ancestorsOf(code: string, parentOf: (code: string) => string | null | undefined): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let current: string | null | undefined = code; current && !seen.has(current);) {
    chain.push(current);
    seen.add(current);
    current = parentOf(current);
  }
  return chain;
}

/**
 * Where each unit's work lives in today's structure: follow lineage links (old → new) to a unit that has not
 * been succeeded. A unit split in several is restated to one of them, the link taking effect last, then the
 * lowest code, so each dossier still counts once in a restated total.
 */
export function restateToCurrent(
  agencies: readonly AgencyLink[],
  lineage: readonly Lineage[],
): Map<string, string> {
  const successor = new Map<string, Lineage>();
  for (const link of lineage) {
    const chosen = successor.get(link.fromCode);
    const later =
      !chosen ||
      link.effectiveDate > chosen.effectiveDate ||
      (link.effectiveDate === chosen.effectiveDate && link.toCode < chosen.toCode);
    if (later) successor.set(link.fromCode, link);
  }
  const current = new Map<string, string>();
  for (const { code } of agencies) {
    const seen = new Set<string>([code]);
    let restated = code;
    for (let next = successor.get(code); next && !seen.has(next.toCode); next = successor.get(restated)) {
      restated = next.toCode;
      seen.add(restated);
    }
    current.set(code, restated);
  }
  return current;
}

/**
 * Every (ancestor, unit) pair of both structures. Reported: a unit's figures count under its own chain of
 * parents (a unit keeps its parent for life; reorganisations end units and start new ones). Current: under
 * the unit it is restated to, then that unit's parent restated in turn, and so on up: a department of a
 * merged province counts under the province it was merged into, though the department itself never changed.
 */
export function agencyRollup(agencies: readonly AgencyLink[], lineage: readonly Lineage[]): RollupPair[] {
  const parents = new Map(agencies.map((agency) => [agency.code, agency.parentCode]));
  const current = restateToCurrent(agencies, lineage);
  const reportedParent = (code: string) => parents.get(code);
  const currentParent = (code: string) => {
    const parent = parents.get(code);
    return parent ? (current.get(parent) ?? parent) : null;
  };
  const pairs: RollupPair[] = [];
  for (const { code } of agencies) {
    ancestorsOf(code, reportedParent).forEach((ancestorCode, distance) =>
      pairs.push({ structure: 'reported', ancestorCode, agencyCode: code, distance }),
    );
    ancestorsOf(current.get(code) ?? code, currentParent).forEach((ancestorCode, distance) =>
      pairs.push({ structure: 'current', ancestorCode, agencyCode: code, distance }),
    );
  }
  return pairs;
}

/** A chain of parents that loops back on itself, if the catalogue has one (first found), else null. */
export function findParentCycle(agencies: readonly AgencyLink[]): string[] | null {
  const parents = new Map(agencies.map((agency) => [agency.code, agency.parentCode]));
  for (const { code } of agencies) {
    const chain = ancestorsOf(code, (unit) => parents.get(unit));
    const last = chain[chain.length - 1];
    const parentOfLast = parents.get(last);
    if (parentOfLast && chain.includes(parentOfLast))
      return [...chain.slice(chain.indexOf(parentOfLast)), parentOfLast];
  }
  return null;
}
