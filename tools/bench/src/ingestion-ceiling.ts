import { AppConfig } from '@dvc/config';
import { DossierEvent } from '@dvc/dossier-events';
import {
  DossierEventRepository,
  DossierEventRow,
  EventKey,
  IngestionPipeline,
  RawItem,
  toEventRow,
} from '@dvc/ingestion';
// The steps are not exported by @dvc/ingestion; the breakdown below times each one on its own.
import { createDropDuplicatesStep } from '../../../libs/ingestion/src/steps/drop-duplicates.step';
import { parseJson } from '../../../libs/ingestion/src/steps/parse-json.step';
import { validateEvent } from '../../../libs/ingestion/src/steps/validate-event.step';
import { BenchClickHouse } from './bench-clickhouse';
import { HttpResults } from './http-throughput';
import { KafkaResults } from './kafka-throughput';
import { BenchOptions } from './options';
import {
  cpuMsPer1000,
  formatNumber,
  msSince,
  perSecond,
  printConfig,
  printHeading,
  printTable,
} from './report';
import { chunk, syntheticWorkload } from './workload';

/** What each ceiling path does per batch. */
const PATHS = {
  'insert only': 'rows built beforehand; DossierEventRepository.insert (the format the pipeline writes)',
  'JSON.parse + insert':
    'split NDJSON, JSON.parse, map to a row (no validation, no dedup), DossierEventRepository.insert',
  'pipeline in-process':
    'IngestionPipeline.run: parse, validate (zod), enrich, dedup lookup, insert; no transport',
} as const;
type PathName = keyof typeof PATHS;

export interface CeilingRun {
  path: PathName;
  batchSize: number;
  events: number;
  totalMs: number;
  eventsPerSecond: number;
  /** CPU of the whole process (chDB included) per 1,000 events. */
  cpuMsPer1000Events: number;
}

export interface StepTimes {
  batchSize: number;
  batches: number;
  events: number;
  /** Milliseconds per 1,000 events, per step. */
  msPer1000Events: Record<string, number>;
  shareOfTotal: Record<string, number>;
  /** The repository's duplicates lookup as built, beside a candidate (dossier codes as a query parameter). */
  lookup: {
    currentMsPer1000Events: number;
    candidateMsPer1000Events: number;
    candidate: string;
    sameAnswers: boolean;
  };
}

export interface CeilingRatio {
  path: string;
  batchSize: number;
  pipelineEventsPerSecond: number;
  ceilingEventsPerSecond: number;
  ratio: number;
}

export interface IngestionCeilingResults {
  events: number;
  runs: CeilingRun[];
  steps: StepTimes[];
  ratios: CeilingRatio[];
}

/**
 * The same events into the same dossier_events table without the pipeline's checks, in the same batch sizes,
 * so that pipeline / ceiling shows what validation, dedup and the transports cost. Then the pipeline's
 * steps timed one by one.
 */
