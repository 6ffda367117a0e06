import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dossierEventSchema } from '@dvc/dossier-events';
import { countDossiersOnline, resolveIntakes, singleAgency } from '@dvc/indicators-reference';
import { provinceHistory } from '@dvc/synthetic-province';
import type { WireEvent } from '@dvc/testing';

/**
 * Faults in the read model (issue 20 item 6): a snapshot build and a correction-set preparation killed with
 * SIGKILL mid-way, and a ClickHouse write failing during each. chDB holds one data directory per process, so each
 * step runs in a process of its own on the built code (dist): the killed one owns the data directory and a fresh
 * one opens it again, as after a crash. Afterwards every figure equals the reference and the figures counted
 * without the read model (asOf), and no build table holds a partition of a build never recorded.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const DIST = join(ROOT, 'dist');
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const INDICATORS = [
  'dossiers.online',
  'dossiers.on_time',
  'dossiers.overdue',
  'dossiers.postal',
  'payments.online',
  'dossiers.carried_over',
  'dossiers.closed_without_result',
];
const BUILD_TABLES = [
  'dossier_snapshot',
  'late_event_firsts',
  'dossier_day_counts',
  'dossier_agency_day_counts',
  'late_event_counts',
];

type Step =
  | { do: 'ingest'; file: string }
  | { do: 'rebuild'; fault?: Fault }
  | { do: 'prepare'; fault?: Fault }
  | { do: 'report'; label: string };
/** After the statement writing `after` succeeds: hang to be killed, or detach `detach` so the next one fails. */
type Fault = { after: string } & ({ kind: 'kill' } | { kind: 'fail'; detach: string });

interface Report {
  label: string;
  figures: Record<string, { live: unknown; lagged: unknown; asOf: unknown }>;
  recordedBuilds: string[];
  buildPartitions: Record<string, string[]>;
  recordedSets: number;
}

/**
 * The child: the read model as the ingesting process runs it (PlatformModule on chDB and PGlite under DATA_DIR,
 * ingestion, indicators, the snapshot module with its timers off), doing `steps` in order, each on the real
 * ClickHouse client; a fault point wraps the client's `command` to stop or break ClickHouse after a given write.
 */
