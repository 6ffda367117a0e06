import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Kafka, logLevel } from 'kafkajs';
import { DOSSIER_EVENTS_TOPIC } from '@dvc/dossier-events';
import { DossierEventRepository, IngestionService } from '@dvc/ingestion';
import { IncomingBatch, KafkajsBroker, OutgoingMessage } from '@dvc/kafka';
import { KafkaMockCluster, startKafkaMockCluster } from '@dvc/testing';
import { batchWriteStats, benchConfig, createIngestApp, ingestedEvents } from './bench-apps';
import { BenchClickHouse } from './bench-clickhouse';
import { BenchOptions } from './options';
import {
  byteSize,
  cpuMsPer1000,
  formatNumber,
  msSince,
  perSecond,
  printConfig,
  printHeading,
  printTable,
  sleep,
} from './report';
import { chunk, syntheticWorkload } from './workload';

/** How KafkajsBroker.produce is fed by the synthetic feed (apps/dvc): 5,000 messages per send. */
const KAFKAJS_SEND = 5_000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * librdkafka's mock cluster answers a fetch with one record batch per partition, whatever the fetch's max
 * bytes (rdkafka_mock_handlers.c: "FIXME: Multiple messageSets ?"). The consumer's batch is therefore the
 * producer's record batch. To see what KAFKA_MAX_BYTES_PER_PARTITION does on a real broker (which fills the
 * fetch with as many record batches as fit), the backlog scenarios write record batches of the size a real
 * broker would hand over for that setting: max bytes / compressed bytes per message.
 */
interface KafkaScenario {
  name: string;
  maxBytesPerPartition: number;
  producer: 'KafkajsBroker.produce' | 'kcat';
  /** Messages per record batch and partition the producer is asked for (kcat), or per send (kafkajs). */
  recordBatchMessages: number;
}

/** Issue 20's aim for a backlog (25,000-event batches) on the 2-core machine. */
export const KAFKA_AIM_EVENTS_PER_SECOND = 80_000;
export interface KafkaRun {
  scenario: string;
  maxBytesPerPartition: number;
  producer: string;
  recordBatchMessages: number;
  partitionsConsumedConcurrently: number;
  messages: number;
  expectedRows: number;
  rowsStored: number;
  completed: boolean;
  produceMs: number;
  /** Consumer start (transport attached) until every distinct event was counted in ClickHouse. */
  totalMs: number;
  /** Consumer start until the first batch reached IngestionService: group join and first fetch. */
  firstBatchMs: number | null;
  /** Messages over the whole time from consumer start. */
  eventsPerSecond: number;
  /** Messages from the first batch handed to the pipeline until all are in ClickHouse (no group join). */
  steadyEventsPerSecond: number | null;
  batches: number;
  meanBatchSize: number | null;
  minBatchSize: number | null;
  maxBatchSize: number | null;
  /** From dvc_ingest_batch_write_seconds: count and mean. */
  histogramBatches: number;
  meanBatchWriteMs: number | null;
  /** Time inside DossierEventRepository.findStored / insert, summed over batches (concurrent ones overlap). */
  lookupMsPer1000Events: number;
  insertMsPer1000Events: number;
  /** CPU of the whole process (consumer and chDB) from consumer start until all were counted. */
  cpuMsPer1000Events: number;
  outcomes: Record<string, number>;
}

export interface KafkaResults {
  topic: string;
  events: number;
  distinctEvents: number;
  meanEventBytes: number;
  compressedBytesPerMessage: number;
  runs: KafkaRun[];
}