export async function ingestionCeiling(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
  earlier: { http?: HttpResults; kafka?: KafkaResults },
): Promise<IngestionCeilingResults> {
  printHeading('3. Raw ceiling: JSON.parse + insert, no validation or dedup');
  const workload = syntheticWorkload(options.httpEvents, options.seed);
  const kafkaBatchSizes = (earlier.kafka?.runs ?? [])
    .map((run) => run.meanBatchSize)
    .filter((size): size is number => size !== null && size > 0)
    .map((size) => Math.max(100, Math.round(size / 100) * 100));
  const batchSizes = [...new Set([...options.httpBatchSizes, ...kafkaBatchSizes])]
    .filter((size) => size <= workload.events.length)
    .sort((a, b) => a - b);
  const database = await clickhouse.freshDatabase('ceiling');
  const config = { CLICKHOUSE_DATABASE: database } as AppConfig;
  const repository = new DossierEventRepository(clickhouse.client, config);
  const pipeline = new IngestionPipeline(repository);
  printConfig({
    events: `${formatNumber(workload.events.length)} per run (the HTTP section's events)`,
    'batch sizes': `${batchSizes.map(formatNumber).join(', ')} (HTTP sizes and the Kafka runs' mean batch sizes)`,
    ...Object.fromEntries(Object.entries(PATHS).map(([name, what]) => [name, what])),
    'between runs': 'TRUNCATE (same database)',
  });

  const lines = workload.events.map((event) => JSON.stringify(event));
  const now = new Date();
  const toRow = (json: unknown) => toEventRow(json as DossierEvent, { at: now, via: 'http' });
  const prebuilt = workload.events.map(toRow);
  // The ceiling writes as the pipeline does, so that a cheaper format raises both alike.
  const insert = (rows: DossierEventRow[]) => repository.insert(rows);

  const timed = async (
    path: PathName,
    batchSize: number,
    work: (from: number, to: number) => Promise<unknown>,
  ) => {
    await clickhouse.truncate(database);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let from = 0; from < lines.length; from += batchSize) {
      await work(from, Math.min(lines.length, from + batchSize));
    }
    const totalMs = msSince(start);
    const cpuMs = cpuMsPer1000(cpuStart, lines.length);
    return {
      path,
      batchSize,
      events: lines.length,
      totalMs: Math.round(totalMs),
      eventsPerSecond: perSecond(lines.length, totalMs),
      cpuMsPer1000Events: cpuMs,
    };
  };

  try {
    // Warm-up, untimed: JIT, first inserts, the first batch size once through every path.
    await timed('insert only', batchSizes[0], (from, to) => insert(prebuilt.slice(from, to)));
    await timed('pipeline in-process', batchSizes[0], (from, to) =>
      pipeline.run(
        lines.slice(from, to).map((line): RawItem => ({ bytes: line })),
        'http',
      ),
    );
    const runs: CeilingRun[] = [];
    for (const batchSize of batchSizes) {
      runs.push(await timed('insert only', batchSize, (from, to) => insert(prebuilt.slice(from, to))));
      runs.push(
        await timed('JSON.parse + insert', batchSize, (from, to) => {
          // As the HTTP path gets it: one NDJSON body, split into lines.
          const body = lines.slice(from, to).join('\n');
          return insert(body.split('\n').map((line) => toRow(JSON.parse(line))));
        }),
      );
      runs.push(
        await timed('pipeline in-process', batchSize, (from, to) =>
          pipeline.run(
            lines.slice(from, to).map((line): RawItem => ({ bytes: line })),
            'http',
          ),
        ),
      );
      const [only, parsed, inProcess] = runs.slice(-3);
      console.log(
        `  batch ${formatNumber(batchSize)}: insert only ${formatNumber(only.eventsPerSecond)}, ` +
          `parse + insert ${formatNumber(parsed.eventsPerSecond)}, pipeline ${formatNumber(inProcess.eventsPerSecond)} events/s`,
      );
    }
    printTable(
      `Raw ceiling vs pipeline, ${formatNumber(lines.length)} events per run (events/s)`,
      batchSizes.map((batchSize) => {
        const of = (path: PathName) => runs.find((run) => run.path === path && run.batchSize === batchSize)!;
        const ceiling = of('JSON.parse + insert').eventsPerSecond;
        return {
          'batch size': batchSize,
          'insert only': of('insert only').eventsPerSecond,
          'JSON.parse + insert (ceiling)': ceiling,
          'pipeline in-process': of('pipeline in-process').eventsPerSecond,
          'pipeline / ceiling': `${Math.round((of('pipeline in-process').eventsPerSecond / ceiling) * 100)} %`,
          'CPU ms/1k ev: insert / ceiling / pipeline': [
            'insert only',
            'JSON.parse + insert',
            'pipeline in-process',
          ]
            .map((path) => formatNumber(of(path as PathName).cpuMsPer1000Events))
            .join(' / '),
        };
      }),
    );

    // At a typical HTTP batch and at the largest batch above (Kafka backlog batches are that large).
    const stepBatchSizes = [...new Set([5_000, batchSizes[batchSizes.length - 1]])].filter(
      (size) => size <= lines.length,
    );
    const steps: StepTimes[] = [];
    for (const size of stepBatchSizes) {
      steps.push(await stepBreakdown(clickhouse, database, repository, lines, size, now));
    }
    const column = (times: StepTimes) => `batch ${formatNumber(times.batchSize)}`;
    printTable(
      `Pipeline steps, ${formatNumber(lines.length)} events (ms per 1,000 events, share of the pipeline)`,
      Object.keys(steps[0].msPer1000Events).map((step) => ({
        step,
        ...Object.fromEntries(
          steps.map((times) => [
            column(times),
            `${formatNumber(times.msPer1000Events[step])} (${Math.round(times.shareOfTotal[step] * 100)} %)`,
          ]),
        ),
      })),
    );
    printTable(
      'Duplicates lookup on the same keys (ms per 1,000 events)',
      [
        ['DossierEventRepository.findStored (as built)', 'currentMsPer1000Events'] as const,
        [`candidate: ${CANDIDATE_LOOKUP}`, 'candidateMsPer1000Events'] as const,
      ].map(([lookup, field]) => ({
        lookup,
        ...Object.fromEntries(steps.map((times) => [column(times), times.lookup[field]])),
        'same answers': steps.every((times) => times.lookup.sameAnswers),
      })),
    );

    // Printed with the summary, beside the HTTP and Kafka figures.
    const ratios = ceilingRatios(runs, earlier);
    return { events: lines.length, runs, steps, ratios };
  } finally {
    await clickhouse.drop(database);
  }
}

