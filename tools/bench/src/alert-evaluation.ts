import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AlertEvaluator, AlertRulesService, AlertsRepository } from '@dvc/alerts';
import { runAsProcess } from '@dvc/audit';
import {
  AgenciesService,
  CatalogueMirror,
  CatalogueStore,
  ProceduresService,
  TargetsService,
} from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import { DossierSnapshotRepository } from '@dvc/indicators';
import { SyntheticCatalogueLoader } from '../../../apps/dvc/src/synthetic-catalogue.loader';
import { benchConfig, createApiApp } from './bench-apps';
import { BenchClickHouse } from './bench-clickhouse';
import { timeQuery } from './engine-timing';
import { BenchOptions } from './options';
import { loadProvince } from './province-load';
import { formatNumber, LatencySummary, printConfig, printHeading, printTable } from './report';

/** The synthetic province's top unit and its district (whose children are the 18 communes). */
const PROVINCE = '000.00.00.H12';
const DISTRICT = '000.00.30.H12';
export const ALERT_AIM_MS = 1000;

export interface AlertEvaluationTiming {
  what: string;
  rules: number;
  /** Alerts the rules keep (one per rule and unit) after the timed rounds. */
  alerts: number;
  byState: Record<string, number>;
  latency: LatencySummary;
}

export interface AlertEvaluationResults {
  dossiers: number;
  year: number;
  loadMs: number;
  snapshotMs: number;
  timings: AlertEvaluationTiming[];
}

/**
 * AlertEvaluator.evaluateOnce (lease, one grouped indicator query per rule, the state machine, the transaction
 * that writes states and history; no recipients, so nothing is sent) over BENCH_ALERT_DOSSIERS dossiers of the
 * synthetic province, this year (the rules' windows are relative to now), in the API app on embedded PGlite:
 * one rule over every unit under the province (children of the province: its departments and the district), one
 * over the district's 18 communes, and the whole rule set of the seed targets (`import-targets`).
 */
export async function alertEvaluation(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
): Promise<AlertEvaluationResults> {
  const year = new Date().getFullYear();
  printHeading(`8. Alert evaluation at ${formatNumber(options.alertDossiers)} dossiers`);
  const database = await clickhouse.freshDatabase('alerts');
  const scratch = join(options.outDir, `load-${randomBytes(4).toString('hex')}`);
  try {
    const load = await loadProvince({
      clickhouse,
      database,
      seed: options.seed,
      year,
      dossiers: options.alertDossiers,
      workers: options.loadWorkers,
      now: Date.now(),
      dir: scratch,
    });
    const config = benchConfig({
      ...clickhouse.appEnv(database),
      ALERTS_EVALUATE_EVERY_SECONDS: '0',
      DOSSIER_SNAPSHOT_EVERY_SECONDS: '0',
      CORRECTION_SETS_EVERY_SECONDS: '0',
      GENERATOR_SEED: String(options.seed),
    });
    const snapshotStart = performance.now();
    await new DossierSnapshotRepository(clickhouse.client, {
      CLICKHOUSE_DATABASE: database,
    } as AppConfig).rebuild(new Date());
    const snapshotMs = performance.now() - snapshotStart;
    const { app } = await createApiApp(config);
    try {
      const loader = new SyntheticCatalogueLoader(
        config,
        app.get(CatalogueStore),
        app.get(AgenciesService),
        app.get(ProceduresService),
        app.get(TargetsService),
      );
      await runAsProcess('npm run bench', () => loader.loadIfEmpty());
      await app.get(CatalogueMirror).sync();
      printConfig({
        dossiers: `${formatNumber(load.dossiers)} of ${load.from}..${load.to}, loaded in ${formatNumber(load.loadMs / 1000)} s; snapshot built in ${formatNumber(snapshotMs / 1000)} s`,
        'timed path':
          'AlertEvaluator.evaluateOnce in the API app (PlatformModule + ApiModule, embedded PGlite): lease, one indicator query per rule, state machine, one transaction',
        runs: `${options.alertWarmup} warm-up + ${options.alertRuns} timed rounds each, sequential`,
      });
      const rules = app.get(AlertRulesService);
      const repository = app.get(AlertsRepository);
      const evaluator = app.get(AlertEvaluator);
      const clear = async () => {
        for (const rule of await rules.list()) await rules.remove(rule.id);
      };
      const timings: AlertEvaluationTiming[] = [];
      const time = async (what: string) => {
        const { latency, last } = await timeQuery(
          {
            warmup: options.alertWarmup,
            runs: options.alertRuns,
            minRuns: options.alertRuns,
            budgetMs: Infinity,
          },
          () => evaluator.evaluateOnce(),
        );
        if (!last.evaluated) throw new Error('the evaluator did not hold its lease');
        const byState = Object.fromEntries(
          (await repository.countByState()).map(({ state, count }) => [state, count]),
        );
        const timing = {
          what,
          rules: last.rules,
          alerts: Object.values(byState).reduce((total, count) => total + count, 0),
          byState,
          latency,
        };
        timings.push(timing);
        console.log(
          `  ${what}: p50 ${formatNumber(latency.p50Ms)} ms, p95 ${formatNumber(latency.p95Ms)} ms ` +
            `(${timing.rules} rules, ${timing.alerts} alerts: ${JSON.stringify(byState)})`,
        );
      };
      const rule = (key: string, agencyCode: string) => ({
        key,
        name: key,
        indicatorId: 'dossiers.online' as const,
        scope: { kind: 'children' as const, agencyCode },
        window: { kind: 'year_to_date' as const },
        condition: { kind: 'threshold' as const, comparator: '<' as const, threshold: 0.5 },
      });
      await runAsProcess('npm run bench', async () => {
        await rules.create(rule('bench.province-units', PROVINCE));
        await time('one rule, each unit under the province (year to date)');
        await clear();
        await rules.create(rule('bench.communes', DISTRICT));
        await time('one rule, each commune of the district (year to date)');
        await clear();
        await rules.importTargets();
        await time('the seed targets, every one a rule (import-targets)');
      });
      printTable(
        `Alert evaluation, ${formatNumber(load.dossiers)} dossiers (aim: one rule under ${formatNumber(ALERT_AIM_MS)} ms)`,
        timings.map((timing) => ({
          'rule set': timing.what,
          rules: timing.rules,
          alerts: timing.alerts,
          'p50 ms': timing.latency.p50Ms,
          'p95 ms': timing.latency.p95Ms,
          'max ms': timing.latency.maxMs,
        })),
      );
      return { dossiers: load.dossiers, year, loadMs: load.loadMs, snapshotMs, timings };
    } finally {
      await app.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
