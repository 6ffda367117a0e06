import { parseAppConfig } from '@dvc/config';
import { dossierEventSchema } from '@dvc/dossier-events';
import { DossierEventRepository, toEventRow } from '@dvc/ingestion';
import { anEvent, aReceived, createTestClickHouse, TestClickHouse, WireEvent } from '@dvc/testing';
import { IndicatorEngineRepository } from './engine/indicator-engine.repository';
import { IndicatorClock } from './indicator-clock';
import { indicatorQuerySchema } from './indicator-query.schema';
import { IndicatorsService } from './indicators.service';
import { DossierSnapshotRepository } from './read-model/dossier-snapshot.repository';

class FixedClock extends IndicatorClock {
  override now(): Date {
    return new Date('2026-06-10T03:00:00Z');
  }
}

/**
 * Late events on chDB, through the service: a first load of history is not late (no report of its periods could
 * have been made before the store received anything), while events arriving after a period that ended with the
 * store live are, history re-sent later included only where its period ended after the start.
 */
describe('late events and a first load of history', () => {
  let clickhouse: TestClickHouse;
  let engine: IndicatorEngineRepository;
  let events: DossierEventRepository;
  let service: IndicatorsService;

  beforeAll(async () => {
    clickhouse = await createTestClickHouse();
    const config = parseAppConfig(clickhouse.env);
    engine = new IndicatorEngineRepository(clickhouse.client, config);
    events = new DossierEventRepository(clickhouse.client, config);
    service = new IndicatorsService(engine, new FixedClock());
  });
  afterAll(() => clickhouse.drop());

  const ingest = (ingestedAt: string, ...wire: WireEvent[]) =>
    events.insert(
      wire.map((event) =>
        toEventRow(dossierEventSchema.parse(event), { at: new Date(ingestedAt), via: 'http' }),
      ),
    );
  const lateEvents = async (period: Record<string, string>) =>
    (await service.compute('dossiers.online', indicatorQuerySchema.parse(period))).lateEvents;
  const march = { from: '2026-03-01', to: '2026-03-31' };
  const firstOfJune = { date: '2026-06-01' };

  it('counts nothing while the store is empty', async () => {
    expect(await engine.eventStoreStart()).toBeNull();
    expect(await lateEvents(march)).toBe(0);
  });

  it('does not count the history of a first load as late, and counts what arrives late after it', async () => {
    // First start, 1 June 10:00 in Hà Nội: the history of March is loaded.
    await ingest(
      '2026-06-01T03:00:00Z',
      aReceived('H-1', 'online', { occurredAt: '2026-03-10T09:00:00+07:00' }),
      anEvent('resolved', 'H-1', { occurredAt: '2026-03-20T09:00:00+07:00' }),
      aReceived('H-2', 'direct', { occurredAt: '2026-03-31T16:00:00+07:00' }),
    );
    expect(await engine.eventStoreStart()).toEqual(new Date('2026-06-01T03:00:00Z'));
    expect(await lateEvents(march)).toBe(0);
    // The history is there all the same: only its lateness is not counted.
    expect(await service.compute('dossiers.online', indicatorQuerySchema.parse(march))).toMatchObject({
      numerator: 1,
      denominator: 2,
    });

    // Live from then on: one receipt of 1 June arrives that day, one the next morning (late for 1 June).
    await ingest(
      '2026-06-01T04:00:00Z',
      aReceived('L-1', 'online', { occurredAt: '2026-06-01T10:30:00+07:00' }),
    );
    await ingest(
      '2026-06-02T02:00:00Z',
      aReceived('L-2', 'online', { occurredAt: '2026-06-01T15:00:00+07:00' }),
    );
    expect(await lateEvents(firstOfJune)).toBe(1);
    expect(await lateEvents({ from: '2026-05-01', to: '2026-06-01' })).toBe(1);

    // More history re-sent or back-filled later: its periods ended before the start, still nothing late.
    await ingest(
      '2026-06-05T02:00:00Z',
      aReceived('H-3', 'online', { occurredAt: '2026-05-20T09:00:00+07:00' }),
      anEvent('resolved', 'H-2', { occurredAt: '2026-03-31T16:30:00+07:00' }),
    );
    expect(await lateEvents(march)).toBe(0);
    expect(await lateEvents({ from: '2026-05-01', to: '2026-05-31' })).toBe(0);
    // A period that ended after the start counts every late arrival, history or not.
    expect(await lateEvents({ from: '2026-05-01', to: '2026-06-01' })).toBe(2);
  });

  it('reads the same through a snapshot build and as of a moment', async () => {
    await new DossierSnapshotRepository(clickhouse.client, parseAppConfig(clickhouse.env)).rebuild(
      new Date('2026-06-06T00:00:00Z'),
    );
    expect(await lateEvents(march)).toBe(0);
    expect(await lateEvents({ from: '2026-05-01', to: '2026-06-01' })).toBe(2);
    expect(await lateEvents({ ...firstOfJune, asOf: '2026-06-03T00:00:00Z' })).toBe(1);
    // Before the first arrival nothing was there at all.
    expect(await lateEvents({ ...march, asOf: '2026-05-01T00:00:00Z' })).toBe(0);
  });
});
