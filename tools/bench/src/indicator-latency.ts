import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@dvc/config';
import {
  DossierSnapshotRepository,
  IndicatorClock,
  LOCAL_TIME_ZONE,
  IndicatorEngineRepository,
  IndicatorQueryInput,
  indicatorQuerySchema,
  IndicatorResult,
  IndicatorsService,
} from '@dvc/indicators';
import { BenchClickHouse } from './bench-clickhouse';
import { timeQuery, TimingOptions } from './engine-timing';
import { BenchOptions } from './options';
import {
  BaselineIndicator,
  Counts,
  POSTGRES_INDEXES,
  POSTGRES_SESSION_SETTINGS,
  PostgresBaseline,
  PostgresFigures,
  PostgresReport,
} from './postgres-baseline';
import { loadProvince, ProvinceLoad } from './province-load';
import {
  byteSize,
  formatNumber,
  LatencySummary,
  msSince,
  perSecond,
  printConfig,
  printHeading,
  printTable,
  Row,
} from './report';
import { publishSyntheticCatalogue, subtreeCodes } from './synthetic-catalogue';

/** The department of the department-month scenario (Sở Tư pháp in the synthetic province). */
const DEPARTMENT = '000.00.01.H12';
export const AIM_P95_MS = 100;
export const AIM_SPEED_UP = 20;

export const TIMED_INDICATORS = [
  'dossiers.online',
  'services.uptake',
  'dossiers.on_time',
  'dossiers.open',
  'dossiers.overdue',
  'payments.online',
  'dossiers.postal',
  'procedures.online',
  'procedures.level3',
  'procedures.level4',
  'procedures.level_growth',
  'procedures.portal',
] as const;
const BASELINE_INDICATORS: readonly BaselineIndicator[] = ['dossiers.online', 'dossiers.on_time'];

export type ScenarioKey = 'province-year' | 'department-month' | 'trend-30d';
/**
 * no snapshot: every dossier from dossier_state FINAL, as loaded (the baseline indicators only: seconds each).
 * snapshot: right after a rebuild. snapshot + a day: after a day of the feed (the last day's events, delivered
 * again) was ingested past its watermark; the first query makes the correction set for the dossiers it touched
 * (in the warm-up) and the timed ones reuse it, as a dashboard's other indicators and viewers do. live feed:
 * after a rebuild, the next ten seconds of an office-hours feed (new dossiers) ingested before every query, so
 * each one makes a new correction set: a query right after new events. live dashboard: the same feed going on,
 * with a correction set prepared after every step (untimed), as CorrectionSetScheduler does in the ingesting
 * process, and queries with maxLag reading it: the figures as of the feed's latest event. after a burst:
 * BENCH_BURST_EVENTS new events landed in a few minutes (a back-fill), with the scheduler's work done between its
 * chunks as it would be (a prepared set after each, a rebuild once the changes pass the threshold), then the live
 * feed's queries as in live feed (exact) and as in live dashboard (maxLag): issue 20's "right after a burst".
 */
export type TableState =
  | 'no snapshot'
  | 'snapshot'
  | 'snapshot + a day'
  | 'live feed'
  | 'live dashboard'
  | 'after a burst'
  | 'after a burst, maxLag';
const STATES: readonly TableState[] = [
  'no snapshot',
  'snapshot',
  'snapshot + a day',
  'live feed',
  'live dashboard',
  'after a burst',
  'after a burst, maxLag',
];
/** States timed only when asked for (BENCH_BURST_EVENTS > 0): not in a table's columns otherwise. */
const OPTIONAL_STATES: readonly TableState[] = ['no snapshot', 'after a burst', 'after a burst, maxLag'];
/** Issue 20's aims right after a burst: province-year p95 exact, and with maxLag. */
const AIM_BURST_P95_MS = 300;
const AIM_BURST_MAX_LAG_P95_MS = 100;

/** The province-year p95 aim of a state: issue 4's everywhere, issue 20's right after a burst. */
export function aimP95Ms(state: TableState): number {
  if (state === 'after a burst') return AIM_BURST_P95_MS;
  if (state === 'after a burst, maxLag') return AIM_BURST_MAX_LAG_P95_MS;
  return AIM_P95_MS;
}
const SNAPSHOT_STATES: readonly TableState[] = [
  'snapshot',
  'snapshot + a day',
  'live feed',
  'live dashboard',
];
/** maxLag of the live-dashboard queries, in seconds. */
const LIVE_DASHBOARD_MAX_LAG_SECONDS = 60;
/** Seconds of the feed ingested before each query of the live-feed state. */
const LIVE_FEED_SECONDS = 10;
/**
 * The scheduler's defaults (DOSSIER_SNAPSHOT_EVERY_SECONDS, DOSSIER_SNAPSHOT_MARGIN_SECONDS), in seconds of the
 * live feed: a rebuild after every 15 minutes of it, with its watermark 5 minutes behind, so the changes a
 * correction set covers span 5 to 20 minutes of the feed, as between rebuilds in production.
 */
