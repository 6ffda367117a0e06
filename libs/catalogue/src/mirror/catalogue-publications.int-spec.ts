import { parseAppConfig } from '@dvc/config';
import { pinnedPublication } from '@dvc/indicators';
import { createTestClickHouse, TestClickHouse } from '@dvc/testing';
import { CataloguePublicationsRepository } from './catalogue-publications.repository';
import { buildCatalogueSnapshot, CatalogueContents } from './catalogue-snapshot';

const contents = (agencyName: string): CatalogueContents => ({
  agencies: [
    {
      code: 'P',
      name: agencyName,
      kind: 'province',
      parentCode: null,
      validFrom: '2020-01-01',
      validTo: null,
    },
    { code: 'S', name: 'Sở', kind: 'department', parentCode: 'P', validFrom: '2020-01-01', validTo: null },
  ],
  lineage: [],
  procedures: [{ code: '1.000001', name: 'Thủ tục', field: 'Tư pháp', validTo: null }],
  offerings: [{ procedureCode: '1.000001', agencyCode: 'S', validTo: null }],
  levels: [
    {
      procedureCode: '1.000001',
      agencyCode: 'S',
      effectiveFrom: '2024-01-01',
      level: 3,
      mode: 'partial',
      portal: false,
      fee: false,
    },
  ],
});

describe('catalogue publications in chDB', () => {
  let clickhouse: TestClickHouse;
  let publications: CataloguePublicationsRepository;

  beforeEach(async () => {
    clickhouse = await createTestClickHouse();
    publications = new CataloguePublicationsRepository(clickhouse.client, parseAppConfig(clickhouse.env));
  });
  afterEach(() => clickhouse.drop());

  const rows = async (query: string) => {
    const result = await clickhouse.client.query({
      query: query.replaceAll('{db}', clickhouse.database),
      format: 'JSONEachRow',
    });
    return result.json<Record<string, unknown>>();
  };

  it('publishes whole copies, keeps the latest two, and readers pinning the latest see one version', async () => {
    expect(await publications.latest()).toBeNull();
    const first = await publications.publish(buildCatalogueSnapshot(contents('v1')), 1);
    const second = await publications.publish(buildCatalogueSnapshot(contents('v2')), 2);
    const third = await publications.publish(buildCatalogueSnapshot(contents('v3')), 5);
    expect(first < second && second < third).toBe(true);
    expect(await publications.latest()).toEqual({ publication: third, pgRevision: 5 });

    for (const table of [
      'catalogue_agencies',
      'catalogue_agency_rollup',
      'catalogue_procedures',
      'catalogue_offering_levels',
    ]) {
      const kept = await rows(`SELECT DISTINCT publication FROM {db}.${table} ORDER BY publication`);
      expect(kept.map((row) => Number(row.publication))).toEqual([second, third]);
    }
    const latestNames = await rows(
      `${pinnedPublication('{db}')}
       SELECT name FROM {db}.catalogue_agencies WHERE publication = publication_in_use AND code = 'P'`,
    );
    expect(latestNames).toEqual([{ name: 'v3' }]);
    const levels = await rows(
      `SELECT agency_code, level, valid_from, valid_to FROM {db}.catalogue_offering_levels WHERE publication = ${third}`,
    );
    expect(levels).toEqual([
      { agency_code: 'S', level: 3, valid_from: '2024-01-01', valid_to: '2149-06-06' },
    ]);
  });

  it('never lets a copy of an older revision go live, whatever its publication number', async () => {
    // Two replicas: one read revision 7 and published it; the other read revision 6 earlier but finishes later.
    const newer = await publications.publish(buildCatalogueSnapshot(contents('rev 7')), 7);
    expect(await publications.publish(buildCatalogueSnapshot(contents('rev 6')), 6)).toBe(newer);
    // Even if a stale copy's row got in (an older build, a race), readers pin the newest revision.
    await clickhouse.client.insert({
      table: `${clickhouse.database}.catalogue_publications`,
      values: [{ publication: newer + 1000, pg_revision: 6, published_at: '2026-01-01 00:00:00.000' }],
      format: 'JSONEachRow',
    });
    expect(await publications.latest()).toEqual({ publication: newer, pgRevision: 7 });
    const pinned = await rows(`${pinnedPublication('{db}')} SELECT toString(publication_in_use) AS pinned`);
    expect(pinned).toEqual([{ pinned: String(newer) }]);
  });

  it('publishes an empty catalogue too, so every code reads as unknown', async () => {
    const empty = { agencies: [], lineage: [], procedures: [], offerings: [], levels: [] };
    const publication = await publications.publish(buildCatalogueSnapshot(empty), 1);
    expect(await publications.latest()).toEqual({ publication, pgRevision: 1 });
    expect(await rows('SELECT toString(count()) AS n FROM {db}.catalogue_agencies')).toEqual([{ n: '0' }]);
  });
});
