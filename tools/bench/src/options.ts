import { cpus } from 'node:os';
import { resolve } from 'node:path';

export const SECTIONS = [
  'kafka',
  'http',
  'ceiling',
  'query',
  'indicators',
  'reports',
  'page',
  'alerts',
  'soak',
] as const;
export type SectionName = (typeof SECTIONS)[number];
/** Without BENCH_SECTIONS: every section but the hour-long soak, which is asked for by name. */
export const DEFAULT_SECTIONS: readonly SectionName[] = SECTIONS.filter((section) => section !== 'soak');

/** Everything the benchmark can be told, from BENCH_* environment variables. */
export interface BenchOptions {
  /** Root of the run's files: results.json and the chDB / PGlite data directory. */
  outDir: string;
  /** DATA_DIR of every app and client in this process (chDB allows one per process). */
  dataDir: string;
  sections: SectionName[];
  seed: number;
  kafkaEvents: number;
  kafkaMaxBytes: number[];
  kafkaPartitionsConcurrently: number;
  httpEvents: number;
  httpBatchSizes: number[];
  httpConcurrentClients: number;
  dossiers: number;
  queryRuns: number;
  queryWarmup: number;
  queryYear: number;
  /** Section `indicators`: dossiers of the synthetic province loaded, timing runs, the PostgreSQL baseline. */
  indicatorDossiers: number;
  /** Section `reports`: dossiers of the synthetic province loaded for the II.06a report (timed as indicators are). */
  reportDossiers: number;
  indicatorRuns: number;
  indicatorWarmup: number;
  /** Stop timing a query after this long once it has run `indicatorMinRuns` times. */
  indicatorBudgetSeconds: number;
  indicatorMinRuns: number;
  /** Section `indicators`: events of the burst before the after-a-burst states (0: no burst). */
  burstEvents: number;
  /** Section `alerts`: dossiers of the synthetic province (this year), warm-up and timed rounds per rule set. */
  alertDossiers: number;
  alertWarmup: number;
  alertRuns: number;
  loadWorkers: number;
  /** Section `page`: dossiers loaded, page loads timed, dossiers posted one by one for event → screen. */
  pageDossiers: number;
  pageRuns: number;
  pageEvents: number;
  /** A folder to save the page's screenshots in (BENCH_PAGE_SCREENSHOTS); null: none. */
  pageScreenshots: string | null;
  /** Section `soak`: minutes the demo runs, a burst every so many minutes of so many events, a sample every so many seconds. */
  soakMinutes: number;
  soakBurstEveryMinutes: number;
  soakBurstEvents: number;
  soakSampleSeconds: number;
  /** The PostgreSQL server of the baseline (a fresh database is made on it); null: no baseline. */
  postgresUrl: string | null;
}

const integer = (name: string, fallback: number, min = 1): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
};

const integers = (name: string, fallback: number[]): number[] => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((part) => {
    const value = Number(part.trim().replaceAll('_', ''));
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name}: "${part}" is not a positive integer`);
    return value;
  });
};

const MiB = 1024 * 1024;

export function readOptions(): BenchOptions {
  const outDir = resolve(process.env.BENCH_OUT_DIR ?? '.bench');
  const sections = (process.env.BENCH_SECTIONS ?? DEFAULT_SECTIONS.join(','))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const section of sections) {
    if (!(SECTIONS as readonly string[]).includes(section)) {
      throw new Error(`BENCH_SECTIONS: unknown section "${section}" (known: ${SECTIONS.join(', ')})`);
    }
  }
  return {
    outDir,
    dataDir: resolve(process.env.BENCH_DATA_DIR ?? `${outDir}/data`),
    sections: sections as SectionName[],
    seed: integer('BENCH_SEED', 2026, 0),
    kafkaEvents: integer('BENCH_KAFKA_EVENTS', 200_000),
    kafkaMaxBytes: integers('BENCH_KAFKA_MAX_BYTES', [256 * 1024, 1 * MiB, 4 * MiB]),
    kafkaPartitionsConcurrently: integer('BENCH_KAFKA_PARTITIONS_CONCURRENTLY', 2),
    httpEvents: integer('BENCH_HTTP_EVENTS', 100_000),
    httpBatchSizes: integers('BENCH_HTTP_BATCH_SIZES', [1_000, 5_000, 10_000]),
    httpConcurrentClients: integer('BENCH_HTTP_CONCURRENT_CLIENTS', 2),
    dossiers: integer('BENCH_DOSSIERS', 1_000_000),
    queryRuns: integer('BENCH_QUERY_RUNS', 50),
    queryWarmup: integer('BENCH_QUERY_WARMUP', 5, 0),
    queryYear: integer('BENCH_QUERY_YEAR', 2025, 2000),
    indicatorDossiers: integer('BENCH_INDICATOR_DOSSIERS', 10_000_000),
    reportDossiers: integer('BENCH_REPORT_DOSSIERS', 10_000_000),
    indicatorRuns: integer('BENCH_INDICATOR_RUNS', 20),
    indicatorWarmup: integer('BENCH_INDICATOR_WARMUP', 2, 0),
    indicatorBudgetSeconds: integer('BENCH_INDICATOR_BUDGET_S', 10),
    indicatorMinRuns: integer('BENCH_INDICATOR_MIN_RUNS', 3),
    burstEvents: integer('BENCH_BURST_EVENTS', 1_000_000, 0),
    alertDossiers: integer('BENCH_ALERT_DOSSIERS', 10_000_000),
    alertWarmup: integer('BENCH_ALERT_WARMUP', 1, 0),
    alertRuns: integer('BENCH_ALERT_RUNS', 5),
    loadWorkers: integer('BENCH_LOAD_WORKERS', Math.max(1, cpus().length)),
    pageDossiers: integer('BENCH_PAGE_DOSSIERS', 50_000),
    pageRuns: integer('BENCH_PAGE_RUNS', 10),
    pageEvents: integer('BENCH_PAGE_EVENTS', 20),
    pageScreenshots: process.env.BENCH_PAGE_SCREENSHOTS?.trim()
      ? resolve(process.env.BENCH_PAGE_SCREENSHOTS.trim())
      : null,
    soakMinutes: integer('BENCH_SOAK_MINUTES', 60),
    soakBurstEveryMinutes: integer('BENCH_SOAK_BURST_EVERY_MINUTES', 10),
    soakBurstEvents: integer('BENCH_SOAK_BURST_EVENTS', 100_000),
    soakSampleSeconds: integer('BENCH_SOAK_SAMPLE_SECONDS', 60),
    postgresUrl: postgresUrl(),
  };
}

function postgresUrl(): string | null {
  const raw = process.env.BENCH_POSTGRES_URL?.trim();
  if (raw === 'off' || raw === 'false') return null;
  return raw || 'postgres://postgres@127.0.0.1:5432/postgres';
}