/** Times parse, validate, enrich, the duplicates lookup and the insert separately, batch by batch. */
async function stepBreakdown(
  clickhouse: BenchClickHouse,
  database: string,
  repository: DossierEventRepository,
  lines: readonly string[],
  batchSize: number,
  now: Date,
): Promise<StepTimes> {
  await clickhouse.truncate(database);
  const dropDuplicates = createDropDuplicatesStep((keys) => repository.findStored(keys));
  const totals: Record<string, number> = {
    'split NDJSON body': 0,
    'parse (JSON.parse)': 0,
    'validate (zod)': 0,
    'enrich (toEventRow)': 0,
    'drop duplicates (lookup query)': 0,
    'insert (client.insert)': 0,
  };
  const add = (step: string, start: number) => (totals[step] += msSince(start));
  const lookupMs: Record<string, number> = { current: 0, candidate: 0 };
  let sameAnswers = true;
  let batches = 0;
  for (const part of chunk(lines, batchSize)) {
    batches++;
    let start = performance.now();
    const body = part.join('\n');
    const items = body.split('\n').filter((line) => line.trim() !== '');
    add('split NDJSON body', start);

    start = performance.now();
    const parsed = items.map((line) => parseJson(line));
    add('parse (JSON.parse)', start);

    start = performance.now();
    const validated = parsed.map((result) => (result.kind === 'ok' ? validateEvent(result.value) : result));
    add('validate (zod)', start);

    start = performance.now();
    const rows = validated.flatMap((result) =>
      result.kind === 'ok' ? [toEventRow(result.value, { at: now, via: 'http' })] : [],
    );
    add('enrich (toEventRow)', start);

    start = performance.now();
    const fresh = (await dropDuplicates(rows)).flatMap((result) =>
      result.kind === 'ok' ? [result.value] : [],
    );
    add('drop duplicates (lookup query)', start);

    // Not part of the pipeline (so after its own lookup, on the same table): the repository's lookup and a
    // candidate on the same keys, in alternating order.
    const keys = rows.map((row) => ({
      source: row.source,
      dossierCode: row.dossier_code,
      eventId: row.event_id,
    }));
    const answers: Record<string, Set<string>> = {};
    const lookups: [string, () => Promise<Set<string>>][] = [
      ['current', () => repository.findStored(keys)],
      ['candidate', () => findStoredByDossierCodes(clickhouse, `${database}.dossier_events`, keys)],
    ];
    if (batches % 2 === 0) lookups.reverse();
    for (const [name, lookup] of lookups) {
      start = performance.now();
      answers[name] = await lookup();
      lookupMs[name] += msSince(start);
    }
    sameAnswers &&=
      answers.current.size === answers.candidate.size &&
      [...answers.current].every((key) => answers.candidate.has(key));

    start = performance.now();
    await repository.insert(fresh);
    add('insert (client.insert)', start);
  }
  const total = Object.values(totals).reduce((sum, value) => sum + value, 0);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    batchSize,
    batches,
    events: lines.length,
    msPer1000Events: Object.fromEntries(
      Object.entries(totals).map(([step, ms]) => [step, round((ms / lines.length) * 1000)]),
    ),
    shareOfTotal: Object.fromEntries(Object.entries(totals).map(([step, ms]) => [step, round(ms / total)])),
    lookup: {
      currentMsPer1000Events: round((lookupMs.current / lines.length) * 1000),
      candidateMsPer1000Events: round((lookupMs.candidate / lines.length) * 1000),
      candidate: CANDIDATE_LOOKUP,
      sameAnswers,
    },
  };
}

