import { Injectable } from '@nestjs/common';
import { buildCatalogueSnapshot, CatalogueReader } from '@dvc/catalogue';
import { OfferedProcedures } from './procedures-by-level';

/**
 * The catalogue's offerings as dated level stretches and its agency roll-up, read from PostgreSQL in one
 * snapshot and cut the way the ClickHouse mirror cuts them (so the counts agree with the procedure indicators).
 */
@Injectable()
export class OfferedProceduresRepository {
  constructor(private readonly reader: CatalogueReader) {}

  async read(): Promise<OfferedProcedures> {
    const { contents } = await this.reader.readAll();
    const snapshot = buildCatalogueSnapshot(contents);
    return {
      agencyCodes: contents.agencies.map((agency) => agency.code),
      rollup: snapshot.rollup.map((pair) => ({
        structure: pair.structure,
        ancestorCode: pair.ancestor_code,
        agencyCode: pair.agency_code,
        distance: pair.distance,
      })),
      levels: snapshot.offeringLevels.map((stretch) => ({
        procedureCode: stretch.procedure_code,
        agencyCode: stretch.agency_code,
        level: stretch.level,
        mode: stretch.mode as OfferedProcedures['levels'][number]['mode'],
        validFrom: stretch.valid_from,
        validTo: stretch.valid_to,
      })),
    };
  }
}
