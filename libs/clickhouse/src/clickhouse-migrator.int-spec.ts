import { createTestClickHouse, TestClickHouse } from '@dvc/testing';
import { ClickHouseMigrator, MigrationChecksumError } from './clickhouse-migrator';
import { clickHouseMigrations } from './migrations';

describe('ClickHouseMigrator on chDB', () => {
  let clickhouse: TestClickHouse;

  beforeEach(async () => {
    clickhouse = await createTestClickHouse({ migrate: false });
  });
  afterEach(() => clickhouse.drop());

  const tables = async () => {
    const result = await clickhouse.client.query({
      query: `SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name`,
      query_params: { db: clickhouse.database },
      format: 'JSONEachRow',
    });
    return (await result.json<{ name: string }>()).map((row) => row.name);
  };

  it('creates the database and tables, and records what it applied', async () => {
    const migrator = new ClickHouseMigrator(clickhouse.client, clickhouse.database);
    const applied = await migrator.migrate(clickHouseMigrations);
    expect(applied.map((migration) => migration.version)).toEqual(clickHouseMigrations.map((m) => m.version));
    expect(await tables()).toEqual([
      'catalogue_agencies',
      'catalogue_agency_rollup',
      'catalogue_offering_levels',
      'catalogue_procedures',
      'catalogue_publications',
      'dossier_agency_day_counts',
      'dossier_correction_sets',
      'dossier_day_count_corrections',
      'dossier_day_counts',
      'dossier_event_facts',
      'dossier_event_facts_mv',
      'dossier_events',
      'dossier_fact_corrections',
      'dossier_snapshot',
      'dossier_snapshot_builds',
      'dossier_state',
      'dossier_state_mv',
      'dossier_touches',
      'dossier_touches_mv',
      'event_store_start',
      'event_store_start_mv',
      'late_arrivals',
      'late_arrivals_mv',
      'late_event_corrections',
      'late_event_counts',
      'late_event_firsts',
      'rejected_events',
      'schema_migrations',
    ]);
    const indexes = await clickhouse.client.query({
      query: `SELECT name, expr FROM system.data_skipping_indices WHERE database = {db:String} AND table = 'late_arrivals'`,
      query_params: { db: clickhouse.database },
      format: 'JSONEachRow',
    });
    expect(await indexes.json()).toEqual([{ name: 'ingested_at_range', expr: 'ingested_at' }]);
    expect(await migrator.applied()).toEqual(applied);
  });

  it('applies nothing the second time', async () => {
    const migrator = new ClickHouseMigrator(clickhouse.client, clickhouse.database);
    await migrator.migrate(clickHouseMigrations);
    expect(await migrator.migrate(clickHouseMigrations)).toEqual([]);
  });

  it('refuses to go on when an applied migration was edited', async () => {
    const migrator = new ClickHouseMigrator(clickhouse.client, clickhouse.database);
    await migrator.migrate(clickHouseMigrations);
    const edited = [{ ...clickHouseMigrations[0], statements: ['SELECT 1'] }];
    await expect(migrator.migrate(edited)).rejects.toThrow(MigrationChecksumError);
  });

  it('applies a later migration on top of the recorded ones', async () => {
    const migrator = new ClickHouseMigrator(clickhouse.client, clickhouse.database);
    await migrator.migrate(clickHouseMigrations);
    const next = {
      version: 999,
      name: 'extra',
      statements: ['CREATE TABLE {db}.extra (x UInt8) ENGINE = Memory'],
    };
    expect(await migrator.migrate([...clickHouseMigrations, next])).toEqual([
      expect.objectContaining({ version: 999, name: 'extra' }),
    ]);
    expect(await tables()).toContain('extra');
  });
});