/** Kafka → ClickHouse through the real consumer path: KafkajsBroker, KafkaBatchTransport, IngestionService. */
export async function kafkaThroughput(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
): Promise<KafkaResults> {
  printHeading('1. Kafka → ClickHouse throughput');
  const workload = syntheticWorkload(options.kafkaEvents, options.seed);
  const messages: OutgoingMessage[] = workload.events.map((event) => ({
    key: String(event.dossierCode),
    value: JSON.stringify(event),
  }));
  const compressed = compressedBytesPerMessage(messages);
  const perPartition = Math.ceil(messages.length / 4);
  const scenarios: KafkaScenario[] = [
    {
      name: 'live: small record batches',
      maxBytesPerPartition: DEFAULT_MAX_BYTES,
      producer: 'KafkajsBroker.produce',
      recordBatchMessages: KAFKAJS_SEND,
    },
    ...options.kafkaMaxBytes.map((maxBytes) => ({
      name: `backlog, fetch ≤ ${byteSize(maxBytes)}/partition`,
      maxBytesPerPartition: maxBytes,
      producer: 'kcat' as const,
      recordBatchMessages: Math.max(1, Math.min(perPartition, Math.floor(maxBytes / compressed))),
    })),
  ];
  printConfig({
    kafka: process.env.KAFKA_BROKERS
      ? `KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`
      : 'librdkafka mock cluster via kcat (a fresh one per run), 4 partitions',
    topic: `${DOSSIER_EVENTS_TOPIC} (keyed by dossierCode, gzip)`,
    events: `${formatNumber(workload.events.length)} per run (${formatNumber(workload.distinct)} distinct (source, eventId); dossiers starting ${workload.firstDay}..${workload.lastDay})`,
    'event size': `${workload.meanEventBytes} B JSON, ≈ ${compressed.toFixed(1)} B gzip-compressed`,
    consumer:
      'Nest app (PlatformModule + IngestModule) + connectKafkaConsumer: KafkaBatchTransport → IngestionService',
    KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: options.kafkaPartitionsConcurrently,
    'live run': `produced with KafkajsBroker.produce, ${formatNumber(KAFKAJS_SEND)} messages per send (≈ ${formatNumber(KAFKAJS_SEND / 4)} per partition record batch)`,
    'backlog runs':
      'the mock cluster returns one record batch per partition and fetch, so kcat writes record batches of ' +
      'max bytes / compressed message size, the batch a real broker would return for that setting',
  });

  const runs: KafkaRun[] = [];
  for (const scenario of scenarios) {
    const run = await runScenario(options, clickhouse, scenario, messages, workload.distinct);
    runs.push(run);
    console.log(
      `  ${scenario.name}: ${formatNumber(run.steadyEventsPerSecond ?? 0)} events/s steady, ` +
        `${formatNumber(run.eventsPerSecond)} events/s incl. group join ` +
        `(${run.batches} batches of ~${formatNumber(run.meanBatchSize ?? 0)})${run.completed ? '' : ' — INCOMPLETE'}`,
    );
  }

  printTable(
    `Kafka → ClickHouse, ${formatNumber(workload.events.length)} events per run (aim, issue 20: ≥ 80,000 events/s steady at 25,000-event batches)`,
    runs.map((run) => ({
      scenario: run.scenario,
      KAFKA_MAX_BYTES_PER_PARTITION: byteSize(run.maxBytesPerPartition),
      batches: run.batches,
      'mean batch': run.meanBatchSize,
      'max batch': run.maxBatchSize,
      'events/s steady': run.steadyEventsPerSecond,
      'events/s incl. join': run.eventsPerSecond,
      'join + 1st fetch s': run.firstBatchMs === null ? null : run.firstBatchMs / 1000,
      'total s': run.totalMs / 1000,
      'mean batch write ms': run.meanBatchWriteMs,
      'lookup ms/1k ev': run.lookupMsPer1000Events,
      'insert ms/1k ev': run.insertMsPer1000Events,
      'CPU ms/1k ev': run.cpuMsPer1000Events,
      'rows stored': run.rowsStored,
      'rows expected': run.expectedRows,
      complete: run.completed,
      'meets aim (steady)': run.completed && (run.steadyEventsPerSecond ?? 0) >= KAFKA_AIM_EVENTS_PER_SECOND,
    })),
  );

  return {
    topic: DOSSIER_EVENTS_TOPIC,
    events: workload.events.length,
    distinctEvents: workload.distinct,
    meanEventBytes: workload.meanEventBytes,
    compressedBytesPerMessage: Math.round(compressed * 10) / 10,
    runs,
  };
}

