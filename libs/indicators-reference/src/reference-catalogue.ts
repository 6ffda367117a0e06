import { normaliseCode } from '@dvc/dossier-events';

export interface ReferenceCatalogue {
  agencies: { code: string; parentCode: string | null }[];
  lineage: { fromCode: string; toCode: string; effectiveDate: string }[];
  procedures: { code: string; field: string }[];
  /** dated spans of offering levels, both ends inclusive local days */
  levels: {
    procedureCode: string;
    agencyCode: string;
    level: number;
    portal: boolean;
    validFrom: string;
    validTo: string;
  }[];
}

export type AgencyStructure = 'reported' | 'current';

export interface OfferingSpan {
  procedureCode: string;
  agencyCode: string;
  level: number;
  portal: boolean;
  validFrom: string;
  validTo: string;
}

/** The catalogue with every code normalised, and the lookups the rules need. */
export interface CatalogueIndex {
  isKnownAgency(code: string): boolean;
  /** The unit and the units above it, in the chosen structure (see `agencyChain`). */
  chainOf(code: string, structure: AgencyStructure): readonly string[];
  fieldOf(procedureCode: string): string | null;
  offerings: readonly OfferingSpan[];
  offeringsOfProcedure(procedureCode: string): readonly OfferingSpan[];
}

/** For each unit with lineage links, the one it is restated to: latest effectiveDate, ties: lowest toCode. */
export function successorLinks(lineage: ReferenceCatalogue['lineage']): Map<string, string> {
  const best = new Map<string, { toCode: string; effectiveDate: string }>();
  for (const link of lineage) {
    const fromCode = normaliseCode(link.fromCode);
    const candidate = { toCode: normaliseCode(link.toCode), effectiveDate: link.effectiveDate };
    const current = best.get(fromCode);
    const wins =
      current === undefined ||
      candidate.effectiveDate > current.effectiveDate ||
      (candidate.effectiveDate === current.effectiveDate && candidate.toCode < current.toCode);
    if (wins) best.set(fromCode, candidate);
  }
  return new Map([...best].map(([fromCode, link]) => [fromCode, link.toCode]));
}

/** Follows successor links to today's unit; on a loop it stops before revisiting a unit. */
export function restatedCode(code: string, successors: ReadonlyMap<string, string>): string {
  const visited = new Set([code]);
  let current = code;
  for (let next = successors.get(current); next !== undefined && !visited.has(next);) {
    visited.add(next);
    current = next;
    next = successors.get(current);
  }
  return current;
}

/**
 * [restate(unit), restate(parent(previous)), ...] up to a unit without a (known) parent; a parent loop ends
 * the chain before repeating a unit. In the reported structure `restate` is the identity.
 */
export function agencyChain(
  code: string,
  parentOf: ReadonlyMap<string, string | null>,
  restate: (code: string) => string,
): string[] {
  const chain: string[] = [];
  for (let current: string | null = restate(code); current !== null && !chain.includes(current);) {
    chain.push(current);
    const parent: string | null = parentOf.get(current) ?? null;
    current = parent === null ? null : restate(parent);
  }
  return chain;
}

