import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BenchClickHouse } from './bench-clickhouse';
import type { LoadWorkerData, LoadWorkerMessage } from './province-load.worker';
import { EVENT_COLUMNS, EVENT_STRUCTURE } from './province-rows';
import { msSince } from './report';

const DAY = 86_400_000;
const LOCAL_OFFSET = 7 * 3_600_000;

export interface ProvinceLoadRequest {
  clickhouse: BenchClickHouse;
  database: string;
  seed: number;
  /** Dossiers start on every day of this year. */
  year: number;
  /** About this many dossiers (the generator draws each day's volume around its mean). */
  dossiers: number;
  workers: number;
  /** Events after this instant have not happened yet. */
  now: number;
  /** Scratch directory for the files in flight (removed by the caller). */
  dir: string;
}

export interface ProvinceLoad {
  from: string;
  to: string;
  dossiersPerDay: number;
  days: number;
  dossiers: number;
  /** Distinct events of the history. */
  events: number;
  /** Rows inserted into dossier_events: the events plus those delivered twice or re-sent under a new id. */
  rows: number;
  bytes: number;
  files: number;
  workers: number;
  /** From the first worker starting to the last insert returning. */
  loadMs: number;
  /** Time the main thread spent in inserts (the rest it waited for files). */
  insertBusyMs: number;
  /** Per worker: generating and writing, and waiting for the inserts to catch up. */
  generation: { worker: number; busyMs: number; waitMs: number }[];
  insertMethod: string;
  postgresFiles: string[];
  postgresRows: number;
}

/** Mean dossiers per weekday that give about `dossiers` over the year (Saturdays 0.3, Sundays 0.1 of it). */
export function dossiersPerDayFor(dossiers: number, year: number): number {
  let weight = 0;
  for (let time = Date.parse(`${year}-01-01`); time < Date.parse(`${year + 1}-01-01`); time += DAY) {
    const weekday = new Date(time).getUTCDay();
    weight += weekday === 0 ? 0.1 : weekday === 6 ? 0.3 : 1;
  }
  return dossiers / weight;
}

/**
 * Loads a year of the synthetic province into `dossier_events` as fast as this machine allows: worker
 * threads run the generator (`visitProvinceHistory`, the same events as `provinceHistory`) on alternate
 * days and write TSV files; the main thread inserts each file as one INSERT … SELECT FROM file() (chDB parses
 * it with its own threads), or streams it to a ClickHouse server. The materialized view fills dossier_state
 * as in production. The workers also fold each dossier into a PostgreSQL row (COPY text, loaded later).
 */
export async function loadProvince(request: ProvinceLoadRequest): Promise<ProvinceLoad> {
  const { clickhouse, database } = request;
  const from = `${request.year}-01-01`;
  const to = `${request.year}-12-31`;
  const dossiersPerDay = dossiersPerDayFor(request.dossiers, request.year);
  mkdirSync(request.dir, { recursive: true });
  const table = `${database}.dossier_events`;
  const viaFile = !process.env.CLICKHOUSE_URL;
  const insert = async (file: string) => {
    if (viaFile) {
      if (!/^[\w./-]+$/.test(file)) throw new Error(`unexpected characters in ${file}`);
      await clickhouse.client.command({
        query: `INSERT INTO ${table} (${EVENT_COLUMNS.join(', ')})
                SELECT * FROM file('${file}', TSV, '${EVENT_STRUCTURE}')`,
      });
    } else {
      await clickhouse.client.insert({
        table,
        columns: [...EVENT_COLUMNS],
        values: createReadStream(file),
        format: 'TabSeparated',
      });
    }
  };

  const start = performance.now();
  const workers = Array.from({ length: request.workers }, (_, index) => {
    const workerData: LoadWorkerData = {
      index,
      workers: request.workers,
      seed: request.seed,
      from,
      to,
      dossiersPerDay,
      now: request.now,
      dir: request.dir,
      fileBytes: 96 * 1024 * 1024,
      maxPendingFiles: 2,
    };
    return new Worker(join(__dirname, 'province-load.worker.js'), { workerData });
  });
  const queue: Extract<LoadWorkerMessage, { kind: 'events' }>[] = [];
  const done: Extract<LoadWorkerMessage, { kind: 'done' }>[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const nudge = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  for (const worker of workers) {
    worker.on('message', (message: LoadWorkerMessage) => {
      if (message.kind === 'events') queue.push(message);
      else done.push(message);
      nudge();
    });
    worker.on('error', (error) => {
      failure ??= error;
      nudge();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`load worker exited with code ${code}`);
      nudge();
    });
  }

  let insertBusyMs = 0;
  let files = 0;
  let bytes = 0;
  try {
    while (done.length < workers.length || queue.length > 0) {
      if (failure) throw failure;
      const next = queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const insertStart = performance.now();
      await insert(next.file);
      insertBusyMs += msSince(insertStart);
      rmSync(next.file, { force: true });
      workers[next.worker].postMessage('credit');
      files++;
      bytes += next.bytes;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  const loadMs = msSince(start);
  const sum = (pick: (message: (typeof done)[number]) => number) =>
    done.reduce((total, message) => total + pick(message), 0);
  return {
    from,
    to,
    dossiersPerDay,
    days: sum((message) => message.days),
    dossiers: sum((message) => message.dossiers),
    events: sum((message) => message.events),
    rows: sum((message) => message.rows),
    bytes,
    files,
    workers: workers.length,
    loadMs,
    insertBusyMs,
    generation: done
      .sort((a, b) => a.worker - b.worker)
      .map(({ worker, busyMs, waitMs }) => ({ worker, busyMs, waitMs })),
    insertMethod: viaFile
      ? 'TSV files, INSERT INTO dossier_events SELECT * FROM file(…, TSV) (chDB reads them in-process)'
      : 'TSV files streamed with client.insert (TabSeparated)',
    postgresFiles: done.map((message) => message.postgresFile),
    postgresRows: sum((message) => message.postgresRows),
  };
}

/** Local midnight (UTC+07:00) of a local day, as UTC ms. */
export const localMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - LOCAL_OFFSET;
