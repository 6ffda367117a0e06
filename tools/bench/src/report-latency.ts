import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@dvc/config';
import { DossierSnapshotRepository, IndicatorEngineRepository } from '@dvc/indicators';
import {
  DossierFlowRepository,
  ii06aKind,
  reportPeriod,
  ReportRequest,
  ReportSources,
  ReportTable,
  reportXlsx,
} from '@dvc/reports';
import { BenchClickHouse } from './bench-clickhouse';
import { timeQuery, TimingOptions } from './engine-timing';
import { BenchOptions } from './options';
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
import { publishSyntheticCatalogue } from './synthetic-catalogue';

/** The aim of issue 21: the II.06a report for the whole province over a year, by field and by child unit. */
export const AIM_REPORT_MS = 2000;

export interface ReportTiming {
  rows: 'field' | 'agency';
  cut: 'calendar' | 'statutory';
  /** snapshot: the report as downloaded; asOf: as issued (counted at a named moment of ingestion). */
  state: 'snapshot' | 'asOf';
  /** Rows of the table (without the total) and the total's received (3) and resolved (7). */
  tableRows: number;
  received: number;
  resolved: number;
  /** ii06aKind.build: the flow statements (rows and total, in parallel) and the layout. */
  latency: LatencySummary;
  /** The table laid out as the printed form (exceljs), once. */
  xlsxMs: number;
  xlsxBytes: number;
}

export interface ReportResults {
  dossiers: number;
  year: number;
  load: Omit<ProvinceLoad, 'postgresFiles'>;
  snapshot: { dossiers: number; buildMs: number };
  timings: ReportTiming[];
}

/**
 * Form II.06a for the whole province over a year at BENCH_REPORT_DOSSIERS dossiers of the synthetic province:
 * by field (the whole province) and by child unit (the units under the UBND tỉnh), on the calendar and the
 * statutory year, through ii06aKind.build as GET /v1/reports/ii06a runs it (the two flow statements and the
 * layout); right after a snapshot rebuild, and counted at a moment of ingestion as an issue does.
 */
