import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { parseAppConfig } from '@dvc/config';
import { DOSSIER_EVENTS_DLQ_TOPIC, DOSSIER_EVENTS_TOPIC, dossierEventSchema } from '@dvc/dossier-events';
import { indicatorQuerySchema, IndicatorsModule, IndicatorsService } from '@dvc/indicators';
import { countDossiersOnline, resolveIntakes, singleAgency } from '@dvc/indicators-reference';
import { KafkajsBroker } from '@dvc/kafka';
import { MetricsRegistry } from '@dvc/observability';
import { PlatformModule } from '@dvc/platform';
import { EmbeddedPostgres } from '@dvc/postgres';
import { provinceHistory } from '@dvc/synthetic-province';
import {
  aReceived,
  consumeWithKcat,
  createTestClickHouse,
  KafkaMockCluster,
  produceWithKcat,
  startKafkaMockCluster,
  TestClickHouse,
  waitFor,
  WireEvent,
} from '@dvc/testing';
import { connectKafkaConsumer } from './connect-kafka-consumer';
import { IngestModule } from './ingest.module';

const GROUP = 'dvc-ingest';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The first `count` messages of a topic as kcat prints them raw: key, headers and value bytes, unescaped. */
function rawTopicBytes(brokers: string[], topic: string, count: number): Buffer {
  return execFileSync(
    'kcat',
    [
      '-b',
      brokers.join(','),
      '-C',
      '-t',
      topic,
      '-o',
      'beginning',
      '-c',
      String(count),
      '-e',
      '-f',
      '%k\\n%h\\n%s\\n',
    ],
    { timeout: 20_000 },
  );
}

