import { OPEN_END } from '../catalogue-date';
import { agencyRollup, restateToCurrent } from '../agencies/agency-rollup';
import { Agency, Lineage } from '../agencies/agency.schema';
import { levelIntervals } from '../procedures/offering-intervals';
import { LevelChange, Offering, Procedure } from '../procedures/procedure.schema';

/** The whole catalogue as read from PostgreSQL at one revision. */
export interface CatalogueContents {
  agencies: Agency[];
  lineage: Lineage[];
  procedures: Procedure[];
  offerings: Offering[];
  levels: LevelChange[];
}

/** Rows for the ClickHouse mirror tables (column names as in migration 002), without the publication. */
export interface CatalogueSnapshot {
  agencies: {
    code: string;
    name: string;
    kind: string;
    parent_code: string | null;
    valid_from: string;
    valid_to: string;
    current_code: string;
  }[];
  rollup: {
    structure: 'reported' | 'current';
    ancestor_code: string;
    agency_code: string;
    distance: number;
  }[];
  procedures: { code: string; name: string; field: string; valid_to: string }[];
  offeringLevels: {
    procedure_code: string;
    agency_code: string;
    field: string;
    level: number;
    mode: string;
    portal: boolean;
    fee: boolean;
    valid_from: string;
    valid_to: string;
  }[];
}

/**
 * What ClickHouse needs to join levels as of a date and roll agencies up: the agency tree flattened into
 * (ancestor, unit) pairs for both structures, and each offering's levels as dated stretches that already
 * stop where the offering, its procedure or its agency ends.
 */
export function buildCatalogueSnapshot(contents: CatalogueContents): CatalogueSnapshot {
  const current = restateToCurrent(contents.agencies, contents.lineage);
  const procedures = new Map(contents.procedures.map((procedure) => [procedure.code, procedure]));
  const agencies = new Map(contents.agencies.map((agency) => [agency.code, agency]));
  const offerings = new Map(
    contents.offerings.map((offering) => [`${offering.procedureCode}\0${offering.agencyCode}`, offering]),
  );
  const levelsByOffering = new Map<string, LevelChange[]>();
  for (const level of contents.levels) {
    const key = `${level.procedureCode}\0${level.agencyCode}`;
    levelsByOffering.set(key, [...(levelsByOffering.get(key) ?? []), level]);
  }

  return {
    agencies: contents.agencies.map((agency) => ({
      code: agency.code,
      name: agency.name,
      kind: agency.kind,
      parent_code: agency.parentCode,
      valid_from: agency.validFrom,
      valid_to: agency.validTo ?? OPEN_END,
      current_code: current.get(agency.code) ?? agency.code,
    })),
    rollup: agencyRollup(contents.agencies, contents.lineage).map((pair) => ({
      structure: pair.structure,
      ancestor_code: pair.ancestorCode,
      agency_code: pair.agencyCode,
      distance: pair.distance,
    })),
    procedures: contents.procedures.map((procedure) => ({
      code: procedure.code,
      name: procedure.name,
      field: procedure.field,
      valid_to: procedure.validTo ?? OPEN_END,
    })),
    offeringLevels: [...levelsByOffering].flatMap(([key, levels]) => {
      const offering = offerings.get(key);
      const procedure = procedures.get(levels[0].procedureCode);
      if (!offering || !procedure) return [];
      const ends = [offering.validTo, procedure.validTo, agencies.get(offering.agencyCode)?.validTo ?? null];
      return levelIntervals({ ...offering, levels, ends }).map((interval) => ({
        procedure_code: interval.procedureCode,
        agency_code: interval.agencyCode,
        field: procedure.field,
        level: interval.level,
        mode: interval.mode,
        portal: interval.portal,
        fee: interval.fee,
        valid_from: interval.validFrom,
        valid_to: interval.validTo,
      }));
    }),
  };
}
