import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@dvc/config';
import {
  IndicatorClock,
  IndicatorEngineRepository,
  IndicatorQueryInput,
  indicatorQuerySchema,
  IndicatorResult,
  IndicatorsService,
} from '@dvc/indicators';
import { BenchClickHouse } from './bench-clickhouse';
import { EngineStatementClock, timeQuery, TimingOptions } from './engine-timing';
import { lateEventsStatements } from './late-events-candidate';
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
export type TableState = 'as loaded' | 'merged';
const STATES: readonly TableState[] = ['as loaded', 'merged'];

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

/** compute as built, and the p50 of the statements inside it (they run concurrently). */
export interface AsBuiltTiming {
  latency: LatencySummary;
  lateEventsP50Ms: number;
  figuresP50Ms: number;
}

export interface IndicatorTiming {
  indicator: string;
  scenario: ScenarioKey;
  state: TableState;
  query: IndicatorQueryInput;
  figures: ScenarioFigures;
  /** compute with lateEvents answered from an earlier real call for the same query: the figures' statements. */
  figuresAlone: LatencySummary;
  /** compute as built (every statement), for the indicators timed that way. */
  asBuilt: AsBuiltTiming | null;
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
  asBuilt: Record<TableState, LatencySummary | null>;
  figuresAlone: Record<TableState, LatencySummary>;
  /** PostgreSQL p50 ÷ ClickHouse p50 (3 significant digits). */
  speedUp: { asBuiltMerged: number | null; asBuiltAsLoaded: number | null; figuresAloneMerged: number };
}