async function runScenario(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
  scenario: KafkaScenario,
  messages: OutgoingMessage[],
  expectedRows: number,
): Promise<KafkaRun> {
  const cluster = await startKafkaMockCluster();
  try {
    const produceStart = performance.now();
    if (scenario.producer === 'kcat') {
      await produceWithKcatInBatches(cluster, messages, scenario.recordBatchMessages);
    } else {
      const producer = new KafkajsBroker({ brokers: cluster.brokers, clientId: 'bench-producer' });
      try {
        for (const part of chunk(messages, scenario.recordBatchMessages)) {
          await producer.produce(DOSSIER_EVENTS_TOPIC, part);
        }
      } finally {
        await producer.close();
      }
    }
    const produceMs = msSince(produceStart);
    const held = await topicMessages(cluster.brokers);
    if (held !== messages.length) {
      throw new Error(
        `the topic holds ${held} messages, not ${messages.length} (the mock cluster keeps only ~5 MiB per ` +
          'partition; with KAFKA_BROKERS, the topic must start empty): lower BENCH_KAFKA_EVENTS',
      );
    }
    return await consume(options, clickhouse, cluster, scenario, messages.length, expectedRows, produceMs);
  } finally {
    await cluster.stop();
  }
}

async function consume(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
  cluster: KafkaMockCluster,
  scenario: KafkaScenario,
  messages: number,
  expectedRows: number,
  produceMs: number,
): Promise<KafkaRun> {
  const database = await clickhouse.freshDatabase(
    `kafka_${Math.round(scenario.maxBytesPerPartition / 1024)}k`,
  );
  const config = benchConfig({
    ...clickhouse.appEnv(database),
    KAFKA_BROKERS: cluster.brokers.join(','),
    KAFKA_CLIENT_ID: 'bench-ingest',
    KAFKA_GROUP_ID: `bench-ingest-${randomBytes(4).toString('hex')}`,
    KAFKA_MAX_BYTES_PER_PARTITION: String(scenario.maxBytesPerPartition),
    KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: String(options.kafkaPartitionsConcurrently),
    KAFKA_SESSION_TIMEOUT_MS: '10000',
  });
  const { app, startConsumer } = await createIngestApp(config);
  try {
    // Watch the batches reach the pipeline (the consumer controller calls this very instance).
    const ingestion = app.get(IngestionService);
    const original = ingestion.ingestKafkaBatch.bind(ingestion);
    const batchSizes: number[] = [];
    let firstBatchAt: number | null = null;
    ingestion.ingestKafkaBatch = (batch: IncomingBatch) => {
      firstBatchAt ??= performance.now();
      batchSizes.push(batch.messages.length);
      return original(batch);
    };

    // And time the repository's two ClickHouse round trips inside the pipeline.
    const repository = app.get(DossierEventRepository, { strict: false });
    const storage = { lookupMs: 0, insertMs: 0 };
    const timedCall =
      <A extends unknown[], R>(field: keyof typeof storage, call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const began = performance.now();
        try {
          return await call(...args);
        } finally {
          storage[field] += msSince(began);
        }
      };
    repository.findStored = timedCall('lookupMs', repository.findStored.bind(repository));
    repository.insert = timedCall('insertMs', repository.insert.bind(repository));

    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await startConsumer();
    const waited = await clickhouse.waitForCount(`${database}.dossier_events`, expectedRows, start, {
      timeoutMs: Math.max(60_000, messages / 2),
      stallMs: 30_000,
    });
    const cpuMs = cpuMsPer1000(cpuStart, messages);
    // The batch timer stops just after the insert is acknowledged: let the last batches finish their bookkeeping.
    let outcomes = await ingestedEvents(app, 'kafka');
    const handled = () => Object.values(outcomes).reduce((sum, value) => sum + value, 0);
    for (let tries = 0; waited.reached && handled() < messages && tries < 100; tries++) {
      await sleep(20);
      outcomes = await ingestedEvents(app, 'kafka');
    }
    const histogram = await batchWriteStats(app, 'kafka');
    const rowsStored = await clickhouse.count(`${database}.dossier_events`);
    const firstBatchMs = firstBatchAt === null ? null : (firstBatchAt as number) - start;
    const steadyMs = firstBatchMs === null ? null : waited.doneMs - firstBatchMs;
    const consumed = waited.reached ? messages : handled();
    return {
      scenario: scenario.name,
      maxBytesPerPartition: scenario.maxBytesPerPartition,
      producer: scenario.producer,
      recordBatchMessages: scenario.recordBatchMessages,
      partitionsConsumedConcurrently: options.kafkaPartitionsConcurrently,
      messages,
      expectedRows,
      rowsStored,
      completed: waited.reached,
      produceMs: Math.round(produceMs),
      totalMs: Math.round(waited.doneMs),
      firstBatchMs: firstBatchMs === null ? null : Math.round(firstBatchMs),
      eventsPerSecond: perSecond(consumed, waited.doneMs),
      steadyEventsPerSecond: steadyMs === null || !waited.reached ? null : perSecond(consumed, steadyMs),
      batches: batchSizes.length,
      meanBatchSize: batchSizes.length ? Math.round(consumed / batchSizes.length) : null,
      minBatchSize: batchSizes.length ? Math.min(...batchSizes) : null,
      maxBatchSize: batchSizes.length ? Math.max(...batchSizes) : null,
      histogramBatches: histogram.batches,
      meanBatchWriteMs: histogram.batches
        ? Math.round((histogram.seconds / histogram.batches) * 10_000) / 10
        : null,
      lookupMsPer1000Events: Math.round((storage.lookupMs / consumed) * 1000 * 100) / 100,
      insertMsPer1000Events: Math.round((storage.insertMs / consumed) * 1000 * 100) / 100,
      cpuMsPer1000Events: cpuMs,
      outcomes,
    };
  } finally {
    await app.close();
    await clickhouse.drop(database);
  }
}

