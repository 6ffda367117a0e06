import { DOSSIER_EVENT_TABLES } from '@dvc/clickhouse';
import { AppConfig, parseAppConfig } from '@dvc/config';
import { dossierEventSchema } from '@dvc/dossier-events';
import { DossierEventRepository, toEventRow } from '@dvc/ingestion';
import { anEvent, aReceived, aRefused, createTestClickHouse, TestClickHouse, WireEvent } from '@dvc/testing';
import { MetricsRegistry } from '@dvc/observability';
import { EngineQuery } from '../engine/engine-query';
import { IndicatorEngineRepository } from '../engine/indicator-engine.repository';
import { anchoredCountsStatement } from '../indicators/anchored-counts.statement';
import { receiptsStatement } from '../indicators/dossiers-online.indicator';
import { onTimeStatement } from '../indicators/dossiers-on-time.indicator';
import { openStatement } from '../indicators/dossiers-open.indicator';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';
import { CorrectionSetScheduler } from './correction-set.scheduler';
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
  const latestBuild = () =>
    `(SELECT build_id FROM ${clickhouse.database}.dossier_snapshot_builds ORDER BY watermark DESC LIMIT 1)`;
  const snapshotRows = () =>
    scalar(
      `SELECT count() AS value FROM ${clickhouse.database}.dossier_snapshot WHERE build_id = ${latestBuild()}`,
    );
  const buildsIn = async (table: string) => {
    const result = await clickhouse.client.query({
      query: `SELECT DISTINCT toString(build_id) AS build_id FROM ${clickhouse.database}.${table}`,
      format: 'JSONEachRow',
    });
    return (await result.json<{ build_id: string }>()).map((row) => row.build_id).sort();
  };
  /** Received 03-02, due 03-05, resolved late on 03-10. */
  const resolvedLate = (dossierCode: string) => [
    aReceived(dossierCode, 'direct', {
      occurredAt: '2026-03-02T09:00:00+07:00',
      dueAt: '2026-03-05T17:00:00+07:00',
    }),
    anEvent('resolved', dossierCode, { occurredAt: '2026-03-10T09:00:00+07:00' }),
  ];
  const onlineInMarch = async () => {
    const [row] = await engine.counts(
      march,
      receiptsStatement({ channel: 'online', excludePostal: false, level: null }),
    );
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

  it('makes one correction set for the changes since the watermark, reused by every query until more arrive', async () => {
    const db = clickhouse.database;
    const sets = () => scalar(`SELECT count() AS value FROM ${db}.dossier_correction_sets`);
    const factRowsPerSet = async () => {
      const result = await clickhouse.client.query({
        query: `SELECT count() AS value FROM ${db}.dossier_fact_corrections GROUP BY set_id ORDER BY min(created_at), value`,
        format: 'JSONEachRow',
      });
      return (await result.json<{ value: string }>()).map((row) => Number(row.value));
    };
    await ingest(
      '2026-03-02T03:00:00Z',
      aReceived('HS-1', 'online', { eventId: 'e1' }),
      aReceived('HS-2', 'direct', { eventId: 'e2' }),
    );
    await snapshots.rebuild(at('2026-03-02T05:00:00Z'));

    // Nothing ingested since the watermark: no set.
    expect(await onlineInMarch()).toEqual({ numerator: 1, denominator: 2 });
    expect(await sets()).toBe(0);

    // HS-2's receipt corrected to online: queries at once wait for one set, later ones pick it.
    await ingest(
      '2026-03-02T06:00:00Z',
      aReceived('HS-2', 'online', { eventId: 'e3', occurredAt: '2026-03-02T10:00:00+07:00' }),
    );
    expect(await Promise.all([onlineInMarch(), onlineInMarch()])).toEqual([
      { numerator: 2, denominator: 2 },
      { numerator: 2, denominator: 2 },
    ]);
    expect(await onlineInMarch()).toEqual({ numerator: 2, denominator: 2 });
    expect(await sets()).toBe(1);
    // HS-2 as the snapshot has it (-1) and as it is now (+1).
    expect(await factRowsPerSet()).toEqual([2]);

    // A copy of HS-1's receipt changes nothing: the next set nets it out and holds HS-2's change only.
    await ingest('2026-03-02T07:00:00Z', aReceived('HS-1', 'online', { eventId: 'e1' }));
    expect(await onlineInMarch()).toEqual({ numerator: 2, denominator: 2 });
    expect(await sets()).toBe(2);
    expect(await factRowsPerSet()).toEqual([2, 2]);

    // A set older than ten minutes is not picked (its rows are still there: they expire at 20): the changes get a
    // new one.
    await clickhouse.client.command({
      query: `ALTER TABLE ${db}.dossier_correction_sets UPDATE created_at = now() - INTERVAL 15 MINUTE WHERE true
              SETTINGS mutations_sync = 2`,
    });
    expect(await onlineInMarch()).toEqual({ numerator: 2, denominator: 2 });
    expect(await sets()).toBe(3);

    // The next build holds every change: no set until more arrive.
    await snapshots.rebuild(at('2026-03-02T08:00:00Z'));
    expect(await onlineInMarch()).toEqual({ numerator: 2, denominator: 2 });
    expect(await sets()).toBe(3);
  });

  it('makes a set from the one before: keeps its rows of the dossiers untouched since, folds the touched afresh', async () => {
    const db = clickhouse.database;
    const sets = () => scalar(`SELECT count() AS value FROM ${db}.dossier_correction_sets`);
    await ingest(
      '2026-03-02T03:00:00Z',
      aReceived('HS-1', 'online', { eventId: 'e1' }),
      aReceived('HS-2', 'direct', { eventId: 'e2' }),
      aReceived('HS-3', 'direct', { eventId: 'e3' }),
    );
    await snapshots.rebuild(at('2026-03-02T05:00:00Z'));
    await ingest(
      '2026-03-02T06:00:00Z',
      aReceived('HS-2', 'online', { eventId: 'e4', occurredAt: '2026-03-02T10:00:00+07:00' }),
    );
    await ingest('2026-03-02T06:10:00Z', aReceived('HS-4', 'direct', { eventId: 'e7' }));
    expect(await onlineInMarch()).toEqual({ numerator: 2, denominator: 4 });
    expect(await sets()).toBe(1);
    // Mark the first set's row of HS-2 (as it is now) as if it were postal: a set made from this one keeps it,
    // and its day counts, made from its rows, show it (this set's own were made before the mark).
    await clickhouse.client.command({
      query: `ALTER TABLE ${db}.dossier_fact_corrections UPDATE channel = 'postal'
              WHERE dossier_code = 'HS-2' AND weight = 1 SETTINGS mutations_sync = 2`,
    });

    // HS-3 corrected to online an hour later, and a correction of HS-1 stamped 10 s before the first set's latest
    // change (06:10) but written after it (a write in flight): both folded afresh, HS-2's row kept from the first
    // set (it changed at 06:00, before the margin).
    await ingest(
      '2026-03-02T06:09:50Z',
      aReceived('HS-1', 'direct', { eventId: 'e5', occurredAt: '2026-03-02T10:00:00+07:00' }),
    );
    await ingest(
      '2026-03-02T07:00:00Z',
      aReceived('HS-3', 'online', { eventId: 'e6', occurredAt: '2026-03-02T10:00:00+07:00' }),
    );
    expect(await onlineInMarch()).toEqual({ numerator: 1, denominator: 4 });
    expect(await sets()).toBe(2);

    // HS-2 touched again: folded afresh, the mark is gone and every figure is exact.
    await ingest('2026-03-02T08:00:00Z', aReceived('HS-2', 'online', { eventId: 'e4' }));
    expect(await onlineInMarch()).toEqual({ numerator: 2, denominator: 4 });
    expect(await sets()).toBe(3);
  });

  /** Every figure of March the engine reads through `snapshot` (or, with asOf, from the raw events). */
  const marchFigures = async (read: EngineQuery) => ({
    online: await engine.counts(
      read,
      receiptsStatement({ channel: 'online', excludePostal: false, level: null }),
    ),
    onTime: await engine.counts(read, onTimeStatement),
    open: await engine.counts({ ...read, instants: ['2026-03-20 05:00:00.000'] }, openStatement),
    late: await engine.lateEvents(read),
  });
  const asOfMarch = (asOf: string) => marchFigures({ ...march, asOf });

  it('cuts a correction set at the latest ingestion it is made for, whatever arrived since', async () => {
    await ingest(
      '2026-03-02T03:00:00Z',
      aReceived('HS-1', 'online', { eventId: 'e1', dueAt: '2026-03-06T17:00:00+07:00' }),
      aReceived('HS-2', 'online', { eventId: 'e2', dueAt: '2026-03-06T17:00:00+07:00' }),
    );
    await snapshots.rebuild(at('2026-03-02T05:00:00Z'));
    const [build] = await (
      await clickhouse.client.query({
        query: `SELECT toString(build_id) AS id, toString(watermark) AS watermark
                FROM ${clickhouse.database}.dossier_snapshot_builds`,
        format: 'JSONEachRow',
      })
    ).json<{ id: string; watermark: string }>();
    // By the cut: HS-1's receipt corrected to a counter and resolved on time, HS-3 received late for March.
    await ingest(
      '2026-04-02T03:00:00Z',
      aReceived('HS-1', 'direct', { eventId: 'e3', occurredAt: '2026-03-02T10:00:00+07:00' }),
      anEvent('resolved', 'HS-1', { eventId: 'e4', occurredAt: '2026-03-05T10:00:00+07:00' }),
      aReceived('HS-3', 'online', { eventId: 'e5', occurredAt: '2026-03-10T10:00:00+07:00' }),
    );
    // After the cut, visible while the set is made: HS-2 refused, HS-1 paid, HS-3 resolved late, HS-4 received
    // late, and a late copy of HS-3's receipt.
    await ingest(
      '2026-04-03T03:00:00Z',
      aRefused('HS-2', { eventId: 'e6', occurredAt: '2026-03-02T11:00:00+07:00' }),
      anEvent('resolved', 'HS-3', { eventId: 'e7', occurredAt: '2026-03-25T10:00:00+07:00' }),
      aReceived('HS-4', 'postal', { eventId: 'e8', occurredAt: '2026-03-11T10:00:00+07:00' }),
      aReceived('HS-3', 'online', { eventId: 'e5', occurredAt: '2026-03-10T10:00:00+07:00' }),
    );
    const cut = '2026-04-02 03:00:00.000';
    const set = await engine.makeCorrectionSet(build, { touches: '3', touched_until: cut }, 'cut');
    const fromSet = await marchFigures({ ...march, snapshot: { ...build, corrections: set } });

    const atCut = await asOfMarch(cut);
    expect(fromSet).toEqual(atCut);
    expect(atCut.online).toMatchObject([{ numerator: 2, denominator: 3 }]);
    expect(atCut.late).toBe(3);
    // Guards: what came after the cut moves every figure.
    expect(await marchFigures({ ...march, snapshot: null })).not.toMatchObject({
      online: atCut.online,
      onTime: atCut.onTime,
      open: atCut.open,
    });
    expect((await marchFigures({ ...march, snapshot: null })).late).toBe(5);
  });

  it('reads a set prepared within maxLag instead of the changes as they stand, and makes one if none is', async () => {
    const db = clickhouse.database;
    const sets = () => scalar(`SELECT count() AS value FROM ${db}.dossier_correction_sets`);
    const registry = new MetricsRegistry();
    const prepared = new CorrectionSetScheduler(engine, config, registry);
    const outcomes = async () =>
      Object.fromEntries(
        (await registry.getSingleMetric('dvc_correction_set_prepare_seconds')!.get()).values
          .filter(
            (value) =>
              (value as { metricName?: string }).metricName === 'dvc_correction_set_prepare_seconds_count',
          )
          .map((value) => [value.labels.outcome, value.value]),
      );
    await ingest('2026-03-02T03:00:00Z', aReceived('HS-1', 'online', { eventId: 'e1' }));
    await snapshots.rebuild(at('2026-03-02T05:00:00Z'));
    await prepared.prepare();
    expect(await sets()).toBe(0);

    await ingest('2026-03-02T06:00:00Z', aReceived('HS-2', 'online', { eventId: 'e2' }));
    await Promise.all([prepared.prepare(), prepared.prepare()]);
    expect(await sets()).toBe(1);
    await prepared.prepare();
    expect(await sets()).toBe(1);
    expect(await scalar(`SELECT countIf(cut) AS value FROM ${db}.dossier_correction_sets`)).toBe(1);
    // Two at once are one preparation.
    expect(await outcomes()).toEqual({ none: 1, made: 1, ready: 1 });
    await ingest('2026-03-02T07:00:00Z', aReceived('HS-3', 'direct', { eventId: 'e3' }));

    const live = await engine.latestBuild({ maxLagSeconds: 60 });
    expect(live?.preparedUntil).toBe('2026-03-02 06:00:00.000');
    expect(await sets()).toBe(1);
    const figures = await marchFigures({ ...march, snapshot: live });
    expect(figures).toEqual(await asOfMarch('2026-03-02 06:00:00.000'));
    expect(figures.online).toMatchObject([{ numerator: 2, denominator: 2 }]);
    // Without maxLag, the changes as they stand.
    const now = await engine.latestBuild();
    expect(now?.preparedUntil).toBeUndefined();
    expect(await marchFigures({ ...march, snapshot: now })).toMatchObject({
      online: [{ numerator: 2, denominator: 3 }],
    });
    // That query's own set holds HS-3 too, but is not cut at a moment: maxLag still reads the prepared one.
    expect(await sets()).toBe(2);
    expect((await engine.latestBuild({ maxLagSeconds: 60 }))?.preparedUntil).toBe('2026-03-02 06:00:00.000');

    // None prepared for the next build within the lag: the query makes one for the changes as they stand.
    await clickhouse.client.command({
      query: `ALTER TABLE ${db}.dossier_correction_sets UPDATE created_at = now() - INTERVAL 2 MINUTE WHERE true
              SETTINGS mutations_sync = 2`,
    });
    const unprepared = await engine.latestBuild({ maxLagSeconds: 60 });
    expect(unprepared?.preparedUntil).toBeUndefined();
    expect(await marchFigures({ ...march, snapshot: unprepared })).toMatchObject({
      online: [{ numerator: 2, denominator: 3 }],
    });
    // Nor one older than ten minutes, whatever the lag: its rows expire from 20 minutes on (migration 015).
    await clickhouse.client.command({
      query: `ALTER TABLE ${db}.dossier_correction_sets UPDATE created_at = now() - INTERVAL 15 MINUTE WHERE true
              SETTINGS mutations_sync = 2`,
    });
    const stale = await engine.latestBuild({ maxLagSeconds: 3600 });
    expect(stale?.preparedUntil).toBeUndefined();
    expect(await marchFigures({ ...march, snapshot: stale })).toMatchObject({
      online: [{ numerator: 2, denominator: 3 }],
    });
    await snapshots.rebuild(at('2026-03-02T06:30:00Z'));
    await ingest('2026-03-02T08:00:00Z', aReceived('HS-4', 'online', { eventId: 'e4' }));
    const rebuilt = await engine.latestBuild({ maxLagSeconds: 3600 });
    expect(rebuilt?.preparedUntil).toBeUndefined();
    expect(await marchFigures({ ...march, snapshot: rebuilt })).toMatchObject({
      online: [{ numerator: 3, denominator: 4 }],
    });
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
              FROM ${clickhouse.database}.late_event_firsts WHERE build_id = ${latestBuild()} ORDER BY event_id`,
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

    // After the watermark: a March event of a new dossier arrives (looked up in full: its late copy is the only
    // one after the watermark), then HS-2 is refused (its dossier changed: no longer received, so its late event
    // no longer counts).
    await ingest(
      '2026-04-02T03:00:00Z',
      aReceived('HS-3', 'online', { eventId: 'e3', occurredAt: '2026-03-30T09:00:00+07:00' }),
    );
    expect(await engine.lateEvents(march)).toBe(2);
    await ingest(
      '2026-04-02T03:00:01Z',
      aRefused('HS-2', { eventId: 'e4', occurredAt: '2026-04-02T09:00:00+07:00' }),
    );
    expect(await engine.lateEvents(march)).toBe(1);
    await snapshots.rebuild(at('2026-04-02T04:00:00Z'));
    expect(await engine.lateEvents(march)).toBe(1);
    expect(await engine.lateEvents({ ...march, buckets: [{ from: '2026-03-31', to: '2026-03-31' }] })).toBe(
      0,
    );

    // After that watermark, an event on time only: HS-3 refused. Its late copy is in the build alone, and its
    // late event stops counting all the same.
    await ingest(
      '2026-04-03T03:00:00Z',
      aRefused('HS-3', { eventId: 'e5', occurredAt: '2026-04-03T09:00:00+07:00' }),
    );
    expect(await engine.lateEvents(march)).toBe(0);
  });

  it('keeps builds apart when two overlap: each holds every dossier once', async () => {
    await ingest('2026-03-02T03:00:00Z', aReceived('HS-1', 'online'), aReceived('HS-2', 'direct'));

    await Promise.all([
      snapshots.rebuild(at('2026-03-02T05:00:00Z')),
      snapshots.rebuild(at('2026-03-02T05:00:01Z')),
    ]);

    expect(await snapshotRows()).toBe(2);
    expect(
      await scalar(
        `SELECT max(rows) AS value FROM (SELECT build_id, count() AS rows FROM ${clickhouse.database}.dossier_snapshot GROUP BY build_id)`,
      ),
    ).toBe(2);
    expect(await onlineInMarch()).toEqual({ numerator: 1, denominator: 2 });
  });

  it('keeps the latest three builds in every build table and drops the ones before', async () => {
    await ingest('2026-03-02T03:00:00Z', aReceived('HS-1', 'online'));
    await ingest(
      '2026-03-03T03:00:00Z',
      aReceived('HS-2', 'online', { occurredAt: '2026-03-01T10:00:00+07:00' }),
    );
    for (const hour of ['05', '06', '07', '08']) await snapshots.rebuild(at(`2026-03-03T${hour}:00:00Z`));

    const recorded = await clickhouse.client.query({
      query: `SELECT toString(build_id) AS build_id FROM ${clickhouse.database}.dossier_snapshot_builds
              ORDER BY watermark DESC LIMIT 3`,
      format: 'JSONEachRow',
    });
    const kept = (await recorded.json<{ build_id: string }>()).map((row) => row.build_id).sort();
    for (const table of [
      'dossier_snapshot',
      'late_event_firsts',
      'dossier_day_counts',
      'dossier_agency_day_counts',
      'late_event_counts',
    ]) {
      expect({ table, builds: await buildsIn(table) }).toEqual({ table, builds: kept });
    }
  });

  it('counts each build per anchor day, agency, procedure and class', async () => {
    await ingest(
      '2026-03-02T03:00:00Z',
      aReceived('HS-1', 'online', { occurredAt: '2026-03-02T09:00:00+07:00' }),
      aReceived('HS-2', 'online', { occurredAt: '2026-03-02T23:30:00+07:00' }),
      aReceived('HS-3', 'postal', { occurredAt: '2026-03-02T10:00:00+07:00' }),
      aRefused('HS-4'),
    );
    await snapshots.rebuild(at('2026-03-03T05:00:00Z'));

    const result = await clickhouse.client.query({
      query: `SELECT toString(day) AS day, class, toUInt32(dossiers) AS dossiers
              FROM ${clickhouse.database}.dossier_day_counts
              WHERE build_id = ${latestBuild()} AND anchor = 'received' ORDER BY day, class`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([
      { day: '2026-03-02', class: 'online', dossiers: 2 },
      { day: '2026-03-02', class: 'postal', dossiers: 1 },
    ]);
  });

  it('counts a dossier open past due at the end of each day from the day after its due day to the day before its resolution', async () => {
    await ingest('2026-03-02T03:00:00Z', ...resolvedLate('HS-1'));
    const days = ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'];
    const byDay = { ...march, buckets: days.map((day) => ({ from: day, to: day })) };
    const split = async () =>
      (await engine.counts(byDay, onTimeStatement))
        .sort((a, b) => a.bucket - b.bucket)
        .map(({ bucket, breakdown }) => ({
          day: days[bucket - 1],
          late: breakdown.late,
          overdueOpen: breakdown.overdueOpen,
        }));
    const expected = [
      ...['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map((day) => ({
        day,
        late: 0,
        overdueOpen: 1,
      })),
      { day: '2026-03-10', late: 1, overdueOpen: 0 },
    ];

    expect(await split()).toEqual(expected);
    await snapshots.rebuild(at('2026-03-03T05:00:00Z'));
    expect(await split()).toEqual(expected);
  });

  it('counts dossiers open, overdue and due within 24 hours at the ends of days and at a moment within one', async () => {
    await ingest(
      '2026-03-09T03:00:00Z',
      ...resolvedLate('HS-1'),
      aReceived('HS-2', 'online', {
        occurredAt: '2026-03-09T10:00:00+07:00',
        dueAt: '2026-03-10T17:00:00+07:00',
      }),
    );
    const days = ['2026-03-08', '2026-03-09', '2026-03-10'];
    const atEnds = {
      ...march,
      buckets: days.map((day) => ({ from: day, to: day })),
      instants: ['2026-03-08 16:59:59.999', '2026-03-09 16:59:59.999', '2026-03-10 16:59:59.999'],
    };
    // Noon of 03-09: HS-2's due time is 29 hours away.
    const atNoon = {
      ...march,
      buckets: [{ from: '2026-03-09', to: '2026-03-09' }],
      instants: ['2026-03-09 05:00:00.000'],
    };
    const open = async (query: EngineQuery) =>
      (await engine.counts(query, openStatement))
        .sort((a, b) => a.bucket - b.bucket)
        .map(({ bucket, denominator, breakdown }) => ({
          bucket,
          open: denominator,
          overdue: breakdown.overdue,
          dueWithin24h: breakdown.dueWithin24h,
        }));
    const expected = [
      { bucket: 1, open: 1, overdue: 1, dueWithin24h: 0 },
      { bucket: 2, open: 2, overdue: 1, dueWithin24h: 1 },
      { bucket: 3, open: 1, overdue: 0, dueWithin24h: 0 },
    ];
    const atNoonExpected = [{ bucket: 1, open: 2, overdue: 1, dueWithin24h: 0 }];

    expect(await open(atEnds)).toEqual(expected);
    expect(await open(atNoon)).toEqual(atNoonExpected);
    await snapshots.rebuild(at('2026-03-09T05:00:00Z'));
    expect(await open(atEnds)).toEqual(expected);
    expect(await open(atNoon)).toEqual(atNoonExpected);
  });

  it('reads the same figures from the counts per agency as from those per procedure and from the dossiers', async () => {
    const inAgency = (agencyCode: string, procedureCode: string) => ({ agencyCode, procedureCode });
    const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}`;
    const story = (
      code: string,
      where: WireEvent,
      channel: 'online' | 'direct' | 'postal',
      received: number,
    ) => [
      aReceived(code, channel, {
        ...where,
        occurredAt: `${day(received)}T09:00:00+07:00`,
        dueAt: `${day(received + 2)}T17:00:00+07:00`,
      }),
      anEvent('paid', code, {
        occurredAt: `${day(received)}T10:00:00+07:00`,
        payment: { method: received % 2 ? 'online' : 'offline', amount: 50_000 },
      }),
      // Resolved early, on time or late by the day received.
      anEvent('resolved', code, { occurredAt: `${day(received + (received % 3) + 1)}T09:00:00+07:00` }),
      anEvent('returned', code, {
        occurredAt: `${day(received + 4)}T09:00:00+07:00`,
        returnChannel: channel === 'online' ? 'postal' : 'direct',
      }),
    ];
    const agencyA = inAgency('000.00.12.H12', '1.004227');
    const agencyB = inAgency('000.00.13.H12', '2.000001');
    await ingest(
      '2026-03-12T03:00:00Z',
      ...story('HS-1', agencyA, 'online', 1),
      ...story('HS-2', agencyA, 'direct', 2),
      ...story('HS-3', agencyB, 'postal', 3),
      ...story('HS-4', agencyB, 'online', 4),
      ...story('HS-5', inAgency('000.00.12.H12', '2.000001'), 'online', 5),
    );
    const queries: EngineQuery[] = [
      march,
      { ...march, agency: '000.00.13.H12' },
      { ...march, groupBy: 'agency' },
      { ...march, groupBy: 'procedure' },
      { ...march, procedure: '2.000001' },
      {
        ...march,
        buckets: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => ({ from: day(n), to: day(n) })),
      },
    ];
    const figures = async (snapshot: 'none' | 'latest') => {
      const all = [];
      for (const query of queries) {
        const read = snapshot === 'none' ? { ...query, snapshot: null } : query;
        const sorted = (rows: Awaited<ReturnType<typeof engine.counts>>) =>
          rows.sort((a, b) => a.bucket - b.bucket || String(a.group).localeCompare(String(b.group)));
        all.push({
          online: sorted(
            await engine.counts(
              read,
              receiptsStatement({ channel: 'online', excludePostal: true, level: null }),
            ),
          ),
          postal: sorted(
            await engine.counts(
              read,
              receiptsStatement({ channel: 'postal', excludePostal: false, level: null }),
            ),
          ),
          returns: sorted(await engine.counts(read, anchoredCountsStatement('returned', 'postal'))),
          payments: sorted(await engine.counts(read, anchoredCountsStatement('paid', 'online'))),
          onTime: sorted(await engine.counts(read, onTimeStatement)),
        });
      }
      return all;
    };
    const fromDossiers = await figures('none');
    expect(fromDossiers[0]).toMatchObject({
      online: [{ numerator: 3, denominator: 4 }],
      payments: [{ numerator: 3, denominator: 5 }],
      returns: [{ numerator: 3, denominator: 5 }],
      onTime: [{ numerator: 3, denominator: 5, breakdown: { early: 1, onTime: 2, late: 2, overdueOpen: 0 } }],
    });
    expect(fromDossiers[3].online).toMatchObject([
      { group: '1.004227', numerator: 1, denominator: 2 },
      { group: '2.000001', numerator: 2, denominator: 2 },
    ]);
    expect(fromDossiers[4].payments).toMatchObject([{ numerator: 2, denominator: 3 }]);

    await snapshots.rebuild(at('2026-03-12T05:00:00Z'));
    expect(await figures('latest')).toEqual(fromDossiers);
    // Past the watermark: HS-1 is paid again (ignored: the first payment counts) and HS-6 arrives.
    await ingest(
      '2026-03-12T06:00:00Z',
      anEvent('paid', 'HS-1', {
        occurredAt: '2026-03-09T10:00:00+07:00',
        payment: { method: 'offline', amount: 1 },
      }),
      ...story('HS-6', agencyB, 'direct', 6),
    );
    expect(await figures('latest')).toEqual(await figures('none'));
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

  it('is rebuilt covering a backlog just landed, after the build running, with no margin', async () => {
    const landed = new Date();
    await ingest(landed.toISOString(), aReceived('HS-1', 'online'));
    const scheduler = new DossierSnapshotScheduler(snapshots, {
      ...config,
      DOSSIER_SNAPSHOT_MARGIN_SECONDS: 600,
    });
    // A scheduled build (margin behind now) is under way as the backlog's last write is acknowledged.
    const scheduled = scheduler.rebuild();
    await scheduler.rebuildCovering(new Date());
    await scheduled;

    expect(await scalar(`SELECT count() AS value FROM ${clickhouse.database}.dossier_snapshot_builds`)).toBe(
      2,
    );
    expect(await snapshots.latest()).toMatchObject({ dossiers: 1 });
    expect((await snapshots.latest())?.watermark.getTime()).toBeGreaterThanOrEqual(landed.getTime());
  });

  it('is rebuilt once the events since its watermark pass the threshold, with the burst margin, not before', async () => {
    const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);
    await ingest(secondsAgo(3600).toISOString(), aReceived('HS-1', 'online'));
    await snapshots.rebuild(secondsAgo(1800));
    const scheduler = new DossierSnapshotScheduler(snapshots, {
      ...config,
      DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES: 4,
      DOSSIER_SNAPSHOT_BURST_MARGIN_SECONDS: 30,
    });
    // Three events since the watermark, and two inside the margin (perhaps not all written yet): not enough.
    await ingest(
      secondsAgo(600).toISOString(),
      aReceived('HS-2', 'online'),
      aReceived('HS-3', 'direct'),
      anEvent('resolved', 'HS-1'),
    );
    await ingest(secondsAgo(5).toISOString(), aReceived('HS-4', 'online'), aReceived('HS-5', 'online'));
    expect(await scheduler.rebuildIfBurst()).toBe(false);
    expect(await snapshots.latest()).toMatchObject({ dossiers: 1 });

    // The burst's fourth event outside the margin: a build at the margin behind now.
    await ingest(secondsAgo(60).toISOString(), aReceived('HS-6', 'direct'));
    const before = Date.now();
    expect(await scheduler.rebuildIfBurst()).toBe(true);
    const latest = await snapshots.latest();
    expect(latest?.dossiers).toBe(6);
    expect(latest?.watermark.getTime()).toBeGreaterThanOrEqual(before - 30_000);
    expect(latest?.watermark.getTime()).toBeLessThanOrEqual(Date.now() - 30_000);
    // The two events inside the old margin are past the new watermark too: figures exact either way.
    expect(await onlineInMarch()).toEqual(
      await engine
        .counts(
          { ...march, snapshot: null },
          receiptsStatement({ channel: 'online', excludePostal: false, level: null }),
        )
        .then(([row]) => ({ numerator: row?.numerator ?? 0, denominator: row?.denominator ?? 0 })),
    );
    // Nothing new since: no rebuild.
    expect(await scheduler.rebuildIfBurst()).toBe(false);
  });

  it('skips a scheduled build while the latest, whoever made it, started less than half an interval ago', async () => {
    await ingest('2026-03-02T03:00:00Z', aReceived('HS-1', 'online'));
    const margin = 600;
    const scheduler = new DossierSnapshotScheduler(snapshots, {
      ...config,
      DOSSIER_SNAPSHOT_EVERY_SECONDS: 900,
      DOSSIER_SNAPSHOT_MARGIN_SECONDS: margin,
    });
    const builds = () =>
      scalar(`SELECT count() AS value FROM ${clickhouse.database}.dossier_snapshot_builds`);
    /** A build (another replica's) that started `seconds` ago: its watermark is the margin before that. */
    const anotherReplicaBuilt = (seconds: number) =>
      snapshots.rebuild(new Date(Date.now() - (margin + seconds) * 1000));

    await scheduler.rebuildIfDue();
    expect(await builds()).toBe(1);
    await scheduler.rebuildIfDue();
    expect(await builds()).toBe(1);

    // Half of the 15-minute interval: a build started 7 minutes ago is recent enough, 8 minutes ago is not.
    await clickhouse.client.command({
      query: `TRUNCATE TABLE ${clickhouse.database}.dossier_snapshot_builds`,
    });
    await anotherReplicaBuilt(7 * 60);
    await scheduler.rebuildIfDue();
    expect(await builds()).toBe(1);
    await clickhouse.client.command({
      query: `TRUNCATE TABLE ${clickhouse.database}.dossier_snapshot_builds`,
    });
    await anotherReplicaBuilt(8 * 60);
    await scheduler.rebuildIfDue();
    expect(await builds()).toBe(2);
  });
});