const CHILD = `
const { NestFactory } = require('@nestjs/core');
const { Module } = require('@nestjs/common');
const { ClickHouseClient } = require('@clickhouse/client');
const { readFileSync } = require('node:fs');
const dist = process.env.DVC_DIST;
const { parseAppConfig } = require(dist + '/libs/config/src');
const { PlatformModule } = require(dist + '/libs/platform/src');
const { IngestionModule, IngestionService, UNRESTRICTED } = require(dist + '/libs/ingestion/src');
const indicators = require(dist + '/libs/indicators/src');
const { steps, dataDir, indicatorIds, march, buildTables } = JSON.parse(process.env.DVC_FAULT_TASK);

(async () => {
  const config = parseAppConfig({
    DATA_DIR: dataDir,
    DOSSIER_SNAPSHOT_EVERY_SECONDS: '0',
    CORRECTION_SETS_EVERY_SECONDS: '0',
    CATALOGUE_MIRROR_INTERVAL_MS: '3600000',
  });
  class FaultModule {}
  Module({ imports: [PlatformModule.forRoot(config), IngestionModule, indicators.DossierSnapshotModule] })(FaultModule);
  const app = await NestFactory.createApplicationContext(FaultModule, { logger: false });
  const client = app.get(ClickHouseClient);
  const db = config.CLICKHOUSE_DATABASE;
  const command = client.command.bind(client);
  let fault = null;
  client.command = async (params) => {
    const result = await command(params);
    const marker = fault ? 'INSERT INTO ' + db + '.' + fault.after : null;
    const at = marker ? params.query.indexOf(marker) : -1;
    const next = at >= 0 ? params.query.charAt(at + marker.length) : 'x';
    if (next.trim() === '' || next === '(') {
      const hit = fault;
      fault = null;
      if (hit.kind === 'kill') {
        process.stdout.write('KILL-POINT\\n');
        await new Promise(() => {});
      }
      await command({ query: 'DETACH TABLE ' + db + '.' + hit.detach });
    }
    return result;
  };
  const select = async (query) => (await client.query({ query, format: 'JSONEachRow' })).json();
  const service = app.get(indicators.IndicatorsService);
  const engine = app.get(indicators.IndicatorEngineRepository);
  const snapshots = app.get(indicators.DossierSnapshotRepository);
  let lastIngest = null;
  const run = async (step) => {
    if (step.do === 'ingest') {
      await app.get(IngestionService).ingestHttpBody('application/json', readFileSync(step.file), UNRESTRICTED);
      lastIngest = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return null;
    }
    if (step.do === 'rebuild') return snapshots.rebuild(new Date());
    if (step.do === 'prepare') return engine.prepareCorrectionSet();
    const figures = {};
    const asOf = new Date(Math.max(Date.now() - 1, lastIngest ? lastIngest.getTime() : 0)).toISOString();
    for (const id of indicatorIds) {
      const answer = async (extra) => {
        const result = await service.compute(id, indicators.indicatorQuerySchema.parse({ ...march, ...extra }));
        const { asOf: _asOf, lateEvents: _late, ...figuresOnly } = result;
        return figuresOnly;
      };
      figures[id] = { live: await answer({}), lagged: await answer({ maxLag: '3600' }), asOf: await answer({ asOf }) };
    }
    const recordedBuilds = (await select('SELECT toString(build_id) AS id FROM ' + db + '.dossier_snapshot_builds'))
      .map((row) => row.id).sort();
    const parts = await select(
      "SELECT DISTINCT table, partition FROM system.parts WHERE active AND database = '" + db + "' AND table IN ('" +
        buildTables.join("','") + "') ORDER BY table, partition");
    const buildPartitions = Object.fromEntries(buildTables.map((table) => [table, []]));
    for (const part of parts) buildPartitions[part.table].push(part.partition);
    const [sets] = await select('SELECT count() AS n FROM ' + db + '.dossier_correction_sets');
    return { label: step.label, figures, recordedBuilds, buildPartitions, recordedSets: Number(sets.n) };
  };
  for (const step of steps) {
    fault = step.fault ?? null;
    try {
      const result = await run(step);
      process.stdout.write('STEP ' + JSON.stringify({ do: step.do, ok: true, result }) + '\\n');
    } catch (error) {
      process.stdout.write('STEP ' + JSON.stringify({ do: step.do, ok: false, error: String(error.message) }) + '\\n');
      if (step.fault && step.fault.kind === 'fail')
        await command({ query: 'ATTACH TABLE ' + db + '.' + step.fault.detach });
    }
  }
  await app.close();
  process.exit(0);
})().catch((error) => {
  process.stdout.write('CRASH ' + String(error && error.stack) + '\\n');
  process.exit(1);
});
`;

interface ChildRun {
  steps: { do: string; ok: boolean; result?: unknown; error?: string }[];
  killed: boolean;
  output: string;
}

/** Runs CHILD on `dataDir`; with `killAtFault`, SIGKILLs it as soon as it reports reaching its fault point. */
function runChild(dataDir: string, steps: Step[], killAtFault = false): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD], {
      cwd: ROOT,
      env: {
        ...process.env,
        DVC_DIST: DIST,
        DVC_FAULT_TASK: JSON.stringify({
          steps,
          dataDir,
          indicatorIds: INDICATORS,
          march: MARCH,
          buildTables: BUILD_TABLES,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (killAtFault && !killed && output.includes('KILL-POINT\n')) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (killAtFault ? !(killed && signal === 'SIGKILL') : code !== 0)
        return reject(
          new Error(`child ended with ${code ?? signal}${killed ? ' after the kill' : ''}:\n${output}`),
        );
      const ran = output
        .split('\n')
        .filter((line) => line.startsWith('STEP '))
        .map((line) => JSON.parse(line.slice(5)) as ChildRun['steps'][number]);
      resolve({ steps: ran, killed, output });
    });
  });
}

