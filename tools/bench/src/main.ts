import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { loadavg } from 'node:os';
import { alertEvaluation, AlertEvaluationResults } from './alert-evaluation';
import { BenchClickHouse } from './bench-clickhouse';
import { ingestionCeiling, IngestionCeilingResults } from './ingestion-ceiling';
import { httpThroughput, HttpResults } from './http-throughput';
import { aimP95Ms, AIM_SPEED_UP, indicatorLatency, IndicatorResults } from './indicator-latency';
import { KAFKA_AIM_EVENTS_PER_SECOND, kafkaThroughput, KafkaResults } from './kafka-throughput';
import { machineInfo, MachineInfo } from './machine';
import { BenchOptions, readOptions } from './options';
import { PAGE_AIMS, pageLoad, PageResults } from './page-load';
import { dossiersOnlineLatency, QueryResults } from './query-latency';
import { AIM_REPORT_MS, reportLatency, ReportResults } from './report-latency';
import { soak, SOAK_AIMS, SoakResults } from './soak';
import { formatNumber, MiB, printConfig, printHeading, printTable, Row } from './report';

interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  durationSeconds?: number;
  machine: MachineInfo;
  /** The tree measured: its commit, and the files changed since (others may be editing alongside). */
  tree: { commit: string; uncommitted: string[] };
  options: Omit<BenchOptions, 'outDir' | 'dataDir'>;
  kafka?: KafkaResults;
  http?: HttpResults;
  ceiling?: IngestionCeilingResults;
  query?: QueryResults;
  indicators?: IndicatorResults;
  reports?: ReportResults;
  page?: PageResults;
  alerts?: AlertEvaluationResults;
  soak?: SoakResults;
  loadAverageAtEnd?: string;
  errors: { section: string; message: string }[];
}

/**
 * `npm run bench`: Kafka → ClickHouse and HTTP ingestion throughput, the raw insert ceiling beside them,
 * dossiers.online query latency, every indicator at 10 million dossiers against a PostgreSQL baseline, and the
 * II.06a report at 10 million, and the dashboard page in Chromium; the hour-long soak of the demo when named
 * (`BENCH_SECTIONS=soak`). Prints Markdown tables and writes the same figures to .bench/results.json.
 */
