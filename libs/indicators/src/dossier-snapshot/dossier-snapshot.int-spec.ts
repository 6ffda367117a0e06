import { DOSSIER_EVENT_TABLES } from '@dvc/clickhouse';
import { AppConfig, parseAppConfig } from '@dvc/config';
import { dossierEventSchema } from '@dvc/dossier-events';
import { DossierEventRepository, toEventRow } from '@dvc/ingestion';
import { aReceived, aRefused, createTestClickHouse, TestClickHouse, WireEvent } from '@dvc/testing';
import { EngineQuery } from '../engine/engine-query';
import { IndicatorEngineRepository } from '../engine/indicator-engine.repository';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';
import { DossierSnapshotScheduler } from './dossier-snapshot.scheduler';

const march: EngineQuery = {
  buckets: [{ from: '2026-03-01', to: '2026-03-31' }],
  instants: ['2026-03-31 16:59:59.999'],
  agency: null,
  structure: 'reported',
  subtree: true,
  field: null,
  procedure: null,
  groupBy: null,
  asOf: null,
};

const at = (iso: string) => new Date(iso);

/**
 * The dossier snapshot's own contract; that indicators read through it exactly is the property test's
 * (indicator-engine.int-spec.ts, scenarios with `snapshotsAfter`).
 */
