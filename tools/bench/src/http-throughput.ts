import { randomBytes } from 'node:crypto';
import { batchWriteStats, benchConfig, createApiApp } from './bench-apps';
import { BenchClickHouse } from './bench-clickhouse';
import { BenchOptions } from './options';
import {
  cpuMsPer1000,
  formatNumber,
  LatencySummary,
  msSince,
  perSecond,
  printConfig,
  printHeading,
  printTable,
  summarizeLatencies,
} from './report';
import { chunk, syntheticWorkload, toNdjson } from './workload';

export interface HttpRun {
  batchSize: number;
  clients: number;
  requests: number;
  events: number;
  expectedRows: number;
  rowsStored: number;
  distinctStored: number;
  totalMs: number;
  eventsPerSecond: number;
  requestLatency: LatencySummary;
  /** CPU of the whole process (clients, API and chDB) per 1,000 events. */
  cpuMsPer1000Events: number;
  /** Server side: mean time of the pipeline for one body (dvc_ingest_batch_write_seconds). */
  meanPipelineMs: number | null;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface HttpResults {
  events: number;
  distinctEvents: number;
  meanEventBytes: number;
  runs: HttpRun[];
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

/** POST /v1/events (NDJSON) against the API app, sequential requests and a few concurrent clients. */
export async function httpThroughput(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
): Promise<HttpResults> {
  printHeading('2. HTTP ingestion throughput (POST /v1/events, NDJSON)');
  const workload = syntheticWorkload(options.httpEvents, options.seed);
  const database = await clickhouse.freshDatabase('http');
  // An admin writes any source's events (what a vendor's source token may write is the scope check's business).
  const token = `bench-admin-${randomBytes(16).toString('hex')}`;
  const { app, baseUrl } = await createApiApp(
    benchConfig({ ...clickhouse.appEnv(database), DVC_ADMIN_TOKEN: token }),
  );
  printConfig({
    api: `${baseUrl} (Nest app: PlatformModule + ApiModule, configureHttpApp)`,
    events: `${formatNumber(workload.events.length)} per run (${formatNumber(workload.distinct)} distinct)`,
    'mean event size': `${workload.meanEventBytes} B JSON`,
    'batch sizes': options.httpBatchSizes.map(formatNumber).join(', '),
    'concurrent clients (extra runs)': options.httpConcurrentClients,
    'between runs': 'TRUNCATE dossier_events and dossier_state (same database)',
  });

  const post = async (body: string): Promise<IngestAnswer> => {
    const response = await fetch(`${baseUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
      body,
    });
    if (!response.ok)
      throw new Error(`POST /v1/events answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as IngestAnswer;
  };

  const runOnce = async (batchSize: number, clients: number, events = workload.events): Promise<HttpRun> => {
    const bodies = chunk(events, batchSize).map(toNdjson);
    await clickhouse.truncate(database);
    const before = await batchWriteStats(app, 'http');
    const latencies: number[] = [];
    const totals = { accepted: 0, duplicates: 0, rejected: 0 };
    let next = 0;
    const client = async () => {
      // Each client takes the next body in order, so the stream's order is kept as far as it can be.
      for (let index = next++; index < bodies.length; index = next++) {
        const sent = performance.now();
        const answer = await post(bodies[index]);
        latencies.push(msSince(sent));
        totals.accepted += answer.accepted;
        totals.duplicates += answer.duplicates;
        totals.rejected += answer.rejected.length;
      }
    };
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(Array.from({ length: clients }, client));
    const totalMs = msSince(start);
    const cpuMs = cpuMsPer1000(cpuStart, events.length);
    const after = await batchWriteStats(app, 'http');
    const table = `${database}.dossier_events`;
    const batches = after.batches - before.batches;
    return {
      batchSize,
      clients,
      requests: bodies.length,
      events: events.length,
      expectedRows: events === workload.events ? workload.distinct : NaN,
      rowsStored: await clickhouse.count(table),
      distinctStored: Number(await clickhouse.scalar(`SELECT uniqExact(source, event_id) FROM ${table}`)),
      totalMs: Math.round(totalMs),
      eventsPerSecond: perSecond(events.length, totalMs),
      requestLatency: summarizeLatencies(latencies),
      cpuMsPer1000Events: cpuMs,
      meanPipelineMs:
        batches > 0 ? Math.round(((after.seconds - before.seconds) / batches) * 10_000) / 10 : null,
      ...totals,
    };
  };

  try {
    // Warm-up: JIT, connection pool, first inserts.
    await runOnce(options.httpBatchSizes[0], 1, workload.events.slice(0, 10_000));
    const runs: HttpRun[] = [];
    const plan = [
      ...options.httpBatchSizes.map((size) => ({ size, clients: 1 })),
      ...(options.httpConcurrentClients > 1
        ? options.httpBatchSizes
            .filter((size) => size === 5_000 || options.httpBatchSizes.length === 1)
            .map((size) => ({ size, clients: options.httpConcurrentClients }))
        : []),
    ];
    for (const { size, clients } of plan) {
      const run = await runOnce(size, clients);
      runs.push(run);
      console.log(
        `  batch ${formatNumber(size)} × ${clients} client(s): ${formatNumber(run.eventsPerSecond)} events/s ` +
          `(${formatNumber(run.totalMs / 1000)} s, ${run.requests} requests)`,
      );
    }
    printTable(
      `HTTP ingestion, ${formatNumber(workload.events.length)} events per run`,
      runs.map((run) => ({
        'batch size': run.batchSize,
        clients: run.clients,
        requests: run.requests,
        'events/s': run.eventsPerSecond,
        'total s': run.totalMs / 1000,
        'request p50 ms': run.requestLatency.p50Ms,
        'request p95 ms': run.requestLatency.p95Ms,
        'pipeline mean ms': run.meanPipelineMs,
        'CPU ms/1k ev': run.cpuMsPer1000Events,
        accepted: run.accepted,
        duplicates: run.duplicates,
        'rows stored': run.rowsStored,
        'rows expected': run.expectedRows,
      })),
    );
    const raced = runs.filter((run) => run.rowsStored > run.expectedRows);
    if (raced.length > 0) {
      console.log(
        '\n  note: more rows than distinct events where requests ran concurrently: duplicates in concurrent ' +
          'requests both pass the stored-events lookup (ReplacingMergeTree collapses them on merge).',
      );
    }
    return {
      events: workload.events.length,
      distinctEvents: workload.distinct,
      meanEventBytes: workload.meanEventBytes,
      runs,
    };
  } finally {
    await app.close();
    await clickhouse.drop(database);
  }
}
