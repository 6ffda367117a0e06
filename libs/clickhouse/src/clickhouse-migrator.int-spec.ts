import { createHash } from 'node:crypto';
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

  it('bounds the derived tables (migration 15): correction sets expire in 20 minutes, merged parts go in a minute', async () => {
    await new ClickHouseMigrator(clickhouse.client, clickhouse.database).migrate(clickHouseMigrations);
    const result = await clickhouse.client.query({
      query: `SELECT name, engine_full FROM system.tables WHERE database = {db:String} AND name IN {names:Array(String)}
              ORDER BY name`,
      query_params: {
        db: clickhouse.database,
        names: [
          'dossier_correction_sets',
          'dossier_fact_corrections',
          'dossier_day_count_corrections',
          'late_event_corrections',
          'dossier_snapshot',
          'late_event_firsts',
          'dossier_day_counts',
          'dossier_agency_day_counts',
          'late_event_counts',
        ],
      },
      format: 'JSONEachRow',
    });
    const tables = await result.json<{ name: string; engine_full: string }>();
    expect(tables).toHaveLength(9);
    for (const { name, engine_full } of tables) {
      expect(engine_full).toContain('old_parts_lifetime = 60');
      if (name.endsWith('_corrections') || name === 'dossier_correction_sets') {
        expect(engine_full).toContain('TTL created_at + toIntervalMinute(20)');
        expect(engine_full).toContain('merge_with_ttl_timeout = 300');
      } else {
        expect(engine_full).not.toContain('TTL');
      }
    }
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

  it('redacts the payloads rows kept before migration 14: contract fields and a hash, no personal data', async () => {
    const migrator = new ClickHouseMigrator(clickhouse.client, clickhouse.database);
    await migrator.migrate(clickHouseMigrations.filter((migration) => migration.version < 14));
    const whole = JSON.stringify({
      eventId: 'e-1',
      source: 'mot-cua-h12',
      type: 'received',
      channel: 'fax',
      statusCode: 2,
      agencyCode: '000.00.30.H12',
      applicantName: 'Nguyễn Văn An',
      phone: '0912345678',
      dossierCode: { cccd: '001203004567' },
    });
    const cut = `{"eventId":"e-2","note":"Nguyễn Văn An 0912345678 ${'x'.repeat(4000)}`;
    const row = (id: string, payload: string, bytes: number, eventId: string | null) => ({
      // Recent: rows older than 180 days go at the first merge (TTL).
      rejected_at: new Date().toISOString().replace('T', ' ').replace('Z', ''),
      rejection_id: id,
      via: 'http',
      step: 'validate',
      reason: 'schema_violation',
      errors: ['channel: Invalid option'],
      event_id: eventId,
      source: null,
      agency_code: '',
      kafka_topic: null,
      kafka_partition: null,
      kafka_offset: null,
      payload,
      payload_bytes: bytes,
    });
    await clickhouse.client.insert({
      table: `${clickhouse.database}.rejected_events`,
      values: [
        row('http:1', whole, Buffer.byteLength(whole), 'e-1'),
        row('http:2', cut, Buffer.byteLength(cut) + 900, 'Nguyễn Văn An 0912345678 '.repeat(6)),
      ],
      format: 'JSONEachRow',
    });

    await migrator.migrate(clickHouseMigrations);
    const result = await clickhouse.client.query({
      query: `SELECT * FROM ${clickhouse.database}.rejected_events ORDER BY rejection_id`,
      format: 'JSONEachRow',
    });
    const rows = await result.json<Record<string, unknown>>();
    expect(rows.map((stored) => Object.keys(stored))[0]).not.toContain('payload');
    expect(rows).toEqual([
      expect.objectContaining({
        rejection_id: 'http:1',
        errors: ['channel: Invalid option'],
        event_id: 'e-1',
        contract_fields: expect.any(String),
        payload_sha256: createHash('sha256').update(whole).digest('hex'),
      }),
      expect.objectContaining({
        rejection_id: 'http:2',
        event_id: null,
        contract_fields: '{}',
        payload_sha256: '',
      }),
    ]);
    expect(JSON.parse(rows[0].contract_fields as string)).toEqual({
      eventId: 'e-1',
      source: 'mot-cua-h12',
      type: 'received',
      statusCode: 2,
      agencyCode: '000.00.30.H12',
    });
    for (const personal of ['Nguyễn', '0912345678', '001203004567'])
      expect(JSON.stringify(rows)).not.toContain(personal);
  });
});