const LIVE_FEED_REBUILD_EVERY_SECONDS = 900;
const LIVE_FEED_REBUILD_MARGIN_SECONDS = 300;

interface Scenario {
  key: ScenarioKey;
  name: string;
  input: IndicatorQueryInput;
  report: PostgresReport;
}

interface ScenarioFigures {
  numerator: number;
  denominator: number | null;
  value: number | null;
  lateEvents: number;
  /** Per day of a by-day trend, keyed by the day. */
  days?: Record<string, Counts>;
}

export interface IndicatorTiming {
  indicator: string;
  scenario: ScenarioKey;
  state: TableState;
  query: IndicatorQueryInput;
  figures: ScenarioFigures;
  /** IndicatorsService.compute, every statement (the figures and lateEvents). */
  latency: LatencySummary;
  /** The last run read a prepared correction set (its answer names the moment: asOf). */
  readPrepared: boolean;
}

export interface BaselineComparison {
  indicator: BaselineIndicator;
  scenario: ScenarioKey;
  clickhouse: ScenarioFigures;
  postgres: { total: Counts | null; days: Record<string, Counts> | null };
  equal: boolean;
  /** What differs (at most 5 entries). */
  differences: string[];
  postgresLatency: LatencySummary;
  clickhouseLatency: Partial<Record<TableState, LatencySummary>>;
  /** PostgreSQL p50 ÷ ClickHouse p50 (3 significant digits), per ClickHouse state. */
  speedUp: Partial<Record<TableState, number>>;
}

export interface IndicatorResults {
  dossiers: number;
  year: number;
  load: Omit<ProvinceLoad, 'postgresFiles'>;
  dossierState: { rowsAsLoaded: number; partsAsLoaded: number };
  dossierEventsParts: number;
  snapshot: { dossiers: number; buildMs: number; bytes: number };
  /** The day of the feed ingested again past the snapshot's watermark. */
  aDay: { day: string; events: number; dossiers: number; insertMs: number };
  timings: IndicatorTiming[];
  asOf: { query: IndicatorQueryInput; figures: ScenarioFigures; latency: LatencySummary };
  /** The figures are the same in every state, for every indicator and scenario timed in it. */
  statesAgree: boolean;
  /** The burst before the after-a-burst states (BENCH_BURST_EVENTS > 0). */
  burst?: BurstResults;
  postgres?: {
    database: string;
    server: Record<string, string>;
    indexes: string[];
    sessionSettings: string[];
    load: { rows: number; bytes: number; ms: number };
    indexMs: number;
    vacuumMs: number;
    tableBytes: number;
    indexBytes: number;
    comparisons: BaselineComparison[];
    plans: Record<string, string>;
  };
  postgresError?: string;
}

/**
 * Every indicator through IndicatorsService.compute at BENCH_INDICATOR_DOSSIERS dossiers of the synthetic
 * province (a year of them, ~5.5 events each), for a province-year, a department-month and a 30-day trend by
 * day: without a dossier snapshot (the baseline indicators), right after a rebuild, and after a day of the
 * feed ingested past its watermark; one asOf query; and the same dossiers.online and dossiers.on_time figures
 * from PostgreSQL on a one-row-per-dossier table with its best indexes.
 */