async function main(): Promise<void> {
  const options = readOptions();
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  const started = new Date();
  // chDB binds one data directory per process: every client and app of this run shares this one. It starts
  // empty when it is the bench's own (under BENCH_OUT_DIR); a directory given elsewhere is never wiped.
  if (options.dataDir.startsWith(`${options.outDir}${sep}`))
    rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const clickhouse = new BenchClickHouse(options.dataDir);
  const { outDir: _out, dataDir: _data, ...shownOptions } = options;
  const results: BenchResults = {
    startedAt: started.toISOString(),
    machine: await machineInfo(clickhouse),
    tree: treeState(),
    options: shownOptions,
    errors: [],
  };

  printHeading('DVC metrics pipeline benchmark');
  printConfig({
    CPU: `${results.machine.cpuModel} × ${results.machine.cpuCount}`,
    memory: `${results.machine.totalMemoryGiB} GiB`,
    OS: results.machine.os,
    node: results.machine.node,
    ClickHouse: `${results.machine.clickhouse} ${results.machine.clickhouseVersion}`,
    'load average at start (1/5/15 min)': results.machine.loadAverageAtStart,
    tree: `${results.tree.commit}${results.tree.uncommitted.length ? ` + ${results.tree.uncommitted.length} uncommitted files` : ''}`,
    sections: options.sections.join(', '),
    'data dir': options.dataDir,
  });

  const sections: { name: string; run: () => Promise<void> }[] = [
    { name: 'kafka', run: async () => void (results.kafka = await kafkaThroughput(options, clickhouse)) },
    { name: 'http', run: async () => void (results.http = await httpThroughput(options, clickhouse)) },
    {
      name: 'ceiling',
      run: async () => void (results.ceiling = await ingestionCeiling(options, clickhouse, results)),
    },
    {
      name: 'query',
      run: async () => void (results.query = await dossiersOnlineLatency(options, clickhouse)),
    },
    {
      name: 'indicators',
      run: async () => void (results.indicators = await indicatorLatency(options, clickhouse)),
    },
    { name: 'reports', run: async () => void (results.reports = await reportLatency(options, clickhouse)) },
    { name: 'page', run: async () => void (results.page = await pageLoad(options)) },
    { name: 'alerts', run: async () => void (results.alerts = await alertEvaluation(options, clickhouse)) },
    { name: 'soak', run: async () => void (results.soak = await soak(options)) },
  ];
  for (const section of sections) {
    if (!(options.sections as string[]).includes(section.name)) continue;
    try {
      await section.run();
    } catch (error) {
      const message = (error as Error).stack ?? String(error);
      console.error(`\n!!! section ${section.name} failed: ${message}`);
      results.errors.push({ section: section.name, message });
    }
    await clickhouse.dropAll().catch(() => undefined);
  }

  const finished = new Date();
  results.finishedAt = finished.toISOString();
  results.durationSeconds = Math.round((finished.getTime() - started.getTime()) / 100) / 10;
  results.loadAverageAtEnd = loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
  printSummary(results);
  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nfigures written to ${file}; run took ${results.durationSeconds} s`);
  await clickhouse.close();
  // Exit even if a client left a timer behind (kafkajs restarts a crashed consumer after disconnect, say).
  process.exit(results.errors.length > 0 ? 1 : 0);
}

function treeState(): BenchResults['tree'] {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
    } catch {
      return '';
    }
  };
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    uncommitted: git('status', '--porcelain').split('\n').filter(Boolean),
  };
}

function printSummary(results: BenchResults): void {
  printHeading('Summary');
  const rows: Row[] = [];
  for (const run of results.kafka?.runs ?? []) {
    rows.push({
      aim: `Kafka → ClickHouse ≥ 80,000 events/s: ${run.scenario}`,
      measured: run.completed
        ? `${formatNumber(run.steadyEventsPerSecond ?? 0)} events/s steady (${formatNumber(run.eventsPerSecond)} incl. group join), mean batch ${formatNumber(run.meanBatchSize ?? 0)}`
        : 'did not finish',
      met: run.completed && (run.steadyEventsPerSecond ?? 0) >= KAFKA_AIM_EVENTS_PER_SECOND,
    });
  }
  for (const scenario of results.query?.scenarios ?? []) {
    rows.push({
      aim: `${scenario.indicator} p95 < 100 ms at ${formatNumber(results.query!.dossiers)} dossiers: ${scenario.name}, ${scenario.state}`,
      measured: `p50 ${formatNumber(scenario.latency.p50Ms)} ms, p95 ${formatNumber(scenario.latency.p95Ms)} ms`,
      met: scenario.latency.p95Ms < 100,
    });
  }
  const indicators = results.indicators;
  for (const timing of indicators?.timings ?? []) {
    if (timing.scenario !== 'province-year') continue;
    const aimMs = aimP95Ms(timing.state);
    rows.push({
      aim: `${timing.indicator} p95 < ${aimMs} ms at ${formatNumber(indicators!.dossiers)} dossiers, province-year, ${timing.state}`,
      measured: `p50 ${formatNumber(timing.latency.p50Ms)} ms, p95 ${formatNumber(timing.latency.p95Ms)} ms`,
      met: timing.latency.p95Ms < aimMs,
    });
  }
  for (const comparison of indicators?.postgres?.comparisons ?? []) {
    const speedUps = Object.entries(comparison.speedUp).map(
      ([state, ratio]) => `${formatNumber(ratio)}× ${state}`,
    );
    rows.push({
      aim: `${comparison.indicator} ≥ ${AIM_SPEED_UP}× faster than PostgreSQL: ${comparison.scenario}`,
      measured: `p50 ${speedUps.join(', ')}; same counts: ${comparison.equal ? 'yes' : 'NO'}`,
      met: ['snapshot', 'snapshot + a day', 'live feed'].every(
        (state) => (comparison.speedUp[state as keyof typeof comparison.speedUp] ?? 0) >= AIM_SPEED_UP,
      ),
    });
  }
  for (const timing of results.reports?.timings ?? []) {
    if (timing.state !== 'snapshot') continue;
    rows.push({
      aim: `II.06a p95 < ${AIM_REPORT_MS} ms at ${formatNumber(results.reports!.dossiers)} dossiers, province-year (${timing.cut}), by ${timing.rows === 'field' ? 'field' : 'child unit'}`,
      measured: `p50 ${formatNumber(timing.latency.p50Ms)} ms, p95 ${formatNumber(timing.latency.p95Ms)} ms`,
      met: timing.latency.p95Ms < AIM_REPORT_MS,
    });
  }
  const page = results.page;
  if (page) {
    rows.push(
      {
        aim: `navigation → overview figures < ${formatNumber(PAGE_AIMS.figuresMs)} ms (loopback, cold)`,
        measured: `p50 ${formatNumber(page.coldFigures.p50Ms)} ms, p95 ${formatNumber(page.coldFigures.p95Ms)} ms`,
        met: page.coldFigures.p95Ms < PAGE_AIMS.figuresMs,
      },
      {
        aim: `API calls per overview ≤ ${PAGE_AIMS.calls}`,
        measured: String(page.apiCalls.length),
        met: page.apiCalls.length <= PAGE_AIMS.calls,
      },
      {
        aim: 'JS shipped < 400 KiB gzip',
        measured: `${formatNumber(page.jsLoadedGzipBytes / 1024)} KiB loaded by the overview`,
        met: page.jsLoadedGzipBytes < PAGE_AIMS.jsGzipBytes,
      },
      {
        aim: `event → figure on screen (SSE) p95 < ${formatNumber(PAGE_AIMS.eventToScreenP95Ms)} ms`,
        measured: `p50 ${formatNumber(page.eventToScreen.p50Ms)} ms, p95 ${formatNumber(page.eventToScreen.p95Ms)} ms`,
        met: page.eventToScreen.p95Ms < PAGE_AIMS.eventToScreenP95Ms,
      },
    );
  }
  const soaked = results.soak;
  if (soaked) {
    const last = soaked.samples[soaked.samples.length - 1];
    rows.push(
      {
        aim: `soak: data folder < ${formatNumber(SOAK_AIMS.dataFolderBytes / MiB)} MiB after ${soaked.minutes} min`,
        measured: `${formatNumber(last.dataFolderBytes / MiB)} MiB; 24 h extrapolated ${formatNumber(soaked.extrapolated24h.dataFolderBytes / MiB)} MiB`,
        met: soaked.aims.dataFolder,
      },
      {
        aim: `soak: RSS < ${formatNumber(SOAK_AIMS.rssBytes / MiB)} MiB after ${soaked.minutes} min`,
        measured: `${formatNumber(last.rssBytes / MiB)} MiB (peak ${formatNumber(last.peakRssBytes / MiB)}); 24 h extrapolated ${formatNumber(soaked.extrapolated24h.rssBytes / MiB)} MiB`,
        met: soaked.aims.rss,
      },
    );
  }
  printTable('Aims', rows);
  if (results.ceiling) {
    printTable(
      'Pipeline / raw ceiling (ceiling = JSON.parse + insert at the same batch size)',
      results.ceiling.ratios.map((ratio) => ({
        path: ratio.path,
        'batch size': ratio.batchSize,
        'pipeline events/s': ratio.pipelineEventsPerSecond,
        'ceiling events/s': ratio.ceilingEventsPerSecond,
        ratio: `${Math.round(ratio.ratio * 100)} %`,
      })),
    );
  }
  for (const error of results.errors)
    console.log(`\nsection ${error.section} FAILED: ${error.message.split('\n')[0]}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