export function indexCatalogue(catalogue: ReferenceCatalogue): CatalogueIndex {
  const parentOf = new Map<string, string | null>();
  for (const agency of catalogue.agencies) {
    const code = normaliseCode(agency.code);
    // A code listed twice keeps its first row.
    if (!parentOf.has(code))
      parentOf.set(code, agency.parentCode === null ? null : normaliseCode(agency.parentCode));
  }
  const fieldByProcedure = new Map<string, string>();
  for (const procedure of catalogue.procedures) {
    const code = normaliseCode(procedure.code);
    if (!fieldByProcedure.has(code)) fieldByProcedure.set(code, procedure.field);
  }
  const offerings: OfferingSpan[] = catalogue.levels.map((span) => ({
    ...span,
    procedureCode: normaliseCode(span.procedureCode),
    agencyCode: normaliseCode(span.agencyCode),
  }));
  const offeringsByProcedure = new Map<string, OfferingSpan[]>();
  for (const offering of offerings) {
    const list = offeringsByProcedure.get(offering.procedureCode);
    if (list) list.push(offering);
    else offeringsByProcedure.set(offering.procedureCode, [offering]);
  }

  const successors = successorLinks(catalogue.lineage);
  const restate = (code: string) => restatedCode(code, successors);
  const chains: Record<AgencyStructure, Map<string, string[]>> = { reported: new Map(), current: new Map() };
  return {
    isKnownAgency: (code) => parentOf.has(code),
    chainOf(code, structure) {
      let chain = chains[structure].get(code);
      if (chain === undefined) {
        chain = agencyChain(code, parentOf, structure === 'current' ? restate : (unit) => unit);
        chains[structure].set(code, chain);
      }
      return chain;
    },
    fieldOf: (procedureCode) => fieldByProcedure.get(procedureCode) ?? null,
    offerings,
    offeringsOfProcedure: (procedureCode) => offeringsByProcedure.get(procedureCode) ?? [],
  };
}

/** Which units a query's agency covers, and under which of its children (or itself) each unit reports. */
export interface AgencyScope {
  includes(agencyCode: string): boolean;
  /** For a unit in scope: the group it falls in when grouping by agency. */
  groupKeyOf(agencyCode: string): string;
}

export function agencyScope(
  index: CatalogueIndex,
  agency: string | null,
  structure: AgencyStructure,
  subtree: boolean,
): AgencyScope {
  if (agency === null) {
    // Whole province: every unit, grouped under the top of its chain (an unknown code is its own top).
    return {
      includes: () => true,
      groupKeyOf: (code) => {
        const chain = index.chainOf(code, structure);
        return chain[chain.length - 1] ?? code;
      },
    };
  }
  if (!index.isKnownAgency(agency)) {
    // A code the catalogue does not know covers itself only, in either structure.
    return { includes: (code) => code === agency, groupKeyOf: () => agency };
  }
  return {
    includes: (code) => {
      const chain = index.chainOf(code, structure);
      return subtree ? chain.includes(agency) : chain[0] === agency;
    },
    groupKeyOf: (code) => {
      const chain = index.chainOf(code, structure);
      const position = chain.indexOf(agency);
      return position <= 0 ? agency : chain[position - 1];
    },
  };
}

export interface ProcedureInForce {
  level: number;
  portal: boolean;
}

const coversDay = (offering: OfferingSpan, day: string) =>
  offering.validFrom <= day && day <= offering.validTo;

/** Procedures with an offering in force on `day` among those selected: highest level, portal if any is. */
export function proceduresInForce(
  offerings: readonly OfferingSpan[],
  day: string,
  selects: (offering: OfferingSpan) => boolean,
): Map<string, ProcedureInForce> {
  const procedures = new Map<string, ProcedureInForce>();
  for (const offering of offerings) {
    if (!coversDay(offering, day) || !selects(offering)) continue;
    const current = procedures.get(offering.procedureCode);
    procedures.set(offering.procedureCode, {
      level: Math.max(current?.level ?? -Infinity, offering.level),
      portal: (current?.portal ?? false) || offering.portal,
    });
  }
  return procedures;
}

const highestLevelOf = (offerings: readonly OfferingSpan[]): number | null =>
  offerings.length === 0 ? null : Math.max(...offerings.map((offering) => offering.level));

/**
 * Highest level on the receipt day among the procedure's offerings at the receiving agency (exact code, in
 * either structure); failing that, among all its offerings that day; failing that, unknown (null).
 */
export function levelAtReceipt(
  index: CatalogueIndex,
  procedureCode: string,
  agencyCode: string,
  receiptDay: string,
): number | null {
  const inForce = index
    .offeringsOfProcedure(procedureCode)
    .filter((offering) => coversDay(offering, receiptDay));
  return (
    highestLevelOf(inForce.filter((offering) => offering.agencyCode === agencyCode)) ??
    highestLevelOf(inForce)
  );
}
