import { AppConfig, parseAppConfig } from '@dvc/config';
import { dossierEventSchema } from '@dvc/dossier-events';
import {
  IndicatorClock,
  IndicatorEngineRepository,
  indicatorQuerySchema,
  IndicatorsService,
} from '@dvc/indicators';
import { countDossiersOnline, resolveIntakes, singleAgency } from '@dvc/indicators-reference';
import { provinceHistory, seededRandom, WireEvent } from '@dvc/synthetic-province';
import {
  aReceived,
  aRefused,
  aSubmitted,
  createTestClickHouse,
  resentUnderNewId,
  TestClickHouse,
} from '@dvc/testing';
import { DossierEventRepository } from './dossier-event.repository';
import { EventsStored, EventsStoredSignal } from './events-stored.signal';
import { IngestionPipeline } from './ingestion-pipeline';

describe('ingestion pipeline into chDB, read back as dossiers.online', () => {
  let clickhouse: TestClickHouse;
  let pipeline: IngestionPipeline;
  let indicators: IndicatorsService;
  let config: AppConfig;

  beforeEach(async () => {
    clickhouse = await createTestClickHouse();
    config = parseAppConfig(clickhouse.env);
    pipeline = new IngestionPipeline(new DossierEventRepository(clickhouse.client, config));
    indicators = new IndicatorsService(
      new IndicatorEngineRepository(clickhouse.client, config),
      new IndicatorClock(),
    );
  });
  afterEach(() => clickhouse.drop());

  const ingest = (events: unknown[]) =>
    pipeline.run(
      events.map((json) => ({ json })),
      'http',
    );
  const online = (from = '2026-03-01', to = '2026-03-31', agency?: string) =>
    indicators.compute('dossiers.online', indicatorQuerySchema.parse({ from, to, agency }));
  const storedEvents = async () => {
    const result = await clickhouse.client.query({
      query: `SELECT count() AS n FROM ${clickhouse.database}.dossier_events FINAL`,
      format: 'JSONEachRow',
    });
    return Number((await result.json<{ n: string }>())[0].n);
  };

  it('signals each insert once it has returned (the events are readable then), from Kafka and HTTP alike', async () => {
    const signal = new EventsStoredSignal();
    const signalled = new IngestionPipeline(
      new DossierEventRepository(clickhouse.client, config),
      null,
      null,
      signal,
    );
    const seen: { stored: EventsStored; storedThen: Promise<number> }[] = [];
    signal.stored$.subscribe((stored) => seen.push({ stored, storedThen: storedEvents() }));
    await signalled.run([{ json: aReceived('A', 'online') }, { json: aReceived('B', 'direct') }], 'http');
    await signalled.run([{ json: { type: 'received' } }], 'http'); // nothing valid: nothing stored, no signal
    await signalled.run([{ bytes: JSON.stringify(aSubmitted('C')) }], 'kafka');
    expect(seen.map(({ stored }) => stored)).toEqual([
      { rows: 2, via: 'http' },
      { rows: 1, via: 'kafka' },
    ]);
    expect(await Promise.all(seen.map(({ storedThen }) => storedThen))).toEqual([2, 3]);
  });

  it('stores valid events, reports invalid ones by index, and counts dossiers', async () => {
    const outcome = await ingest([
      aReceived('A', 'online'),
      { type: 'received' },
      aReceived('B', 'direct'),
      aSubmitted('C'),
    ]);
    expect(outcome).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(outcome.rejected).toEqual([
      expect.objectContaining({ index: 1, eventId: null, reason: 'schema_violation' }),
    ]);
    expect(await online()).toEqual({
      indicator: 'dossiers.online',
      unit: 'share',
      scope: { agency: null, structure: 'reported', subtree: true, field: null, procedure: null },
      period: { from: '2026-03-01', to: '2026-03-31' },
      asOf: null,
      // The receipts of March were ingested now, after March ended, into an empty store: a first load of
      // history, not late (lateness itself: late-events.int-spec.ts in libs/indicators).
      lateEvents: 0,
      numerator: 1,
      denominator: 2,
      value: 0.5,
      groupBy: null,
    });
  });

  it('changes no number when the same events come again, in the batch or later', async () => {
    const events = [aReceived('A', 'online'), aReceived('B', 'direct')];
    expect(await ingest([...events, events[0]])).toMatchObject({ accepted: 2, duplicates: 1 });
    const before = await online();
    expect(await ingest(events)).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await online()).toEqual(before);
    expect(await storedEvents()).toBe(2);
  });

  it('changes no number when events are re-sent under new ids', async () => {
    const events = [aReceived('A', 'online'), aReceived('B', 'direct')];
    await ingest(events);
    const before = await online();
    expect(await ingest(events.map(resentUnderNewId))).toMatchObject({ accepted: 2, duplicates: 0 });
    // Re-sends are events that arrived after March, but March had ended before the store's first event: still
    // history, so not even the count of late arrivals moves.
    expect(await online()).toEqual(before);
  });

  it('lets the latest intake win, even when it moves the dossier to another day or channel', async () => {
    await ingest([aReceived('A', 'online', { occurredAt: '2026-04-01T09:00:00+07:00' })]);
    await ingest([aReceived('A', 'direct', { occurredAt: '2026-03-31T09:00:00+07:00' })]);
    expect(await online('2026-03-01', '2026-03-31')).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
    });
    expect(await online('2026-04-01', '2026-04-30')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 1,
    });
  });

  it('does not count dossiers refused at intake', async () => {
    await ingest([aSubmitted('A'), aRefused('A', { occurredAt: '2026-03-02T10:00:00+07:00' })]);
    await ingest([aReceived('B', 'online')]);
    expect(await online()).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('places a receipt at T17:30:00Z on the next local day', async () => {
    await ingest([
      aReceived('late-evening', 'online', { occurredAt: '2026-03-31T17:30:00Z' }),
      aReceived('afternoon', 'direct', { occurredAt: '2026-03-31T16:59:59Z' }),
    ]);
    expect(await online('2026-03-31', '2026-03-31')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(await online('2026-04-01', '2026-04-01')).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('narrows to the receiving agency', async () => {
    await ingest([
      aReceived('A', 'online', { agencyCode: '000.00.01.H12' }),
      aReceived('B', 'direct', { agencyCode: '000.00.01.H12' }),
      aReceived('C', 'online', { agencyCode: '000.00.02.H12' }),
    ]);
    expect(await online(undefined, undefined, '000.00.01.H12')).toMatchObject({
      scope: { agency: '000.00.01.H12' },
      numerator: 1,
      denominator: 2,
    });
  });

  it('recognises stored events by source and id, whatever characters the id holds', async () => {
    const tricky = aReceived("O'Brien\\1", 'online', { eventId: "it's \\ a 'quoted' id" });
    await ingest([tricky, aReceived('B', 'direct', { eventId: 'shared-id' })]);
    const outcome = await ingest([
      tricky,
      aReceived('B', 'direct', { eventId: 'shared-id', source: 'other-system' }),
      aReceived('B', 'direct', { eventId: 'shared-id' }),
    ]);
    expect(outcome).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(await storedEvents()).toBe(3);
  });

  it('never stores fields outside the contract', async () => {
    await ingest([{ ...aReceived('A', 'online'), applicantName: 'Nguyễn Văn A', citizenId: '001099000001' }]);
    const result = await clickhouse.client.query({
      query: `SELECT * FROM ${clickhouse.database}.dossier_events`,
      format: 'JSONEachRow',
    });
    const stored = JSON.stringify(await result.json());
    expect(stored).toContain('"dossier_code":"A"');
    expect(stored).not.toContain('Nguyễn Văn A');
    expect(stored).not.toContain('001099000001');
  });

  it('equals the counting rules on a messy stream delivered twice in random batches', async () => {
    const random = seededRandom(11);
    const stream = [
      ...provinceHistory({
        seed: 11,
        from: '2026-02-25',
        to: '2026-03-06',
        dossiersPerDay: 120,
        now: Date.parse('2026-06-01'),
        duplicateShare: 0.05,
        resendShare: 0.05,
      }),
    ].flat();
    const deliveries: WireEvent[] = [...stream, ...stream.filter(() => random() < 0.3)];
    for (let offset = 0; offset < deliveries.length;) {
      const size = 1 + Math.floor(random() * 700);
      await ingest(deliveries.slice(offset, offset + size));
      offset += size;
    }
    const intakes = resolveIntakes(stream.map((event) => dossierEventSchema.parse(event)));
    const cases: [string, string, string | undefined][] = [
      ['2026-02-25', '2026-03-06', undefined],
      ['2026-03-01', '2026-03-01', undefined],
      ['2026-02-28', '2026-03-02', '000.00.01.H12'],
      ['2026-03-03', '2026-03-31', '000.03.30.H12'],
    ];
    for (const [from, to, agency] of cases) {
      const expected = countDossiersOnline(intakes, { from, to }, singleAgency(agency ?? null));
      expect({ from, to, agency, ...(await online(from, to, agency)) }).toMatchObject({
        from,
        to,
        agency,
        ...expected,
      });
    }
    expect(intakes.length).toBeGreaterThan(500);
  });
});
