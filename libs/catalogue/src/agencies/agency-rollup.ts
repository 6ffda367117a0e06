import { Agency, Lineage } from './agency.schema';

export type Structure = 'reported' | 'current';

/** `agencyCode`'s figures count under `ancestorCode` (every code counts under itself in the reported structure). */
export interface RollupPair {
  structure: Structure;
  ancestorCode: string;
  agencyCode: string;
}

type AgencyLink = Pick<Agency, 'code' | 'parentCode'>;

/** The chain from a unit up to the top, the unit first. Stops at a unit already seen (a broken catalogue). */
export function ancestorsOf(code: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let current: string | null | undefined = code; current && !seen.has(current);) {
    chain.push(current);
    seen.add(current);
    current = parentOf.get(current);
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
 * the chain of the unit it is restated to.
 */
export function agencyRollup(agencies: readonly AgencyLink[], lineage: readonly Lineage[]): RollupPair[] {
  const parentOf = new Map(agencies.map((agency) => [agency.code, agency.parentCode]));
  const current = restateToCurrent(agencies, lineage);
  const pairs: RollupPair[] = [];
  for (const { code } of agencies) {
    for (const ancestorCode of ancestorsOf(code, parentOf)) {
      pairs.push({ structure: 'reported', ancestorCode, agencyCode: code });
    }
    for (const ancestorCode of ancestorsOf(current.get(code) ?? code, parentOf)) {
      pairs.push({ structure: 'current', ancestorCode, agencyCode: code });
    }
  }
  return pairs;
}

/** A chain of parents that loops back on itself, if the catalogue has one (first found), else null. */
export function findParentCycle(agencies: readonly AgencyLink[]): string[] | null {
  const parentOf = new Map(agencies.map((agency) => [agency.code, agency.parentCode]));
  for (const { code } of agencies) {
    const chain = ancestorsOf(code, parentOf);
    const last = chain[chain.length - 1];
    const parentOfLast = parentOf.get(last);
    if (parentOfLast && chain.includes(parentOfLast))
      return [...chain.slice(chain.indexOf(parentOfLast)), parentOfLast];
  }
  return null;
}