const CANDIDATE_LOOKUP =
  'SELECT source, event_id … WHERE source IN {sources:Array(String)} AND dossier_code IN {codes:Array(String)}, ' +
  'matched against the keys in JS';

/**
 * A candidate for DossierEventRepository.findStored, measured beside it: the dossier codes go in as one
 * query parameter (no SQL text to parse per key), the primary key (source, dossier_code, …) finds their
 * events, and the wanted (source, eventId) pairs are picked out here. (Against a server, chunk the codes:
 * parameters travel in the URL.)
 */
async function findStoredByDossierCodes(
  clickhouse: BenchClickHouse,
  table: string,
  keys: readonly EventKey[],
): Promise<Set<string>> {
  const stored = new Set<string>();
  if (keys.length === 0) return stored;
  const wanted = new Set(keys.map((key) => `${key.source}\0${key.eventId}`));
  const result = await clickhouse.client.query({
    query: `SELECT source, event_id FROM ${table}
            WHERE source IN {sources:Array(String)} AND dossier_code IN {codes:Array(String)}`,
    query_params: {
      sources: [...new Set(keys.map((key) => key.source))],
      codes: [...new Set(keys.map((key) => key.dossierCode))],
    },
    format: 'JSONCompactEachRow',
  });
  for (const [source, eventId] of await result.json<[string, string]>()) {
    const key = `${source}\0${eventId}`;
    if (wanted.has(key)) stored.add(key);
  }
  return stored;
}

function ceilingRatios(
  runs: CeilingRun[],
  earlier: { http?: HttpResults; kafka?: KafkaResults },
): CeilingRatio[] {
  const ceilingAt = (batchSize: number) =>
    runs.find((run) => run.path === 'JSON.parse + insert' && run.batchSize === batchSize)?.eventsPerSecond;
  const ratios: CeilingRatio[] = [];
  const push = (path: string, batchSize: number, pipelineEventsPerSecond: number) => {
    const ceiling = ceilingAt(batchSize);
    if (!ceiling) return;
    ratios.push({
      path,
      batchSize,
      pipelineEventsPerSecond,
      ceilingEventsPerSecond: ceiling,
      ratio: Math.round((pipelineEventsPerSecond / ceiling) * 1000) / 1000,
    });
  };
  for (const run of runs.filter((r) => r.path === 'pipeline in-process')) {
    push('pipeline in-process', run.batchSize, run.eventsPerSecond);
  }
  for (const run of earlier.http?.runs.filter((r) => r.clients === 1) ?? []) {
    push('HTTP POST /v1/events', run.batchSize, run.eventsPerSecond);
  }
  for (const run of earlier.kafka?.runs.filter((r) => r.completed && r.meanBatchSize) ?? []) {
    const batchSize = Math.max(100, Math.round(run.meanBatchSize! / 100) * 100);
    push(`Kafka, ${run.scenario} (steady)`, batchSize, run.steadyEventsPerSecond ?? run.eventsPerSecond);
  }
  return ratios;
}
