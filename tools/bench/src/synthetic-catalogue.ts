import { ClickHouseClient } from '@clickhouse/client';
import { buildCatalogueSnapshot, CataloguePublicationsRepository } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import { syntheticCatalogue, SyntheticCatalogue, syntheticProvince } from '@dvc/synthetic-province';

/**
 * Publishes the synthetic province's catalogue (3-level tree, 150 procedures with level histories) into
 * ClickHouse as the mirror does, so agency scopes go through the subtree rollup and procedure indicators
 * through the dated levels.
 */
export async function publishSyntheticCatalogue(
  client: ClickHouseClient,
  config: AppConfig,
  seed: number,
  year: number,
): Promise<SyntheticCatalogue> {
  const catalogue = syntheticCatalogue(syntheticProvince(seed), seed, `${year}-12-31`);
  await new CataloguePublicationsRepository(client, config).publish(
    buildCatalogueSnapshot({
      agencies: catalogue.agencies.map((agency) => ({ parentCode: null, validTo: null, ...agency })),
      lineage: [],
      procedures: catalogue.procedures.map((procedure) => ({ validTo: null, ...procedure })),
      offerings: catalogue.levels.map(({ procedureCode, agencyCode }) => ({
        procedureCode,
        agencyCode,
        validTo: null,
      })),
      levels: catalogue.levels,
    }),
    1,
  );
  return catalogue;
}

/** The agency and every unit under it in the catalogue: the IN list an OLTP report scopes by. */
export function subtreeCodes(catalogue: SyntheticCatalogue, code: string): string[] {
  const parentOf = new Map(catalogue.agencies.map((agency) => [agency.code, agency.parentCode ?? null]));
  const under = (unit: string): boolean => {
    for (let at: string | null = unit; at !== null; at = parentOf.get(at) ?? null)
      if (at === code) return true;
    return false;
  };
  return catalogue.agencies.map((agency) => agency.code).filter(under);
}