describe('the dossier snapshot (chDB)', () => {
  let clickhouse: TestClickHouse;
  let config: AppConfig;
  let snapshots: DossierSnapshotRepository;
  let engine: IndicatorEngineRepository;
  let events: DossierEventRepository;

  beforeAll(async () => {
    clickhouse = await createTestClickHouse();
    config = parseAppConfig(clickhouse.env);
    snapshots = new DossierSnapshotRepository(clickhouse.client, config);
    engine = new IndicatorEngineRepository(clickhouse.client, config);
    events = new DossierEventRepository(clickhouse.client, config);
  });
  afterAll(() => clickhouse.drop());
  beforeEach(async () => {
    for (const table of DOSSIER_EVENT_TABLES)
      await clickhouse.client.command({ query: `TRUNCATE TABLE ${clickhouse.database}.${table}` });
  });

  const ingest = (ingestedAt: string, ...wire: WireEvent[]) =>
    events.insert(
      wire.map((event) => toEventRow(dossierEventSchema.parse(event), { at: at(ingestedAt), via: 'http' })),
    );
  const scalar = async (sql: string) => {
    const result = await clickhouse.client.query({ query: sql, format: 'JSONEachRow' });
    const [row] = await result.json<{ value: string | number }>();
    return Number(row.value);
  };
  const snapshotRows = () => scalar(`SELECT count() AS value FROM ${clickhouse.database}.dossier_snapshot`);
  const onlineInMarch = async () => {
    const [row] = await engine.receipts(march, { channel: 'online', excludePostal: false, level: null });
    return { numerator: row?.numerator ?? 0, denominator: row?.denominator ?? 0 };
  };

  it('holds each received dossier once and records its watermark', async () => {
    await ingest(
      '2026-03-02T03:00:00Z',
      aReceived('HS-1', 'online'),
      aReceived('HS-2', 'direct'),
      aRefused('HS-3'),
    );
    await ingest('2026-03-02T04:00:00Z', aReceived('HS-1', 'online'));

    const build = await snapshots.rebuild(at('2026-03-02T05:00:00Z'));

    expect(build).toMatchObject({ watermark: at('2026-03-02T05:00:00Z'), dossiers: 2 });
    expect(await snapshotRows()).toBe(2);
    expect(await snapshots.latest()).toEqual(build);
  });

  it('is replaced whole by the next build, down to empty', async () => {
    await ingest('2026-03-02T03:00:00Z', aReceived('HS-1', 'online'), aReceived('HS-2', 'direct'));
    await snapshots.rebuild(at('2026-03-02T05:00:00Z'));
    await clickhouse.client.command({ query: `TRUNCATE TABLE ${clickhouse.database}.dossier_state` });

    const build = await snapshots.rebuild(at('2026-03-02T06:00:00Z'));

    expect(build.dossiers).toBe(0);
    expect(await snapshotRows()).toBe(0);
    expect((await snapshots.latest())?.watermark).toEqual(at('2026-03-02T06:00:00Z'));
  });

  it('is corrected at query time by what was ingested after its watermark', async () => {
    await ingest(
      '2026-03-02T03:00:00Z',
      aReceived('HS-1', 'online', { eventId: 'e1' }),
      aReceived('HS-2', 'online', { eventId: 'e2' }),
    );
    await snapshots.rebuild(at('2026-03-02T05:00:00Z'));
    expect(await onlineInMarch()).toEqual({ numerator: 2, denominator: 2 });

    // After the watermark: HS-1's receipt is corrected to a counter, HS-2 is refused, HS-4 arrives.
    await ingest(
      '2026-03-02T06:00:00Z',
      aReceived('HS-1', 'direct', { occurredAt: '2026-03-02T10:00:00+07:00' }),
      aRefused('HS-2', { occurredAt: '2026-03-02T10:00:00+07:00' }),
      aReceived('HS-4', 'online'),
    );

    expect(await onlineInMarch()).toEqual({ numerator: 1, denominator: 2 });
    // The snapshot itself still says what it said.
    expect(await snapshotRows()).toBe(2);
  });

  it('keeps the first arrival of each event with a late copy, so late events count from it and what came after', async () => {
    const onTime = aReceived('HS-1', 'online', { eventId: 'e1', occurredAt: '2026-03-31T10:00:00+07:00' });
    const late = aReceived('HS-2', 'online', { eventId: 'e2', occurredAt: '2026-03-31T15:00:00+07:00' });
    await ingest('2026-03-31T09:00:00Z', onTime);
    // Local April 1st: e2 arrives for the first time, e1 is delivered again.
    await ingest('2026-04-01T03:00:00Z', late, onTime);
    await snapshots.rebuild(at('2026-04-01T04:00:00Z'));

    const result = await clickhouse.client.query({
      query: `SELECT event_id, toString(occurred_date) AS occurred_date, toString(first_ingested_at) AS first,
                     dossier_received, agency_code
              FROM ${clickhouse.database}.late_event_firsts ORDER BY event_id`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([
      expect.objectContaining({
        event_id: 'e1',
        occurred_date: '2026-03-31',
        first: '2026-03-31 09:00:00.000',
      }),
      expect.objectContaining({
        event_id: 'e2',
        occurred_date: '2026-03-31',
        first: '2026-04-01 03:00:00.000',
      }),
    ]);
    expect(await engine.lateEvents(march)).toBe(1);

    // After the watermark: a March event of a new dossier arrives (looked up in full), and HS-2 is refused
    // (its dossier changed: no longer received, so its late event no longer counts).
    await ingest(
      '2026-04-02T03:00:00Z',
      aReceived('HS-3', 'online', { eventId: 'e3', occurredAt: '2026-03-30T09:00:00+07:00' }),
      aRefused('HS-2', { eventId: 'e4', occurredAt: '2026-04-02T09:00:00+07:00' }),
    );
    expect(await engine.lateEvents(march)).toBe(1);
    await snapshots.rebuild(at('2026-04-02T04:00:00Z'));
    expect(await engine.lateEvents(march)).toBe(1);
    expect(await engine.lateEvents({ ...march, buckets: [{ from: '2026-03-31', to: '2026-03-31' }] })).toBe(
      0,
    );
  });

  it('leaves one copy of each dossier and no build tables when two builds overlap', async () => {
    await ingest('2026-03-02T03:00:00Z', aReceived('HS-1', 'online'), aReceived('HS-2', 'direct'));

    await Promise.all([
      snapshots.rebuild(at('2026-03-02T05:00:00Z')),
      snapshots.rebuild(at('2026-03-02T05:00:01Z')),
    ]);

    expect(await snapshotRows()).toBe(2);
    expect(
      await scalar(
        `SELECT count() AS value FROM system.tables
         WHERE database = '${clickhouse.database}' AND (name LIKE 'dossier_snapshot_build\\_%' OR name LIKE 'late_event_firsts_build\\_%')`,
      ),
    ).toBe(0);
  });

  it('is rebuilt by the scheduler one build at a time, with its margin behind now', async () => {
    await ingest('2026-03-02T03:00:00Z', aReceived('HS-1', 'online'));
    const scheduler = new DossierSnapshotScheduler(snapshots, {
      ...config,
      DOSSIER_SNAPSHOT_MARGIN_SECONDS: 600,
    });

    const before = Date.now();
    await Promise.all([scheduler.rebuild(), scheduler.rebuild()]);

    expect(await scalar(`SELECT count() AS value FROM ${clickhouse.database}.dossier_snapshot_builds`)).toBe(
      1,
    );
    const watermark = (await snapshots.latest())?.watermark.getTime() ?? 0;
    expect(watermark).toBeGreaterThanOrEqual(before - 600_000);
    expect(watermark).toBeLessThanOrEqual(Date.now() - 600_000);
  });
});