export interface IndicatorResults {
  dossiers: number;
  year: number;
  load: Omit<ProvinceLoad, 'postgresFiles'>;
  dossierState: {
    rowsAsLoaded: number;
    partsAsLoaded: number;
    partsBeforeMerged: number;
    rowsMerged: number;
  };
  dossierEventsParts: number;
  optimizeMs: number;
  asBuiltIndicators: string[];
  timings: IndicatorTiming[];
  asOf: { query: IndicatorQueryInput; figures: ScenarioFigures; timing: AsBuiltTiming };
  /** The figures are the same as loaded and merged, for every indicator and scenario. */
  statesAgree: boolean;
  /** The lateEvents statement as built (inside compute) against a candidate that reads only late dossiers. */
  lateEventsCandidate: {
    scenario: ScenarioKey;
    asBuiltP50Ms: number;
    candidate: LatencySummary;
    lateEvents: number;
    sameAnswer: boolean;
  }[];
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
 * day, on dossier_state as loaded and after OPTIMIZE FINAL; one asOf query; and the same dossiers.online and
 * dossiers.on_time figures from PostgreSQL on a one-row-per-dossier table with its best indexes.
 *
 * Every compute also runs the `lateEvents` statement, the same for every indicator of a scenario, and it
 * takes seconds at millions of dossiers. So each indicator is timed with lateEvents answered from an earlier
 * real call ("figures alone"), and the BASELINE indicators (or all, BENCH_INDICATOR_AS_BUILT=all) as built.
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
  const asBuiltIndicators: readonly string[] =
    options.indicatorAsBuilt === 'all' ? TIMED_INDICATORS : BASELINE_INDICATORS;
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
        "IndicatorsService.compute → IndicatorEngineRepository: the figures (dossier_state FINAL) and lateEvents (the period's raw events, each by its first arrival), concurrently",
      'as built': `${asBuiltIndicators.join(', ')}; every indicator with lateEvents answered from the first real call ("figures alone")`,
      runs: `${timing.warmup} warm-up + up to ${timing.runs} timed per query, sequential; fewer (≥ ${timing.minRuns}) past ${options.indicatorBudgetSeconds} s`,
    });

    const clock = new EngineStatementClock();
    const service = new IndicatorsService(
      clock.wrap(new IndicatorEngineRepository(clickhouse.client, config)),
      new IndicatorClock(),
    );
    const inputOf = (indicator: string, scenario: Scenario): IndicatorQueryInput =>
      indicator === 'procedures.level_growth' ? { ...scenario.input, level: 4 } : scenario.input;
    const timed = async (indicator: string, input: IndicatorQueryInput, options = timing) => {
      const query = indicatorQuerySchema.parse(input);
      clock.begin();
      const { latency, last } = await timeQuery(
        options,
        () => {
          clock.startRun();
          return service.compute(indicator, query);
        },
        () => clock.record(),
      );
      return { latency, last, statements: clock.summary() };
    };
    const ms = (value: number) => `${formatNumber(value)} ms`;

    const timings: IndicatorTiming[] = [];
    const measure = async (state: TableState) => {
      for (const scenario of scenarios) {
        const asBuilt = new Map<string, AsBuiltTiming>();
        clock.serveLateEvents = false;
        for (const indicator of asBuiltIndicators) {
          const { latency, statements } = await timed(indicator, inputOf(indicator, scenario));
          asBuilt.set(indicator, { latency, ...statements });
          console.log(
            `  ${state}, ${scenario.key}, ${indicator} as built: p50 ${ms(latency.p50Ms)}, p95 ${ms(latency.p95Ms)} ` +
              `(${latency.runs} runs; inside, p50 lateEvents ${ms(statements.lateEventsP50Ms)}, figures ${ms(statements.figuresP50Ms)})`,
          );
        }
        clock.serveLateEvents = true;
        for (const indicator of TIMED_INDICATORS) {
          const input = inputOf(indicator, scenario);
          const { latency, last } = await timed(indicator, input);
          const figures = figuresOf(last, scenario.report.byDay);
          timings.push({
            indicator,
            scenario: scenario.key,
            state,
            query: input,
            figures,
            figuresAlone: latency,
            asBuilt: asBuilt.get(indicator) ?? null,
          });
          console.log(
            `  ${state}, ${scenario.key}, ${indicator} figures alone: p50 ${ms(latency.p50Ms)}, p95 ${ms(latency.p95Ms)} ` +
              `(${latency.runs} runs) → ${formatNumber(figures.numerator)} / ${figures.denominator === null ? '–' : formatNumber(figures.denominator)}`,
          );
        }
      }
    };

    await measure('as loaded');
    clock.serveLateEvents = false;
    const asOfInput: IndicatorQueryInput = { period: String(year), asOf: `${year + 1}-01-10T00:00:00+07:00` };
    const asOfRun = await timed('dossiers.online', asOfInput, { ...timing, warmup: 0, runs: 3, minRuns: 1 });
    const asOf = {
      query: asOfInput,
      figures: figuresOf(asOfRun.last, false),
      timing: { latency: asOfRun.latency, ...asOfRun.statements },
    };
    console.log(
      `  asOf ${asOfInput.asOf}, province-year, dossiers.online: p50 ${ms(asOfRun.latency.p50Ms)} ` +
        `(${asOfRun.latency.runs} runs; the figures group the raw events by dossier: ${ms(asOfRun.statements.figuresP50Ms)})`,
    );
    const partsBeforeMerged = await clickhouse.activeParts(database, 'dossier_state');
    const optimizeStart = performance.now();
    await clickhouse.client.command({ query: `OPTIMIZE TABLE ${database}.dossier_state FINAL` });
    const optimizeMs = msSince(optimizeStart);
    const rowsMerged = await clickhouse.count(`${database}.dossier_state`);
    console.log(
      `  OPTIMIZE TABLE dossier_state FINAL: ${formatNumber(optimizeMs / 1000)} s, ${partsBeforeMerged} parts → 1, ${formatNumber(rowsMerged)} rows`,
    );
    await measure('merged');

    const lateEventsCandidate: IndicatorResults['lateEventsCandidate'] = [];
    for (const scenario of scenarios.filter((entry) => !entry.report.byDay)) {
      const statements = lateEventsStatements(
        clickhouse.client,
        database,
        { from: scenario.report.from, to: scenario.report.to },
        scenario.input.agency ?? null,
      );
      const candidate = await timeQuery({ ...timing, runs: Math.min(timing.runs, 10) }, statements.candidate);
      const asBuilt = find(timings, 'dossiers.online', scenario.key, 'merged');
      lateEventsCandidate.push({
        scenario: scenario.key,
        asBuiltP50Ms: asBuilt?.asBuilt?.lateEventsP50Ms ?? NaN,
        candidate: candidate.latency,
        lateEvents: asBuilt?.figures.lateEvents ?? NaN,
        sameAnswer: candidate.last === asBuilt?.figures.lateEvents,
      });
      console.log(
        `  lateEvents candidate, merged, ${scenario.key}: p50 ${ms(candidate.latency.p50Ms)} ` +
          `(as built inside compute: ${ms(asBuilt?.asBuilt?.lateEventsP50Ms ?? NaN)}); ${candidate.last} late events, ` +
          `same answer: ${candidate.last === asBuilt?.figures.lateEvents ? 'yes' : 'NO'}`,
      );
    }

    const statesAgree = timings
      .filter((entry) => entry.state === 'as loaded')
      .every(
        (loaded) =>
          JSON.stringify(find(timings, loaded.indicator, loaded.scenario, 'merged')?.figures) ===
          JSON.stringify(loaded.figures),
      );
    const results: IndicatorResults = {
      dossiers: load.dossiers,
      year,
      load: withoutFiles(load),
      dossierState: { rowsAsLoaded, partsAsLoaded, partsBeforeMerged, rowsMerged },
      dossierEventsParts,
      optimizeMs: Math.round(optimizeMs),
      asBuiltIndicators: [...asBuiltIndicators],
      timings,
      asOf,
      statesAgree,
      lateEventsCandidate,
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
      const [asLoaded, merged] = STATES.map((state) => find(timings, indicator, scenario.key, state)!);
      const { equal, differences } = compareFigures(merged.figures, last);
      comparisons.push({
        indicator,
        scenario: scenario.key,
        clickhouse: merged.figures,
        postgres: { total: last.total, days: last.days ? Object.fromEntries(last.days) : null },
        equal,
        differences,
        postgresLatency: latency,
        asBuilt: { 'as loaded': asLoaded.asBuilt?.latency ?? null, merged: merged.asBuilt?.latency ?? null },
        figuresAlone: { 'as loaded': asLoaded.figuresAlone, merged: merged.figuresAlone },
        speedUp: {
          asBuiltMerged: merged.asBuilt ? ratio(latency.p50Ms, merged.asBuilt.latency.p50Ms) : null,
          asBuiltAsLoaded: asLoaded.asBuilt ? ratio(latency.p50Ms, asLoaded.asBuilt.latency.p50Ms) : null,
          figuresAloneMerged: ratio(latency.p50Ms, merged.figuresAlone.p50Ms),
        },
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
  const columns = scenarios.flatMap((scenario) => STATES.map((state) => ({ scenario: scenario.key, state })));
  printTable(
    `compute as built, p50 / p95 ms (runs), and inside it p50 ms of lateEvents (raw events) · the figures (dossier_state FINAL)`,
    results.asBuiltIndicators.flatMap((indicator) =>
      scenarios.map((scenario) => {
        const row: Row = { indicator, scenario: scenario.key };
        for (const state of STATES) {
          const asBuilt = find(timings, indicator, scenario.key, state)?.asBuilt;
          row[`${state}: p50 / p95`] = asBuilt
            ? `${latencyCell(asBuilt.latency)} (${asBuilt.latency.runs})`
            : '–';
          row[`${state}: lateEvents · figures`] = asBuilt
            ? `${formatNumber(asBuilt.lateEventsP50Ms)} · ${formatNumber(asBuilt.figuresP50Ms)}`
            : '–';
        }
        if (scenario.key === 'province-year') {
          row[`p95 < ${AIM_P95_MS} ms`] = STATES.every(
            (state) =>
              (find(timings, indicator, scenario.key, state)?.asBuilt?.latency.p95Ms ?? Infinity) <
              AIM_P95_MS,
          );
        }
        return row;
      }),
    ),
  );
  printTable(
    `figures alone (compute with lateEvents answered from an earlier call), p50 / p95 ms; ${formatNumber(results.dossiers)} dossiers, ` +
      `${formatNumber(results.load.rows)} event rows; as loaded: dossier_state in ${results.dossierState.partsAsLoaded} parts; merged: after OPTIMIZE FINAL`,
    TIMED_INDICATORS.map((indicator) => {
      const row: Row = { indicator };
      for (const { scenario, state } of columns)
        row[`${scenario}, ${state}`] = latencyCell(find(timings, indicator, scenario, state)?.figuresAlone);
      row[`province-year p95 < ${AIM_P95_MS} ms`] = STATES.every(
        (state) =>
          (find(timings, indicator, 'province-year', state)?.figuresAlone.p95Ms ?? Infinity) < AIM_P95_MS,
      );
      return row;
    }),
  );
  printTable(
    `figures (merged; the same as loaded: ${results.statesAgree ? 'yes' : 'NO'})`,
    TIMED_INDICATORS.map((indicator) => {
      const row: Row = { indicator };
      for (const scenario of scenarios) {
        const figures = find(timings, indicator, scenario.key, 'merged')?.figures;
        row[scenario.key] = figures
          ? `${formatNumber(figures.numerator)} / ${figures.denominator === null ? '–' : formatNumber(figures.denominator)}` +
            (figures.value === null ? '' : ` = ${formatNumber(figures.value)}`)
          : '–';
      }
      return row;
    }),
  );
  printTable(
    'asOf: the figures group the raw events by dossier (dossier_event_facts) instead of reading dossier_state',
    [
      {
        indicator: 'dossiers.online',
        query: JSON.stringify(results.asOf.query),
        figures: `${formatNumber(results.asOf.figures.numerator)} / ${formatNumber(results.asOf.figures.denominator ?? 0)}`,
        runs: results.asOf.timing.latency.runs,
        'p50 ms': results.asOf.timing.latency.p50Ms,
        'p95 ms': results.asOf.timing.latency.p95Ms,
        'figures p50 ms': results.asOf.timing.figuresP50Ms,
        'lateEvents p50 ms': results.asOf.timing.lateEventsP50Ms,
      },
    ],
  );
  printTable(
    "lateEvents (merged): as built inside compute vs a candidate that reads only the late events' dossiers from dossier_state",
    results.lateEventsCandidate.map((entry) => ({
      scenario: entry.scenario,
      'late events': entry.lateEvents,
      'same answer': entry.sameAnswer,
      'as built p50 ms': entry.asBuiltP50Ms,
      'candidate p50 / p95 ms': latencyCell(entry.candidate),
    })),
  );
  const postgres = results.postgres;
  if (!postgres) return;
  printTable(
    `PostgreSQL baseline: ${formatNumber(postgres.load.rows)} dossiers, one row each, ${postgres.indexes.length} covering indexes; ` +
      `p50 / p95 ms; speed-up = PostgreSQL p50 ÷ ClickHouse p50 (aim ≥ ${AIM_SPEED_UP}×)`,
    postgres.comparisons.map((comparison) => {
      const clickhouseTotal = comparison.clickhouse.days
        ? sumCounts(Object.values(comparison.clickhouse.days))
        : { numerator: comparison.clickhouse.numerator, denominator: comparison.clickhouse.denominator ?? 0 };
      return {
        indicator: comparison.indicator,
        scenario: comparison.scenario,
        'ClickHouse counts': countsCell(clickhouseTotal),
        'PostgreSQL counts': countsCell(
          comparison.postgres.total ?? sumCounts(Object.values(comparison.postgres.days ?? {})),
        ),
        equal: comparison.equal,
        PostgreSQL: latencyCell(comparison.postgresLatency),
        'ClickHouse as built, merged': latencyCell(comparison.asBuilt.merged),
        'ClickHouse figures alone, merged': latencyCell(comparison.figuresAlone.merged),
        'speed-up as built (merged, as loaded)': `${times(comparison.speedUp.asBuiltMerged)}, ${times(comparison.speedUp.asBuiltAsLoaded)}`,
        'speed-up figures alone (merged)': times(comparison.speedUp.figuresAloneMerged),
        [`as built ≥ ${AIM_SPEED_UP}×`]: (comparison.speedUp.asBuiltMerged ?? 0) >= AIM_SPEED_UP,
      };
    }),
  );
}