/** Bytes per message once a record batch is gzip-compressed, from a sample (framing overhead left out). */
function compressedBytesPerMessage(messages: OutgoingMessage[]): number {
  const sample = messages.slice(0, 20_000);
  const raw = Buffer.from(sample.map((message) => `${message.key}${String(message.value)}`).join(''));
  return gzipSync(raw).length / sample.length;
}

/**
 * kcat (librdkafka) as the producer, asked for record batches of `perBatch` messages per partition: KafkajsBroker
 * cannot write large ones in reasonable time (kafkajs groups a send's messages per partition in O(n²)).
 */
function produceWithKcatInBatches(
  cluster: KafkaMockCluster,
  messages: OutgoingMessage[],
  perBatch: number,
): Promise<void> {
  const settings = {
    'batch.num.messages': perBatch,
    'batch.size': 2_000_000_000,
    'message.max.bytes': 1_000_000_000,
    'linger.ms': 1000,
    'queue.buffering.max.messages': Math.max(100_000, messages.length * 2),
    'queue.buffering.max.kbytes': 2_000_000,
  };
  const args = ['-b', cluster.brokers.join(','), '-P', '-t', DOSSIER_EVENTS_TOPIC, '-K', '\t', '-z', 'gzip'];
  for (const [name, value] of Object.entries(settings)) args.push('-X', `${name}=${value}`);
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`kcat -P exited ${code}: ${stderr}`)),
    );
    // JSON.stringify escapes tabs and newlines, so key<TAB>value lines are unambiguous.
    child.stdin.end(messages.map((message) => `${message.key}\t${String(message.value)}\n`).join(''));
  });
}

async function topicMessages(brokers: string[]): Promise<number> {
  const admin = new Kafka({ brokers, clientId: 'bench-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(DOSSIER_EVENTS_TOPIC);
    return offsets.reduce((sum, entry) => sum + Number(entry.high) - Number(entry.low), 0);
  } finally {
    await admin.disconnect();
  }
}