describe('the read model after a kill -9 or a failed ClickHouse write mid-way (chDB, separate processes)', () => {
  // Two processes a test, each starting the platform on chDB and PGlite: slow on a shared machine.
  jest.setTimeout(400_000);
  let work: string;
  let dataDir: string;
  let files: { before: string; after: string };
  let expected: ReturnType<typeof countDossiersOnline>;

  const history = (from: string, to: string, seed: number) =>
    [
      ...provinceHistory({
        seed,
        from,
        to,
        dossiersPerDay: 12,
        now: Date.parse('2026-03-31T00:00:00Z'),
        duplicateShare: 0.05,
        resendShare: 0.03,
      }),
    ].flat() as WireEvent[];

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'dvc-faults-'));
    dataDir = join(work, 'data');
    // Before the first build, then the events a correction set folds (or a later build takes in).
    const before = history('2026-03-02', '2026-03-08', 11);
    const after = history('2026-03-09', '2026-03-14', 12);
    files = { before: join(work, 'before.json'), after: join(work, 'after.json') };
    writeFileSync(files.before, JSON.stringify(before));
    writeFileSync(files.after, JSON.stringify(after));
    expected = countDossiersOnline(
      resolveIntakes([...before, ...after].map((event) => dossierEventSchema.parse(event))),
      MARCH,
      singleAgency(null),
    );
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const reportOf = (run: ChildRun, label: string) =>
    run.steps.find((step) => step.do === 'report' && (step.result as Report).label === label)!
      .result as Report;

  /** Every figure as the reference has it, and as counted without the read model (asOf) for the rest. */
  const expectExactFigures = (report: Report) => {
    const online = report.figures['dossiers.online'];
    expect({ label: report.label, online: online.live }).toMatchObject({
      label: report.label,
      online: expected,
    });
    expect(online.lagged).toMatchObject(expected);
    for (const [id, { live, lagged, asOf }] of Object.entries(report.figures)) {
      expect({ id, label: report.label, live }).toEqual({ id, label: report.label, live: asOf });
      expect({ id, label: report.label, lagged }).toEqual({ id, label: report.label, lagged: asOf });
    }
  };
  /** Each build table holds partitions of recorded builds only. */
  const expectNoOrphanPartitions = (report: Report) => {
    for (const table of BUILD_TABLES) {
      const orphans = report.buildPartitions[table].filter((build) => !report.recordedBuilds.includes(build));
      expect({ label: report.label, table, orphans }).toEqual({ label: report.label, table, orphans: [] });
    }
  };
  const orphanCount = (report: Report) =>
    BUILD_TABLES.flatMap((table) =>
      report.buildPartitions[table].filter((build) => !report.recordedBuilds.includes(build)),
    ).length;

  it('a snapshot build killed mid-way: the figures stay exact, and the next build drops what it left', async () => {
    const killed = await runChild(
      dataDir,
      [
        { do: 'ingest', file: files.before },
        { do: 'rebuild' },
        { do: 'ingest', file: files.after },
        { do: 'rebuild', fault: { after: 'late_event_firsts', kind: 'kill' } },
      ],
      true,
    );
    expect(killed.killed).toBe(true);
    expect(killed.steps.map((step) => [step.do, step.ok])).toEqual([
      ['ingest', true],
      ['rebuild', true],
      ['ingest', true],
    ]);

    const reopened = await runChild(dataDir, [
      { do: 'report', label: 'after the kill' },
      { do: 'rebuild' },
      { do: 'report', label: 'after the next build' },
    ]);
    const afterKill = reportOf(reopened, 'after the kill');
    // The kill left the build's first tables written and it unrecorded; queries read the build before it.
    expect(afterKill.recordedBuilds).toHaveLength(1);
    expect(orphanCount(afterKill)).toBeGreaterThanOrEqual(2);
    expectExactFigures(afterKill);
    const rebuilt = reportOf(reopened, 'after the next build');
    expect(rebuilt.recordedBuilds).toHaveLength(2);
    expectExactFigures(rebuilt);
    expectNoOrphanPartitions(rebuilt);
  });

  it('a snapshot build whose ClickHouse write fails: the figures stay exact, and the next build drops what it left', async () => {
    const run = await runChild(dataDir, [
      { do: 'ingest', file: files.before },
      { do: 'rebuild' },
      { do: 'ingest', file: files.after },
      // dossier_agency_day_counts is written from dossier_day_counts: gone, that write fails.
      { do: 'rebuild', fault: { after: 'dossier_day_counts', kind: 'fail', detach: 'dossier_day_counts' } },
      { do: 'report', label: 'after the failure' },
      { do: 'rebuild' },
      { do: 'report', label: 'after the next build' },
    ]);
    expect(run.steps.map((step) => [step.do, step.ok])).toEqual([
      ['ingest', true],
      ['rebuild', true],
      ['ingest', true],
      ['rebuild', false],
      ['report', true],
      ['rebuild', true],
      ['report', true],
    ]);
    // The failure is the write's, not that of the clean-up after it.
    expect(run.steps[3].error).toMatch(/dossier_day_counts/);
    const failed = reportOf(run, 'after the failure');
    expect(failed.recordedBuilds).toHaveLength(1);
    // The detached table kept the failed build's partition (its drop failed too).
    expect(orphanCount(failed)).toBe(1);
    expectExactFigures(failed);
    const rebuilt = reportOf(run, 'after the next build');
    expectExactFigures(rebuilt);
    expectNoOrphanPartitions(rebuilt);
  });

  it('a correction-set preparation killed mid-way: no half-made set is read, and the next one is exact', async () => {
    const killed = await runChild(
      dataDir,
      [
        { do: 'ingest', file: files.before },
        { do: 'rebuild' },
        { do: 'ingest', file: files.after },
        { do: 'prepare', fault: { after: 'dossier_fact_corrections', kind: 'kill' } },
      ],
      true,
    );
    expect(killed.killed).toBe(true);

    const reopened = await runChild(dataDir, [
      { do: 'report', label: 'after the kill' },
      { do: 'prepare' },
      { do: 'report', label: 'after the next preparation' },
    ]);
    const afterKill = reportOf(reopened, 'after the kill');
    expectExactFigures(afterKill);
    expectNoOrphanPartitions(afterKill);
    expect(reopened.steps[1]).toMatchObject({ do: 'prepare', ok: true, result: 'made' });
    const prepared = reportOf(reopened, 'after the next preparation');
    expectExactFigures(prepared);
    expectNoOrphanPartitions(prepared);
  });

  it('a correction-set preparation whose ClickHouse write fails: nothing half-made is read, the next one is exact', async () => {
    const run = await runChild(dataDir, [
      { do: 'ingest', file: files.before },
      { do: 'rebuild' },
      { do: 'ingest', file: files.after },
      // The day counts are written from the fact corrections: gone, that write fails.
      {
        do: 'prepare',
        fault: { after: 'dossier_fact_corrections', kind: 'fail', detach: 'dossier_fact_corrections' },
      },
      { do: 'report', label: 'after the failure' },
      { do: 'prepare' },
      { do: 'report', label: 'after the next preparation' },
    ]);
    expect(run.steps.map((step) => [step.do, step.ok])).toEqual([
      ['ingest', true],
      ['rebuild', true],
      ['ingest', true],
      ['prepare', false],
      ['report', true],
      ['prepare', true],
      ['report', true],
    ]);
    expectExactFigures(reportOf(run, 'after the failure'));
    const prepared = reportOf(run, 'after the next preparation');
    expectExactFigures(prepared);
    expectNoOrphanPartitions(prepared);
  });
});