export async function indicatorLatency(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
): Promise<IndicatorResults> {
  const year = options.queryYear;
  printHeading(`5. Every indicator at ${formatNumber(options.indicatorDossiers)} dossiers, and PostgreSQL`);
  const database = await clickhouse.freshDatabase('indicators');
  const config = { CLICKHOUSE_DATABASE: database } as AppConfig;
  const scratch = join(options.outDir, `load-${randomBytes(4).toString('hex')}`);
  const timing: TimingOptions = {
    warmup: options.indicatorWarmup,
    runs: options.indicatorRuns,
    minRuns: Math.min(options.indicatorMinRuns, options.indicatorRuns),
    budgetMs: options.indicatorBudgetSeconds * 1000,
  };
  let baseline: PostgresBaseline | null = null;
  try {
    const load = await loadProvince({
      clickhouse,
      database,
      seed: options.seed,
      year,
      dossiers: options.indicatorDossiers,
      workers: options.loadWorkers,
      now: Date.now(),
      dir: scratch,
    });
    const catalogue = await publishSyntheticCatalogue(clickhouse.client, config, options.seed, year);
    const department = subtreeCodes(catalogue, DEPARTMENT);
    const scenarios: Scenario[] = [
      {
        key: 'province-year',
        name: `whole province, ${year}`,
        input: { period: String(year) },
        report: { from: `${year}-01-01`, to: `${year}-12-31`, agencyCodes: null, byDay: false },
      },
      {
        key: 'department-month',
        name: `department ${DEPARTMENT} (subtree of ${department.length}), ${year}-03`,
        input: { from: `${year}-03-01`, to: `${year}-03-31`, agency: DEPARTMENT },
        report: { from: `${year}-03-01`, to: `${year}-03-31`, agencyCodes: department, byDay: false },
      },
      {
        key: 'trend-30d',
        name: `whole province, ${year}-12-02..${year}-12-31 by day`,
        input: { from: `${year}-12-02`, to: `${year}-12-31`, groupBy: 'day' },
        report: { from: `${year}-12-02`, to: `${year}-12-31`, agencyCodes: null, byDay: true },
      },
    ];
    const rowsAsLoaded = await clickhouse.count(`${database}.dossier_state`);
    const partsAsLoaded = await clickhouse.activeParts(database, 'dossier_state');
    const dossierEventsParts = await clickhouse.activeParts(database, 'dossier_events');
    const generationMs = load.generation.reduce((total, worker) => total + worker.busyMs, 0);
    printConfig({
      dossiers: `${formatNumber(load.dossiers)} starting ${load.from}..${load.to} (${formatNumber(Math.round(load.dossiersPerDay))} per weekday on average; Saturdays 0.3, Sundays 0.1 of it)`,
      generator: `visitProvinceHistory (the events of provinceHistory, without building wire events), ${load.workers} worker threads on alternate days`,
      events: `${formatNumber(load.events)} distinct, ${formatNumber(load.rows)} rows inserted with the feed's repeats and re-sends (${byteSize(load.bytes)} of TSV in ${load.files} files)`,
      loading: load.insertMethod,
      'load time': `${formatNumber(load.loadMs / 1000)} s wall (${formatNumber(perSecond(load.rows, load.loadMs))} rows/s); inserts busy ${formatNumber(load.insertBusyMs / 1000)} s; generation busy ${formatNumber(generationMs / 1000)} s summed over workers`,
      'dossier_state as loaded': `${formatNumber(rowsAsLoaded)} rows in ${partsAsLoaded} parts; dossier_events: ${dossierEventsParts} parts`,
      'timed path':
        'IndicatorsService.compute → IndicatorEngineRepository, every statement (the figures and lateEvents)',
      runs: `${timing.warmup} warm-up + up to ${timing.runs} timed per query, sequential; fewer (≥ ${timing.minRuns}) past ${options.indicatorBudgetSeconds} s`,
    });

    const engine = new IndicatorEngineRepository(clickhouse.client, config);
    const service = new IndicatorsService(engine, new IndicatorClock());
    const inputOf = (indicator: string, scenario: Scenario): IndicatorQueryInput =>
      indicator === 'procedures.level_growth' ? { ...scenario.input, level: 4 } : scenario.input;
    const timed = (
      indicator: string,
      input: IndicatorQueryInput,
      options = timing,
      beforeEach?: () => Promise<void>,
    ) => {
      const query = indicatorQuerySchema.parse(input);
      return timeQuery(options, () => service.compute(indicator, query), undefined, beforeEach);
    };
    const ms = (value: number) => `${formatNumber(value)} ms`;

    const timings: IndicatorTiming[] = [];
    const measure = async (
      state: TableState,
      indicators: readonly string[],
      options = timing,
      beforeEach?: () => Promise<void>,
      extraInput: Partial<IndicatorQueryInput> = {},
    ) => {
      for (const scenario of scenarios) {
        for (const indicator of indicators) {
          const input = { ...inputOf(indicator, scenario), ...extraInput };
          const { latency, last } = await timed(indicator, input, options, beforeEach);
          const figures = figuresOf(last, scenario.report.byDay);
          const readPrepared = input.asOf === undefined && last.asOf !== null;
          timings.push({
            indicator,
            scenario: scenario.key,
            state,
            query: input,
            figures,
            latency,
            readPrepared,
          });
          console.log(
            `  ${state}, ${scenario.key}, ${indicator}: p50 ${ms(latency.p50Ms)}, p95 ${ms(latency.p95Ms)} ` +
              `(${latency.runs} runs) → ${formatNumber(figures.numerator)} / ${figures.denominator === null ? '–' : formatNumber(figures.denominator)}, ` +
              `${formatNumber(figures.lateEvents)} late events`,
          );
        }
      }
    };

    await measure('no snapshot', BASELINE_INDICATORS, { ...timing, warmup: 1, runs: 3, minRuns: 1 });
    const asOfInput: IndicatorQueryInput = { period: String(year), asOf: `${year + 1}-01-10T00:00:00+07:00` };
    const asOfRun = await timed('dossiers.online', asOfInput, { ...timing, warmup: 0, runs: 1, minRuns: 1 });
    const asOf = { query: asOfInput, figures: figuresOf(asOfRun.last, false), latency: asOfRun.latency };
    console.log(
      `  asOf ${asOfInput.asOf}, province-year, dossiers.online: ${ms(asOfRun.latency.p50Ms)} (1 run; ` +
        'the figures group the raw events by dossier)',
    );

    // The loader stamps each event's arrival in the simulated year, so a watermark of now covers them all.
    const build = await new DossierSnapshotRepository(clickhouse.client, config).rebuild(new Date());
    const snapshotBytes = await clickhouse.tableBytes(database, 'dossier_snapshot');
    const rows = async (table: string) =>
      Number(await clickhouse.scalar(`SELECT count() FROM ${database}.${table}`));
    console.log(
      `  dossier snapshot: ${formatNumber(build.dossiers)} dossiers in ${formatNumber(build.buildMs / 1000)} s, ${byteSize(snapshotBytes)}; ` +
        `${formatNumber(await rows('dossier_day_counts'))} rows of day counts by procedure, ` +
        `${formatNumber(await rows('dossier_agency_day_counts'))} by agency`,
    );
    await measure('snapshot', TIMED_INDICATORS);

    const aDay = await ingestADayAgain(clickhouse, database, `${year}-12-31`);
    console.log(
      `  a day of the feed past the watermark: the ${formatNumber(aDay.events)} events of ${aDay.day} ingested again ` +
        `(${formatNumber(aDay.dossiers)} dossiers touched) in ${formatNumber(aDay.insertMs / 1000)} s`,
    );
    await measure('snapshot + a day', TIMED_INDICATORS);

    // Office hours: the first rebuild holds the re-sent day; the feed arrives after it.
    const snapshots = new DossierSnapshotRepository(clickhouse.client, config);
    await snapshots.rebuild(new Date());
    const feed = liveFeed(clickhouse, database, `${year}-12-30`, snapshots);
    await measure('live feed', TIMED_INDICATORS, timing, feed.next);
    /** A dashboard with maxLag: each query after a step of the feed and the set the scheduler would prepare. */
    const measureWithMaxLag = (state: TableState) =>
      measure(
        state,
        TIMED_INDICATORS,
        timing,
        async () => {
          await feed.next();
          await engine.prepareCorrectionSet();
        },
        { maxLag: LIVE_DASHBOARD_MAX_LAG_SECONDS },
      );
    await measureWithMaxLag('live dashboard');
    const unprepared = timings.filter((entry) => entry.state === 'live dashboard' && !entry.readPrepared);
    console.log(
      `  live dashboard: maxLag=${LIVE_DASHBOARD_MAX_LAG_SECONDS}, a correction set prepared after every step of the feed (untimed); ` +
        `queries that read one: ${unprepared.length === 0 ? 'all' : `all but ${unprepared.map((entry) => `${entry.scenario} ${entry.indicator}`).join(', ')} (nothing touched since the latest build's watermark, or no set within maxLag)`}`,
    );
    console.log(
      `  live feed: ${formatNumber(feed.events())} events, those of ${year}-12-30 from 08:00 (local) as new dossiers ` +
        `happening now, ${LIVE_FEED_SECONDS} s of them before each query; ${feed.rebuilds()} rebuilds, one per ` +
        `${LIVE_FEED_REBUILD_EVERY_SECONDS} s of the feed with the watermark ${LIVE_FEED_REBUILD_MARGIN_SECONDS} s of it behind`,
    );

    let burst: BurstResults | undefined;
    if (options.burstEvents > 0) {
      burst = await ingestABurst(clickhouse, database, year, options.burstEvents, engine, snapshots);
      console.log(
        `  a burst: ${formatNumber(burst.events)} events (${formatNumber(burst.dossiers)} new dossiers) in ${burst.chunks} chunks, ` +
          `${formatNumber(burst.wallMs / 1000)} s wall; after each chunk a prepared set (${formatNumber(burst.prepareMs.p50)} ms p50, ` +
          `${formatNumber(burst.prepareMs.last)} ms the last, ${formatNumber(burst.prepareMs.max)} ms the most), ` +
          `${burst.rebuilds} rebuilds (changes ≥ ${formatNumber(BURST_REBUILD_AFTER_CHANGES)}); ` +
          `${formatNumber(burst.changesLeft)} changes past the watermark when it ended`,
      );
      await measure('after a burst', TIMED_INDICATORS, timing, feed.next);
      await measureWithMaxLag('after a burst, maxLag');
      for (const state of ['after a burst', 'after a burst, maxLag'] as const) {
        const aim = aimP95Ms(state);
        const over = timings.filter(
          (entry) =>
            entry.state === state && entry.scenario === 'province-year' && entry.latency.p95Ms >= aim,
        );
        console.log(
          `  ${state}: province-year p95 < ${aim} ms for ${over.length === 0 ? 'every indicator' : `all but ${over.map((entry) => entry.indicator).join(', ')}`}`,
        );
      }
    }

    const statesAgree = timings.every(
      (entry) =>
        JSON.stringify(find(timings, entry.indicator, entry.scenario, 'snapshot')?.figures) ===
        JSON.stringify(entry.figures),
    );
    const results: IndicatorResults = {
      dossiers: load.dossiers,
      year,
      load: withoutFiles(load),
      dossierState: { rowsAsLoaded, partsAsLoaded },
      dossierEventsParts,
      snapshot: { dossiers: build.dossiers, buildMs: build.buildMs, bytes: snapshotBytes },
      aDay,
      timings,
      asOf,
      statesAgree,
      burst,
    };

    if (options.postgresUrl) {
      try {
        baseline = await PostgresBaseline.create(options.postgresUrl);
        results.postgres = await postgresBaseline(baseline, load, scenarios, timings, timing);
      } catch (error) {
        results.postgresError = (error as Error).stack ?? String(error);
        console.error(`  PostgreSQL baseline failed: ${results.postgresError}`);
      }
    }
    printIndicatorTables(results, scenarios);
    return results;
  } finally {
    await baseline?.drop().catch(() => undefined);
    await clickhouse.drop(database);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A day of the feed arriving after the snapshot's watermark: the events that happened on `day` (local),
 * delivered again now with their ids, as a vendor's retry would. The figures must not move; the dossiers they
 * touch are read from dossier_state until the next rebuild.
 */
async function ingestADayAgain(clickhouse: BenchClickHouse, database: string, day: string) {
  const inDay = `toDate(occurred_at, '${LOCAL_TIME_ZONE}') = toDate('${day}')`;
  const count = async (what: string) => {
    const result = await clickhouse.client.query({
      query: `SELECT ${what} AS n FROM ${database}.dossier_events WHERE ${inDay}`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string | number }>();
    return Number(row.n);
  };
  const events = await count('count()');
  const dossiers = await count('uniqExact(source, dossier_code)');
  const start = performance.now();
  await clickhouse.client.command({
    query: `INSERT INTO ${database}.dossier_events
            SELECT * REPLACE (now64(3, 'UTC') AS ingested_at) FROM ${database}.dossier_events WHERE ${inDay}`,
  });
  return { day, events, dossiers, insertMs: Math.round(msSince(start)) };
}

/** The scheduler's default DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES and DOSSIER_SNAPSHOT_BURST_MARGIN_SECONDS. */
const BURST_REBUILD_AFTER_CHANGES = 100_000;
const BURST_REBUILD_MARGIN_MS = 30_000;

export interface BurstResults {
  events: number;
  dossiers: number;
  chunks: number;
  wallMs: number;
  /** The prepared set after each chunk: its making, as CorrectionSetScheduler's tick. */
  prepareMs: { p50: number; max: number; last: number };
  rebuilds: number;
  /** Rows of dossier_touches past the latest build's watermark when the burst ended. */
  changesLeft: number;
}

/**
 * A back-fill landing: at least `target` events of `year`, a day of them at a time from 2 January, ingested now as
 * the events of new dossiers (codes and ids suffixed) moved to happen from now on, so the bench's periods keep
 * their figures (which every state must then give). Between chunks, what the ingesting process's schedulers do
 * meanwhile: a prepared correction set (CorrectionSetScheduler, every few seconds while events arrive) and, once
 * the changes since the watermark pass the threshold, a rebuild with the burst margin
 * (DossierSnapshotScheduler.rebuildIfBurst). Both untimed by the queries; the sets' making is recorded.
 */
async function ingestABurst(
  clickhouse: BenchClickHouse,
  database: string,
  year: number,
  target: number,
  engine: IndicatorEngineRepository,
  snapshots: DossierSnapshotRepository,
): Promise<BurstResults> {
  const start = performance.now();
  const from = Date.parse(`${year}-01-02T00:00:00+07:00`);
  const shift = `toIntervalSecond(${Math.round((Date.now() - from) / 1000)})`;
  const prepareMs: number[] = [];
  let events = 0;
  let dossiers = 0;
  let chunks = 0;
  let rebuilds = 0;
  const changesPastWatermark = async () =>
    Number(
      await clickhouse.scalar(
        `SELECT count() FROM ${database}.dossier_touches
         WHERE ingested_at > (SELECT max(watermark) FROM ${database}.dossier_snapshot_builds)`,
      ),
    );
  for (let day = 0; events < target && day < 360; day += 1) {
    const inDay = `toDate(occurred_at, '${LOCAL_TIME_ZONE}') = toDate('${year}-01-02') + ${day}`;
    const [counts] = await (
      await clickhouse.client.query({
        query: `SELECT count() AS events, uniqExact(source, dossier_code) AS dossiers
                FROM ${database}.dossier_events WHERE ${inDay}`,
        format: 'JSONEachRow',
      })
    ).json<{ events: string; dossiers: string }>();
    await clickhouse.client.command({
      query: `INSERT INTO ${database}.dossier_events
              SELECT * REPLACE (concat(event_id, '-burst') AS event_id, concat(dossier_code, '-burst') AS dossier_code,
                                occurred_at + ${shift} AS occurred_at, due_at + ${shift} AS due_at,
                                now64(3, 'UTC') AS ingested_at)
              FROM (SELECT * FROM ${database}.dossier_events WHERE ${inDay})`,
    });
    events += Number(counts.events);
    dossiers += Number(counts.dossiers);
    chunks += 1;
    const prepared = performance.now();
    await engine.prepareCorrectionSet();
    prepareMs.push(msSince(prepared));
    if ((await changesPastWatermark()) >= BURST_REBUILD_AFTER_CHANGES) {
      await snapshots.rebuild(new Date(Date.now() - BURST_REBUILD_MARGIN_MS));
      rebuilds += 1;
    }
  }
  const sorted = [...prepareMs].sort((a, b) => a - b);
  return {
    events,
    dossiers,
    chunks,
    wallMs: Math.round(msSince(start)),
    prepareMs: {
      p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      max: Math.round(sorted.at(-1) ?? 0),
      last: Math.round(prepareMs.at(-1) ?? 0),
    },
    rebuilds,
    changesLeft: await changesPastWatermark(),
  };
}

/**
 * An office-hours feed arriving while the dashboard is read: each call of `next` ingests, stamped now, the events
 * that happened in the next LIVE_FEED_SECONDS of `day` from 08:00 local, as the events of new dossiers (codes and
 * ids suffixed) happening now: they arrive on time and touch dossiers after the correction set in use, and leave
 * the figures of the bench's periods as they are. The snapshot is rebuilt as the scheduler would (untimed, before
 * the feed goes on): after every LIVE_FEED_REBUILD_EVERY_SECONDS of the feed, with the watermark where the feed was
 * LIVE_FEED_REBUILD_MARGIN_SECONDS earlier.
 */
function liveFeed(
  clickhouse: BenchClickHouse,
  database: string,
  day: string,
  snapshots: DossierSnapshotRepository,
) {
  let offset = 0;
  let events = 0;
  let rebuilds = 0;
  let lastRebuildAt = 0;
  /** When each step of the feed had been ingested, by its offset. */
  const ingestedBy = new Map<number, Date>();
  const dayStart = Date.parse(`${day}T08:00:00+07:00`);
  return {
    next: async () => {
      if (offset - lastRebuildAt >= LIVE_FEED_REBUILD_EVERY_SECONDS) {
        await snapshots.rebuild(ingestedBy.get(offset - LIVE_FEED_REBUILD_MARGIN_SECONDS) ?? new Date());
        lastRebuildAt = offset;
        rebuilds += 1;
      }
      const start = `toDateTime64('${day} 08:00:00', 3, '${LOCAL_TIME_ZONE}') + INTERVAL ${offset} SECOND`;
      const window = `occurred_at >= ${start} AND occurred_at < ${start} + INTERVAL ${LIVE_FEED_SECONDS} SECOND`;
      const shift = `toIntervalSecond(${Math.round((Date.now() - dayStart) / 1000) - offset})`;
      offset += LIVE_FEED_SECONDS;
      const result = await clickhouse.client.query({
        query: `SELECT count() AS n FROM ${database}.dossier_events WHERE ${window}`,
        format: 'JSONEachRow',
      });
      const [row] = await result.json<{ n: string }>();
      events += Number(row.n);
      await clickhouse.client.command({
        query: `INSERT INTO ${database}.dossier_events
                SELECT * REPLACE (concat(event_id, '-live') AS event_id, concat(dossier_code, '-live') AS dossier_code,
                                  occurred_at + ${shift} AS occurred_at, due_at + ${shift} AS due_at,
                                  now64(3, 'UTC') AS ingested_at)
                -- Filtered apart: the outer WHERE would read the shifted occurred_at (aliases shadow columns).
                FROM (SELECT * FROM ${database}.dossier_events WHERE ${window})`,
      });
      ingestedBy.set(offset, new Date());
    },
    events: () => events,
    rebuilds: () => rebuilds,
  };
}

const find = (
  timings: readonly IndicatorTiming[],
  indicator: string,
  scenario: ScenarioKey,
  state: TableState,
) =>
  timings.find(
    (entry) => entry.indicator === indicator && entry.scenario === scenario && entry.state === state,
  );

async function postgresBaseline(
  baseline: PostgresBaseline,
  load: ProvinceLoad,
  scenarios: readonly Scenario[],
  timings: readonly IndicatorTiming[],
  timing: TimingOptions,
): Promise<NonNullable<IndicatorResults['postgres']>> {
  const server = await baseline.serverInfo();
  console.log(`\n  PostgreSQL ${server.server_version}: database ${baseline.database}`);
  const loaded = await baseline.load(load.postgresFiles);
  console.log(
    `  COPY ${formatNumber(loaded.rows)} dossiers (${byteSize(loaded.bytes)}) in ${formatNumber(loaded.ms / 1000)} s ` +
      `(${formatNumber(perSecond(loaded.rows, loaded.ms))} rows/s, ${load.postgresFiles.length} connections)`,
  );
  const indexed = await baseline.index();
  console.log(
    `  ${POSTGRES_INDEXES.length} indexes in ${formatNumber(indexed.indexMs / 1000)} s, VACUUM ANALYZE ${formatNumber(indexed.vacuumMs / 1000)} s; ` +
      `table ${byteSize(indexed.tableBytes)}, indexes ${byteSize(indexed.indexBytes)}`,
  );
  const comparisons: BaselineComparison[] = [];
  const plans: Record<string, string> = {};
  const ratio = (postgres: number, clickhouse: number) => Number((postgres / clickhouse).toPrecision(3));
  for (const scenario of scenarios) {
    for (const indicator of BASELINE_INDICATORS) {
      const { latency, last } = await timeQuery(timing, () => baseline.figures(indicator, scenario.report));
      plans[`${indicator} ${scenario.key}`] = await baseline.plan(indicator, scenario.report);
      const snapshot = find(timings, indicator, scenario.key, 'snapshot')!;
      const { equal, differences } = compareFigures(snapshot.figures, last);
      const clickhouseLatency: BaselineComparison['clickhouseLatency'] = {};
      const speedUp: BaselineComparison['speedUp'] = {};
      for (const state of STATES) {
        const timed = find(timings, indicator, scenario.key, state);
        if (!timed) continue;
        clickhouseLatency[state] = timed.latency;
        speedUp[state] = ratio(latency.p50Ms, timed.latency.p50Ms);
      }
      comparisons.push({
        indicator,
        scenario: scenario.key,
        clickhouse: snapshot.figures,
        postgres: { total: last.total, days: last.days ? Object.fromEntries(last.days) : null },
        equal,
        differences,
        postgresLatency: latency,
        clickhouseLatency,
        speedUp,
      });
      const shown = last.total ?? sumCounts([...(last.days?.values() ?? [])]);
      console.log(
        `  PostgreSQL ${scenario.key}, ${indicator}: p50 ${formatNumber(latency.p50Ms)} ms, p95 ${formatNumber(latency.p95Ms)} ms ` +
          `(${latency.runs} runs) → ${formatNumber(shown.numerator)} / ${formatNumber(shown.denominator)}${last.days ? ' summed over the days' : ''}; ` +
          `same as ClickHouse: ${equal ? 'yes' : `NO (${differences.join('; ')})`}`,
      );
    }
  }
  return {
    database: baseline.database,
    server,
    indexes: [...POSTGRES_INDEXES],
    sessionSettings: [...POSTGRES_SESSION_SETTINGS],
    load: loaded,
    ...indexed,
    comparisons,
    plans,
  };
}

function figuresOf(result: IndicatorResult, byDay: boolean): ScenarioFigures {
  const figures: ScenarioFigures = {
    numerator: result.numerator,
    denominator: result.denominator,
    value: result.value === null ? null : Number(result.value.toFixed(6)),
    lateEvents: result.lateEvents,
  };
  if (byDay) {
    figures.days = Object.fromEntries(
      (result.groups ?? []).map((group) => [
        String(group.from ?? group.key),
        { numerator: group.numerator, denominator: group.denominator ?? 0 },
      ]),
    );
  }
  return figures;
}

const sumCounts = (counts: readonly Counts[]): Counts => ({
  numerator: counts.reduce((total, entry) => total + entry.numerator, 0),
  denominator: counts.reduce((total, entry) => total + entry.denominator, 0),
});

/** ClickHouse's counts against PostgreSQL's: the period's, or every day's of a trend. */
function compareFigures(
  clickhouse: ScenarioFigures,
  postgres: PostgresFigures,
): { equal: boolean; differences: string[] } {
  const differences: string[] = [];
  const same = (a: Counts, b: Counts) => a.numerator === b.numerator && a.denominator === b.denominator;
  const text = (counts: Counts) => `${counts.numerator}/${counts.denominator}`;
  if (postgres.total) {
    const ours = { numerator: clickhouse.numerator, denominator: clickhouse.denominator ?? 0 };
    if (!same(ours, postgres.total))
      differences.push(`ClickHouse ${text(ours)}, PostgreSQL ${text(postgres.total)}`);
  }
  if (postgres.days) {
    const days = new Set([...Object.keys(clickhouse.days ?? {}), ...postgres.days.keys()]);
    for (const day of [...days].sort()) {
      const ours = clickhouse.days?.[day] ?? { numerator: 0, denominator: 0 };
      const theirs = postgres.days.get(day) ?? { numerator: 0, denominator: 0 };
      if (!same(ours, theirs))
        differences.push(`${day}: ClickHouse ${text(ours)}, PostgreSQL ${text(theirs)}`);
    }
  }
  return { equal: differences.length === 0, differences: differences.slice(0, 5) };
}

function withoutFiles(load: ProvinceLoad): Omit<ProvinceLoad, 'postgresFiles'> {
  const { postgresFiles: _files, ...rest } = load;
  return rest;
}

const latencyCell = (latency: LatencySummary | null | undefined) =>
  latency ? `${formatNumber(latency.p50Ms)} / ${formatNumber(latency.p95Ms)}` : '–';
const countsCell = (counts: Counts) =>
  `${formatNumber(counts.numerator)} / ${formatNumber(counts.denominator)}`;
const times = (ratio: number | null) => (ratio === null ? '–' : `${formatNumber(ratio)}×`);

function printIndicatorTables(results: IndicatorResults, scenarios: readonly Scenario[]): void {
  const { timings } = results;
  printTable(
    `compute (every statement), p50 / p95 ms (runs); ${formatNumber(results.dossiers)} dossiers, ` +
      `${formatNumber(results.load.rows)} event rows; snapshot: ${formatNumber(results.snapshot.dossiers)} dossiers, ` +
      `rebuilt in ${formatNumber(results.snapshot.buildMs / 1000)} s; a day: ${formatNumber(results.aDay.events)} events of ` +
      `${results.aDay.day} ingested again, ${formatNumber(results.aDay.dossiers)} dossiers touched`,
    TIMED_INDICATORS.map((indicator) => {
      const row: Row = { indicator };
      for (const scenario of scenarios)
        for (const state of STATES) {
          const timed = find(timings, indicator, scenario.key, state);
          if (!OPTIONAL_STATES.includes(state) || timed)
            row[`${scenario.key}, ${state}`] = timed
              ? `${latencyCell(timed.latency)} (${timed.latency.runs})`
              : '–';
        }
      row[`province-year p95 < ${AIM_P95_MS} ms`] = SNAPSHOT_STATES.every(
        (state) => (find(timings, indicator, 'province-year', state)?.latency.p95Ms ?? Infinity) < AIM_P95_MS,
      );
      return row;
    }),
  );
  printTable(
    `figures (snapshot; the same in every state: ${results.statesAgree ? 'yes' : 'NO'})`,
    TIMED_INDICATORS.map((indicator) => {
      const row: Row = { indicator };
      for (const scenario of scenarios) {
        const figures = find(timings, indicator, scenario.key, 'snapshot')?.figures;
        row[scenario.key] = figures
          ? `${formatNumber(figures.numerator)} / ${figures.denominator === null ? '–' : formatNumber(figures.denominator)}` +
            (figures.value === null ? '' : ` = ${formatNumber(figures.value)}`) +
            `; ${formatNumber(figures.lateEvents)} late`
          : '–';
      }
      return row;
    }),
  );
  printTable('asOf: the figures group the raw events by dossier (dossier_event_facts), no snapshot', [
    {
      indicator: 'dossiers.online',
      query: JSON.stringify(results.asOf.query),
      figures: `${formatNumber(results.asOf.figures.numerator)} / ${formatNumber(results.asOf.figures.denominator ?? 0)}`,
      'late events': results.asOf.figures.lateEvents,
      ms: results.asOf.latency.p50Ms,
    },
  ]);
  const postgres = results.postgres;
  if (!postgres) return;
  printTable(
    `PostgreSQL baseline: ${formatNumber(postgres.load.rows)} dossiers, one row each, ${postgres.indexes.length} covering indexes; ` +
      `p50 / p95 ms; speed-up = PostgreSQL p50 ÷ ClickHouse p50 (aim ≥ ${AIM_SPEED_UP}×)`,
    postgres.comparisons.map((comparison) => {
      const clickhouseTotal = comparison.clickhouse.days
        ? sumCounts(Object.values(comparison.clickhouse.days))
        : { numerator: comparison.clickhouse.numerator, denominator: comparison.clickhouse.denominator ?? 0 };
      const row: Row = {
        indicator: comparison.indicator,
        scenario: comparison.scenario,
        'ClickHouse counts': countsCell(clickhouseTotal),
        'PostgreSQL counts': countsCell(
          comparison.postgres.total ?? sumCounts(Object.values(comparison.postgres.days ?? {})),
        ),
        equal: comparison.equal,
        PostgreSQL: latencyCell(comparison.postgresLatency),
      };
      for (const state of STATES) {
        row[`ClickHouse, ${state}`] = latencyCell(comparison.clickhouseLatency[state]);
        row[`speed-up, ${state}`] = times(comparison.speedUp[state] ?? null);
      }
      row[`≥ ${AIM_SPEED_UP}× with a snapshot`] = SNAPSHOT_STATES.every(
        (state) => (comparison.speedUp[state] ?? 0) >= AIM_SPEED_UP,
      );
      return row;
    }),
  );
}