export async function reportLatency(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
): Promise<ReportResults> {
  const year = options.queryYear;
  printHeading(`6. The II.06a report at ${formatNumber(options.reportDossiers)} dossiers, province-year`);
  const database = await clickhouse.freshDatabase('reports');
  const config = { CLICKHOUSE_DATABASE: database } as AppConfig;
  const scratch = join(options.outDir, `load-${randomBytes(4).toString('hex')}`);
  try {
    const load = await loadProvince({
      clickhouse,
      database,
      seed: options.seed,
      year,
      dossiers: options.reportDossiers,
      workers: options.loadWorkers,
      now: Date.now(),
      dir: scratch,
    });
    const catalogue = await publishSyntheticCatalogue(clickhouse.client, config, options.seed, year);
    const root = catalogue.agencies.find((agency) => agency.parentCode === null)!;
    const build = await new DossierSnapshotRepository(clickhouse.client, config).rebuild(new Date());
    printConfig({
      dossiers: `${formatNumber(load.dossiers)} starting ${load.from}..${load.to}, ${formatNumber(load.rows)} event rows`,
      'load time': `${formatNumber(load.loadMs / 1000)} s wall (${formatNumber(perSecond(load.rows, load.loadMs))} rows/s)`,
      'dossier snapshot': `${formatNumber(build.dossiers)} dossiers rebuilt in ${formatNumber(build.buildMs / 1000)} s`,
      'by child unit': `scope ${root.code} (${root.name}), rows=agency: its ${catalogue.agencies.filter((agency) => agency.parentCode === root.code).length} child units`,
      'timed path':
        'ii06aKind.build (DossierFlowRepository: the rows and the total, two statements in parallel; the layout)',
      runs: `${options.indicatorWarmup} warm-up + up to ${options.indicatorRuns} timed, sequential; fewer (≥ ${options.indicatorMinRuns}) past ${options.indicatorBudgetSeconds} s; asOf: 1`,
    });

    const engine = new IndicatorEngineRepository(clickhouse.client, config);
    const sources = {
      flows: new DossierFlowRepository(clickhouse.client, config, engine),
      agencies: { list: async () => catalogue.agencies },
    } as unknown as ReportSources;
    const timing: TimingOptions = {
      warmup: options.indicatorWarmup,
      runs: options.indicatorRuns,
      minRuns: Math.min(options.indicatorMinRuns, options.indicatorRuns),
      budgetMs: options.indicatorBudgetSeconds * 1000,
    };
    const timings: ReportTiming[] = [];
    // As issued: counted at the moment after the load, so every event is in.
    const issuedAt = new Date().toISOString();
    for (const state of ['snapshot', 'asOf'] as const)
      for (const cut of ['calendar', 'statutory'] as const)
        for (const rows of ['field', 'agency'] as const) {
          const period = reportPeriod(String(year), cut);
          const agency = rows === 'agency' ? root.code : null;
          const request: ReportRequest = {
            period,
            agency,
            structure: 'reported',
            rows,
            sheets: 'single',
            asOf: state === 'asOf' ? issuedAt : null,
            now: new Date(),
            context: {
              period,
              scope: { agency, agencyName: agency ? root.name : 'Tỉnh Bình Thuận' },
              reporter: 'Trung tâm Phục vụ hành chính công tỉnh',
              recipient: 'Văn phòng UBND tỉnh',
            },
          };
          const { latency, last } = await timeQuery(
            state === 'asOf' ? { warmup: 0, runs: 1, minRuns: 1, budgetMs: 0 } : timing,
            () => ii06aKind.build(sources, request),
          );
          const table = last.table as ReportTable;
          const xlsxStart = performance.now();
          const xlsx = await reportXlsx(table);
          const xlsxMs = msSince(xlsxStart);
          const timingRow: ReportTiming = {
            rows,
            cut,
            state,
            tableRows: table.rows.length,
            received: Number(table.total.cells[2]),
            resolved: Number(table.total.cells[6]),
            latency,
            xlsxMs,
            xlsxBytes: xlsx.length,
          };
          timings.push(timingRow);
          console.log(
            `  ${state}, ${cut} ${period.from}..${period.to}, rows=${rows}: p50 ${formatNumber(latency.p50Ms)} ms, ` +
              `p95 ${formatNumber(latency.p95Ms)} ms (${latency.runs} runs); ${table.rows.length} rows, ` +
              `${formatNumber(timingRow.received)} received; XLSX ${formatNumber(xlsxMs)} ms`,
          );
        }
    const table: Row[] = timings.map((timing) => ({
      state: timing.state === 'snapshot' ? 'snapshot (download)' : 'asOf (issue)',
      year: timing.cut,
      rows: timing.rows === 'field' ? 'by field' : 'by child unit',
      'table rows': timing.tableRows,
      'received (3)': formatNumber(timing.received),
      'resolved (7)': formatNumber(timing.resolved),
      runs: timing.latency.runs,
      'p50 ms': formatNumber(timing.latency.p50Ms),
      'p95 ms': formatNumber(timing.latency.p95Ms),
      'max ms': formatNumber(timing.latency.maxMs),
      'XLSX ms': formatNumber(timing.xlsxMs),
      XLSX: byteSize(timing.xlsxBytes),
      [`p95 < ${AIM_REPORT_MS} ms`]: timing.state === 'snapshot' ? timing.latency.p95Ms < AIM_REPORT_MS : '—',
    }));
    printTable('II.06a, whole province, one year', table);
    const { postgresFiles: _files, ...loadFigures } = load;
    return {
      dossiers: load.dossiers,
      year,
      load: loadFigures,
      snapshot: { dossiers: build.dossiers, buildMs: build.buildMs },
      timings,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