describe('Kafka ingestion service on a real Kafka protocol peer and chDB', () => {
  let cluster: KafkaMockCluster;
  let clickhouse: TestClickHouse;
  let postgres: EmbeddedPostgres;
  let producer: KafkajsBroker;
  let admin: Admin;
  const apps: INestApplication[] = [];

  beforeEach(async () => {
    [cluster, clickhouse, postgres] = await Promise.all([
      startKafkaMockCluster(),
      createTestClickHouse(),
      EmbeddedPostgres.start('memory://'),
    ]);
    producer = new KafkajsBroker({ brokers: cluster.brokers, clientId: 'spec-producer' });
    admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await admin.disconnect();
    await producer.close();
    await Promise.all([cluster.stop(), clickhouse.drop(), postgres.stop()]);
  });

  /** The ingest service as deployed, with the indicators module beside it to read the results. */
  async function startIngestService(overrides: Record<string, string> = {}) {
    const config = parseAppConfig({
      ...clickhouse.env,
      DATABASE_URL: postgres.url,
      KAFKA_BROKERS: cluster.brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      INGEST_RETRY_INITIAL_MS: '100',
      INGEST_RETRY_MAX_MS: '500',
      ...overrides,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config), IngestModule, IndicatorsModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.init();
    await connectKafkaConsumer(app);
    apps.push(app);
    return app;
  }

  const produce = (events: (WireEvent | string)[]) =>
    producer.produce(
      DOSSIER_EVENTS_TOPIC,
      events.map((event) =>
        typeof event === 'string'
          ? { key: 'poison', value: event }
          : { key: String(event.dossierCode), value: JSON.stringify(event) },
      ),
    );
  const march = (app: INestApplication) =>
    app
      .get(IndicatorsService)
      .compute('dossiers.online', indicatorQuerySchema.parse({ from: '2026-03-01', to: '2026-03-31' }));
  const expectedMarch = (events: WireEvent[]) =>
    countDossiersOnline(
      resolveIntakes(events.map((event) => dossierEventSchema.parse(event))),
      { from: '2026-03-01', to: '2026-03-31' },
      singleAgency(null),
    );
  /** Waits until March's dossiers.online reaches the reference figure for `stream`, then requires equality. */
  const expectMarchToMatch = async (app: INestApplication, stream: WireEvent[], what: string) => {
    const expected = expectedMarch(stream);
    await waitFor(
      () => march(app),
      (actual) => actual.denominator === expected.denominator,
      { what },
    );
    expect(await march(app)).toMatchObject(expected);
  };
  const committedByPartition = async () => {
    const [topic] = await admin.fetchOffsets({ groupId: GROUP, topics: [DOSSIER_EVENTS_TOPIC] });
    return new Map(
      topic.partitions.map((partition) => [partition.partition, Math.max(0, Number(partition.offset))]),
    );
  };
  const committed = async () =>
    [...(await committedByPartition()).values()].reduce((sum, offset) => sum + offset, 0);
  const storedEvents = async () => {
    const result = await clickhouse.client.query({
      query: `SELECT count() AS n FROM ${clickhouse.database}.dossier_events FINAL`,
      format: 'JSONEachRow',
    });
    return Number((await result.json<{ n: string }>())[0].n);
  };
  const marchStream = (dossiersPerDay: number) =>
    [
      ...provinceHistory({
        seed: 5,
        from: '2026-03-02',
        to: '2026-03-13',
        dossiersPerDay,
        now: Date.parse('2026-03-31T00:00:00Z'),
        duplicateShare: 0.05,
        resendShare: 0.03,
      }),
    ].flat();

  it('ingests what kafkajs and kcat produced and counts each dossier once', async () => {
    const stream = marchStream(40);
    const half = Math.floor(stream.length / 2);
    await produce(stream.slice(0, half));
    await produceWithKcat(
      cluster.brokers,
      DOSSIER_EVENTS_TOPIC,
      stream.slice(half).map((event) => ({ key: String(event.dossierCode), value: JSON.stringify(event) })),
    );
    const app = await startIngestService();
    await expectMarchToMatch(app, stream, 'ingestion');
    await waitFor(committed, (offsets) => offsets === stream.length, { what: 'every offset committed' });
  });

  it('dead-letters poison messages with their reason and origin while the rest flows', async () => {
    const valid = [aReceived('A', 'online'), aReceived('B', 'direct')];
    await produce([valid[0], '{"eventId": "x", ', { ...aReceived('C', 'online'), channel: 'fax' }, valid[1]]);
    const app = await startIngestService();
    await waitFor(
      () => march(app),
      (actual) => actual.denominator === 2,
      { what: 'the valid events' },
    );

    const letters = await consumeWithKcat(cluster.brokers, DOSSIER_EVENTS_DLQ_TOPIC, 2);
    const byReason = Object.fromEntries(letters.map((letter) => [letter.headers['dvc-dlq-reason'], letter]));
    expect(Object.keys(byReason).sort()).toEqual(['invalid_json', 'schema_violation']);
    // Of the message only what the contract allows is kept; its bytes are known by their hash.
    expect(byReason.invalid_json.value).toBe('{}');
    expect(byReason.invalid_json.headers).toMatchObject({
      'dvc-dlq-payload-sha256': sha256('{"eventId": "x", '),
      'dvc-dlq-payload-bytes': '17',
      'dvc-dlq-step': 'parse',
      'dvc-dlq-original-topic': DOSSIER_EVENTS_TOPIC,
      'dvc-dlq-original-partition': expect.stringMatching(/^\d+$/),
      'dvc-dlq-original-offset': expect.stringMatching(/^\d+$/),
      'dvc-dlq-failed-at': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(byReason.schema_violation.headers['dvc-dlq-step']).toBe('validate');
    expect(JSON.parse(byReason.schema_violation.headers['dvc-dlq-errors'])).toEqual([
      expect.stringMatching(/^channel:/),
    ]);
    await waitFor(committed, (offsets) => offsets === 4, { what: 'all four offsets committed' });
    // Committed only once recorded in ClickHouse too, where GET /v1/data-quality counts them.
    const recorded = await clickhouse.client.query({
      query: `SELECT via, step, reason, kafka_topic, contract_fields, payload_sha256
              FROM ${clickhouse.database}.rejected_events ORDER BY reason`,
      format: 'JSONEachRow',
    });
    expect(await recorded.json()).toEqual([
      {
        via: 'kafka',
        step: 'parse',
        reason: 'invalid_json',
        kafka_topic: DOSSIER_EVENTS_TOPIC,
        contract_fields: '{}',
        payload_sha256: sha256('{"eventId": "x", '),
      },
      expect.objectContaining({ via: 'kafka', step: 'validate', reason: 'schema_violation' }),
    ]);
  });

  it('dead-letters an event carrying personal data with its errors, contract fields and hash, and none of it', async () => {
    const [name, phone, cccd] = ['Nguyễn Thị Bích Ngọc', '0987654321', '079204011223'];
    const poisoned = {
      ...aReceived('HS-PII', 'online', { eventId: 'e-pii' }),
      channel: 'fax',
      applicantName: name,
      applicantPhone: phone,
      citizenId: cccd,
    };
    const bytes = JSON.stringify(poisoned);
    await producer.produce(DOSSIER_EVENTS_TOPIC, [
      { key: 'HS-PII', value: bytes, headers: { 'x-applicant': name } },
      { key: name, value: `{"applicantName": "${name}", "phone": ${phone}, "cccd": "${cccd}"` },
    ]);
    await startIngestService();
    await waitFor(committed, (offsets) => offsets === 2, { what: 'both offsets committed' });

    const letters = await consumeWithKcat(cluster.brokers, DOSSIER_EVENTS_DLQ_TOPIC, 2);
    const byReason = Object.fromEntries(letters.map((letter) => [letter.headers['dvc-dlq-reason'], letter]));
    const {
      applicantName: _name,
      applicantPhone: _phone,
      citizenId: _cccd,
      channel: _channel,
      ...kept
    } = poisoned;
    expect(JSON.parse(byReason.schema_violation.value)).toEqual(kept);
    expect(byReason.schema_violation.key).toBe('HS-PII');
    expect(byReason.schema_violation.headers['dvc-dlq-payload-sha256']).toBe(sha256(bytes));
    expect(JSON.parse(byReason.schema_violation.headers['dvc-dlq-errors'])).toEqual([
      expect.stringMatching(/^channel:/),
    ]);
    expect(byReason.invalid_json.value).toBe('{}');
    // The dead-letter topic's bytes as the broker holds them: keys, headers and values.
    const raw = rawTopicBytes(cluster.brokers, DOSSIER_EVENTS_DLQ_TOPIC, 2);
    expect(raw.includes(Buffer.from('e-pii'))).toBe(true);
    expect(rawTopicBytes(cluster.brokers, DOSSIER_EVENTS_TOPIC, 2).includes(Buffer.from(name))).toBe(true);
    const recorded = await clickhouse.client.query({
      query: `SELECT * FROM ${clickhouse.database}.rejected_events`,
      format: 'TabSeparated',
    });
    const rows = await recorded.text();
    expect(rows).toContain('e-pii');
    for (const personal of [name, phone, cccd]) {
      expect(raw.includes(Buffer.from(personal))).toBe(false);
      expect(rows).not.toContain(personal);
    }
  });

  it('dead-letters events outside DVC_KAFKA_SOURCES as forbidden_source / agency_out_of_scope', async () => {
    const [P, D, C1, S] = ['000.00.00.H12', '000.00.30.H12', '000.01.30.H12', '000.00.01.H12'];
    const app = await startIngestService({
      DVC_KAFKA_SOURCES: JSON.stringify({ 'motcua.d': [D], 'motcua.tinh': '*' }),
    });
    await app.get(DataSource).transaction(async (manager) => {
      for (const [code, parent] of [
        [P, null],
        [D, P],
        [C1, D],
        [S, P],
      ])
        await manager.query(
          `INSERT INTO catalogue.agencies (code, name, kind, parent_code, valid_from)
           VALUES ($1, $1, 'other', $2, '2020-01-01')`,
          [code, parent],
        );
      await manager.query('UPDATE catalogue.revision SET revision = revision + 1 WHERE id = 1');
    });
    const event = (dossier: string, source: string, agencyCode: string) =>
      aReceived(dossier, 'online', { eventId: `e-${dossier}`, source, agencyCode });
    await produce([
      event('d-1', 'motcua.d', C1),
      event('d-2', 'motcua.d', S),
      event('x-1', 'unlisted', C1),
      event('t-1', 'motcua.tinh', S),
    ]);
    // Committed once dead-lettered: the letters of partitions read apart are all there then.
    await waitFor(committed, (offsets) => offsets === 4, { what: 'all four offsets committed' });

    const letters = await consumeWithKcat(cluster.brokers, DOSSIER_EVENTS_DLQ_TOPIC, 2);
    const byReason = Object.fromEntries(letters.map((letter) => [letter.headers['dvc-dlq-reason'], letter]));
    expect(Object.keys(byReason).sort()).toEqual(['agency_out_of_scope', 'forbidden_source']);
    expect(JSON.parse(byReason.agency_out_of_scope.value)).toMatchObject({ eventId: 'e-d-2' });
    expect(byReason.agency_out_of_scope.headers['dvc-dlq-step']).toBe('scope');
    expect(JSON.parse(byReason.agency_out_of_scope.headers['dvc-dlq-errors'])).toEqual([
      expect.stringContaining(`${S} is not under ${D}`),
    ]);
    expect(JSON.parse(byReason.forbidden_source.value)).toMatchObject({ eventId: 'e-x-1' });
    expect(JSON.parse(byReason.forbidden_source.headers['dvc-dlq-errors'])).toEqual([
      expect.stringContaining('DVC_KAFKA_SOURCES may not write events of source "unlisted"'),
    ]);
    const result = await clickhouse.client.query({
      query: `SELECT event_id FROM ${clickhouse.database}.dossier_events FINAL ORDER BY event_id`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ event_id: 'e-d-1' }, { event_id: 'e-t-1' }]);
  });

  it('commits nothing while ClickHouse refuses writes, and writes everything once it is back', async () => {
    const stream = marchStream(10);
    const app = await startIngestService();
    await clickhouse.client.command({ query: `DETACH TABLE ${clickhouse.database}.dossier_events` });
    await produce(stream);
    // Several retry rounds pass (100 ms doubling to 500 ms) with the table gone.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await committed()).toBe(0);
    const retries = await app.get(MetricsRegistry).getSingleMetric('dvc_ingest_batch_retries_total')!.get();
    expect(retries.values[0].value).toBeGreaterThanOrEqual(2);

    await clickhouse.client.command({ query: `ATTACH TABLE ${clickhouse.database}.dossier_events` });
    await expectMarchToMatch(app, stream, 'recovery');
    await waitFor(committed, (offsets) => offsets === stream.length, { what: 'offsets after recovery' });
  });

  it('finishes the batch in hand on shutdown, and a restarted consumer loses and repeats nothing', async () => {
    const stream = marchStream(80);
    await produce(stream);
    // Small fetches make many batches, so the shutdown lands mid-stream.
    const first = await startIngestService({ KAFKA_MAX_BYTES_PER_PARTITION: '2048' });
    await waitFor(storedEvents, (stored) => stored > 0, { what: 'the first batches', intervalMs: 20 });
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    // A graceful stop writes and commits the batch in hand: what is stored is exactly the committed prefix
    // of every partition, no more (written but uncommitted) and no less (committed but unwritten).
    const offsets = await committedByPartition();
    const log = await consumeWithKcat(cluster.brokers, DOSSIER_EVENTS_TOPIC, stream.length);
    const committedEvents = new Set(
      log
        .filter((message) => message.offset < (offsets.get(message.partition) ?? 0))
        .map((message) => (JSON.parse(message.value) as WireEvent).eventId),
    );
    expect(committedEvents.size).toBeGreaterThan(0);
    expect(committedEvents.size).toBeLessThan(new Set(stream.map((event) => event.eventId)).size);
    expect(await storedEvents()).toBe(committedEvents.size);

    const second = await startIngestService();
    await expectMarchToMatch(second, stream, 'resume');
    await waitFor(committed, (total) => total === stream.length, { what: 'offsets after resume' });
    expect(await storedEvents()).toBe(new Set(stream.map((event) => event.eventId)).size);
  });
});
