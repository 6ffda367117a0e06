import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOSSIER_EVENTS_TOPIC, dossierEventSchema } from '@dvc/dossier-events';
import { LATE_EVENTS_MEANING } from '@dvc/indicator-answers';
import { countDossiersOnline, resolveIntakes, singleAgency } from '@dvc/indicators-reference';
import { KafkajsBroker } from '@dvc/kafka';
import { provinceHistory } from '@dvc/synthetic-province';
import { aReceived, KafkaMockCluster, startKafkaMockCluster, waitFor, WireEvent } from '@dvc/testing';

const ROOT = join(__dirname, '..', '..', '..');
/** Scripts and CI provision with DVC_ADMIN_TOKEN; the test calls the API with it. */
const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef0123456789';
const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` };
const MAIN = join(ROOT, 'dist', 'apps', 'dvc', 'src', 'main.js');

/** The fenced bash/sh blocks of a Markdown text that run curl. */
function curlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```(?:bash|sh)\n([\s\S]*?)^```$/gm)]
    .map((match) => match[1])
    .filter((block) => /^curl /m.test(block));
}

interface RunningApp {
  url: string;
  process: ChildProcess;
  /** Everything the app printed, for failure messages. */
  output: () => string;
}

/** The built all-in-one app (`npm start` without its build step), as a separate process. */
async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      GENERATOR: 'false',
      LOG_LEVEL: 'info',
      DVC_ADMIN_TOKEN: ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DVC metrics pipeline on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`app exited with ${code}:\n${output}`)));
  });
  return { url, process: child, output: () => output };
}

function stop(app: RunningApp, signal: NodeJS.Signals): Promise<void> {
  if (app.process.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    app.process.once('exit', () => resolve());
    app.process.kill(signal);
  });
}

const getJson = async <T = Record<string, unknown>>(url: string) => {
  const response = await fetch(url, { headers: AUTH });
  return { status: response.status, body: (await response.json()) as T };
};
const post = (url: string, contentType: string, body: string) =>
  fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': contentType, ...AUTH }, body });

describe('the whole pipeline as one process (npm start)', () => {
  let dataDir: string;
  let cluster: KafkaMockCluster;
  const running: RunningApp[] = [];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvc-e2e-'));
    cluster = await startKafkaMockCluster();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => stop(app, 'SIGKILL')));
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves ingestion, indicators, health, metrics and docs over HTTP', async () => {
    const app = await startApp({
      DATA_DIR: dataDir,
      KAFKA_BROKERS: cluster.brokers.join(','),
      CORRECTION_SETS_EVERY_SECONDS: '1',
      // A busy test machine must not make the engines look slow (health-verdict.spec judges the threshold).
      HEALTH_SLOW_ROUND_TRIP_MS: '60000',
    });
    running.push(app);

    const json = await post(
      app.url,
      'application/json',
      JSON.stringify([aReceived('A', 'online'), { bad: 1 }]),
    );
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, eventId: null, reason: 'schema_violation', errors: expect.any(Array) }],
    });
    const ndjson = [aReceived('B', 'direct'), aReceived('A', 'online')]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const second = await post(app.url, 'application/x-ndjson', `${ndjson}\n{oops\n`);
    expect(await second.json()).toMatchObject({
      accepted: 2,
      duplicates: 0,
      rejected: [{ index: 2, reason: 'invalid_json' }],
    });

    // Before any query: the app prepares a correction set for the new events in the background (every
    // CORRECTION_SETS_EVERY_SECONDS), and a live dashboard's query (maxLag) reads the latest one, named by the
    // ingestion moment it shows.
    await waitFor(
      async () => (await fetch(`${app.url}/metrics`, { headers: AUTH })).text(),
      (metrics) => /dvc_correction_set_prepare_seconds_count\{outcome="made"\} [1-9]/.test(metrics),
      { what: 'a correction set prepared in the background' },
    );
    const live = await waitFor(
      () =>
        getJson<{ asOf: string | null; denominator: number }>(
          `${app.url}/v1/indicators/dossiers.online?from=2026-03-01&to=2026-03-31&maxLag=60`,
        ),
      (response) => response.body.asOf !== null && response.body.denominator === 2,
      { what: 'figures prepared for every event' },
    );
    // March had ended before the first event arrived: history, so none of it is late.
    expect(live.body).toMatchObject({ numerator: 1, denominator: 2, lateEvents: 0 });
    expect(Date.parse(live.body.asOf!)).toBeLessThanOrEqual(Date.now());
    expect(
      await getJson(`${app.url}/v1/indicators/dossiers.online?year=2026&maxLag=60&asOf=2026-03-01T00:00:00Z`),
    ).toMatchObject({
      status: 400,
      body: { errors: [expect.stringContaining('give asOf or maxLag, not both')] },
    });

    expect(await getJson(`${app.url}/v1/indicators/dossiers.online?from=2026-03-01&to=2026-03-31`)).toEqual({
      status: 200,
      body: {
        indicator: 'dossiers.online',
        nameVi: 'Tỷ lệ hồ sơ trực tuyến',
        nameEn: 'Share of dossiers received online',
        unit: 'share',
        scope: {
          agency: null,
          agencyName: null,
          structure: 'reported',
          subtree: true,
          field: null,
          procedure: null,
        },
        period: { from: '2026-03-01', to: '2026-03-31' },
        asOf: null,
        // A, B and A's re-send (a new id) happened in March and arrived now, into a store that received its
        // first event after March ended: a first load of history, not late.
        lateEvents: 0,
        lateEventsMeaning: LATE_EVENTS_MEANING,
        numerator: 1,
        denominator: 2,
        value: 0.5,
        percent: 50,
        display: '50%',
        warnings: [],
        groupBy: null,
      },
    });

    expect(
      await getJson(`${app.url}/v1/indicators/dossiers.online?from=2026-03-31&to=2026-03-01`),
    ).toMatchObject({
      status: 400,
      body: {
        message: 'invalid request',
        errors: [expect.stringContaining('"from" must not be after "to"')],
      },
    });
    expect(
      (await getJson(`${app.url}/v1/indicators/dossiers.onlin?from=2026-03-01&to=2026-03-31`)).status,
    ).toBe(404);
    expect((await post(app.url, 'application/json', '{"not": "an array"}')).status).toBe(400);
    expect((await post(app.url, 'text/csv', 'a,b')).status).toBe(415);
    expect((await post(app.url, 'application/x-ndjson', '{}\n'.repeat(10_001))).status).toBe(413);
    expect((await post(app.url, 'application/x-ndjson', 'x'.repeat(11 * 1024 * 1024))).status).toBe(413);

    // The start-up snapshot is built in the background: degraded ("no dossier snapshot built yet") until then.
    const health = await waitFor(
      () => getJson<{ status: string; components: Record<string, unknown> }>(`${app.url}/health/details`),
      (answer) => answer.body.status !== 'degraded',
      { what: 'the start-up snapshot' },
    );
    const engineUp = { status: 'up', roundTripMs: expect.any(Number) };
    expect(health).toEqual({
      status: 200,
      body: {
        status: 'up',
        reasons: [],
        components: {
          clickhouse: engineUp,
          postgres: engineUp,
          kafka: engineUp,
          // Built at start-up; the consumer's lag appears once its first batch is in.
          snapshot: { status: 'up', ageSeconds: expect.any(Number) },
          ...(health.body.components.consumer ? { consumer: { status: 'up', lag: expect.any(Number) } } : {}),
        },
      },
    });
    expect(await getJson(`${app.url}/health/live`)).toEqual({ status: 200, body: { status: 'up' } });
    // Without credentials: the status alone, and no metrics (METRICS_PORT unset: token-protected).
    const probe = await fetch(`${app.url}/health`);
    expect({ status: probe.status, body: await probe.json() }).toEqual({
      status: 200,
      body: { status: 'up' },
    });
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const metrics = await (await fetch(`${app.url}/metrics`, { headers: AUTH })).text();
    expect(metrics).toMatch(/dvc_ingest_events_total\{outcome="accepted",via="http"\} 3/);
    expect(metrics).toMatch(/dvc_ingest_events_total\{outcome="rejected",via="http"\} 2/);
    expect(metrics).toContain('dvc_ingest_batch_write_seconds_bucket');
    expect((await fetch(`${app.url}/docs`)).status).toBe(200);
    const openApi = (await getJson<{ paths: object }>(`${app.url}/docs-json`)).body;
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/v1/events', '/v1/indicators/{id}']));
  });

  it('prints the admin password and a demo token per role once, on a first start', async () => {
    // The synthetic catalogue (loaded on a first start with the feed) holds the demo department's agency.
    const withCatalogue = {
      DATA_DIR: dataDir,
      GENERATOR: 'true',
      GENERATOR_HISTORY_DAYS: '1',
      GENERATOR_DOSSIERS_PER_DAY: '20',
      GENERATOR_LIVE: 'false',
    };
    const first = await startApp(withCatalogue);
    running.push(first);
    const printed = await waitFor(
      async () => first.output(),
      (output) => /^ {2}source +dvc_\S+/m.test(output),
      { what: 'the first-start credentials' },
    );
    const password = /as admin with password (\S+) — shown this once/.exec(printed)![1];
    const token = (role: string) => new RegExp(`^  ${role} +(dvc_\\S+)`, 'm').exec(printed)![1];
    const login = await fetch(`${first.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/^dvc_session=[^;]+;.*HttpOnly.*SameSite=Lax/i);
    const me = async (bearer: string) =>
      (await fetch(`${first.url}/v1/auth/me`, { headers: { authorization: `Bearer ${bearer}` } })).json();
    for (const role of ['admin', 'analyst', 'operator', 'department', 'source']) {
      expect(await me(token(role))).toMatchObject({ role, via: 'token' });
    }
    expect(await me(token('department'))).toMatchObject({ agencyCode: '000.00.30.H12' });
    expect(await me(token('source'))).toMatchObject({ sourceId: 'binh-thuan.motcua' });
    const indicator = (bearer: string, query = '') =>
      fetch(`${first.url}/v1/indicators/dossiers.online?year=2026${query}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
    expect((await indicator(token('department'), '&agency=000.00.00.H12')).status).toBe(403);
    const own = await waitFor(
      async () => {
        const response = await indicator(token('department'));
        return { status: response.status, body: (await response.json()) as object };
      },
      (response) => response.status === 200,
      { what: "the department's own figures" },
    );
    expect(own.body).toMatchObject({ scope: { agency: '000.00.30.H12' } });
    expect((await indicator(token('source'))).status).toBe(403);
    expect((await fetch(`${first.url}/v1/indicators/dossiers.online?year=2026`)).status).toBe(401);
    await stop(first, 'SIGTERM');
    running.splice(running.indexOf(first), 1);

    const second = await startApp(withCatalogue);
    running.push(second);
    const again = await fetch(`${second.url}/v1/auth/me`, {
      headers: { authorization: `Bearer ${token('analyst')}` },
    });
    expect(await again.json()).toMatchObject({ role: 'analyst' });
    expect(second.output()).not.toMatch(/password|dvc_/);
  });

  it("runs the README's and docs' curl examples as written, with the credentials the first start prints", async () => {
    const first = await startApp({
      DATA_DIR: dataDir,
      GENERATOR: 'true',
      GENERATOR_HISTORY_DAYS: '1',
      GENERATOR_DOSSIERS_PER_DAY: '20',
      GENERATOR_LIVE: 'false',
    });
    running.push(first);
    const printed = await waitFor(
      async () => first.output(),
      (output) => /^ {2}source +dvc_\S+/m.test(output),
      { what: 'the first-start credentials' },
    );
    const password = /as admin with password (\S+) — shown this once/.exec(printed)![1];
    const token = (role: string) => new RegExp(`^  ${role} +(dvc_\\S+)`, 'm').exec(printed)![1];
    const host = new URL(first.url).host;
    const blocks = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((file) => `docs/${file}`)]
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) =>
        curlBlocks(readFileSync(join(ROOT, file), 'utf8')).map((block) => ({ file, block })),
      );
    expect(blocks.map(({ file }) => file)).toEqual(
      expect.arrayContaining(['README.md', 'docs/catalogue-import.md']),
    );
    const work = mkdtempSync(join(tmpdir(), 'dvc-doc-curls-'));
    symlinkSync(join(ROOT, 'samples'), join(work, 'samples'));
    try {
      for (const { file, block } of blocks) {
        // The token a block's `NAME=dvc_…   # the <role> token …` line says to paste, the password, this app's port.
        const script = block
          .replace(
            /^(\w+)=dvc_…(\s+# the (\w+) token.*)?$/gm,
            (line, name: string, comment, role?: string) => {
              if (!role) throw new Error(`${file}: "${line}" does not say which printed token to use`);
              return `${name}=${token(role)}`;
            },
          )
          .replaceAll('"password":"…"', `"password":"${password}"`)
          .replaceAll('127.0.0.1:3000', host)
          .replaceAll('localhost:3000', host);
        const calls = (block.match(/^curl /gm) ?? []).length;
        // Every curl fails the block on an HTTP error (401, 403, 4xx, 5xx) and says it ran.
        const prelude =
          'set -euo pipefail\ncurl() { command curl --fail-with-body --show-error "$@"; echo; echo CURL-OK; }\n';
        let output: string;
        try {
          output = execFileSync('bash', ['-c', prelude + script], {
            cwd: work,
            encoding: 'utf8',
            timeout: 60_000,
          });
        } catch (error) {
          throw new Error(
            `${file}: a curl example failed:\n${block}\n${String((error as { stdout?: string }).stdout)}`,
          );
        }
        expect({ file, ran: (output.match(/^CURL-OK$/gm) ?? []).length }).toEqual({ file, ran: calls });
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('gives the synthetic province its catalogue on a first start: procedure indicators and subtrees', async () => {
    const app = await startApp({
      DATA_DIR: dataDir,
      GENERATOR: 'true',
      GENERATOR_HISTORY_DAYS: '3',
      GENERATOR_DOSSIERS_PER_DAY: '200',
      GENERATOR_LIVE: 'false',
    });
    running.push(app);
    await waitFor(
      async () => app.output(),
      (output) => /history .* events sent/.test(output),
      {
        what: 'the synthetic history to be sent',
      },
    );
    // The start-up snapshot held none of it; one is built right after, so queries read the history from a snapshot.
    await waitFor(
      async () => app.output(),
      (output) => /dossier snapshot: [1-9]\d* dossiers/.test(output),
      { what: 'a snapshot of the history' },
    );
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const indicator = async (query: string) =>
      (await getJson<{ numerator: number; denominator: number }>(`${app.url}/v1/indicators/${query}`)).body;
    // 150 procedures, all offered by some department of the province.
    const province = await waitFor(
      () => indicator(`procedures.online?date=${today}&agency=000.00.00.H12`),
      (body) => body.denominator === 150,
      { what: 'the catalogue to reach ClickHouse' },
    );
    expect(province.numerator).toBeGreaterThan(0);
    // The district's subtree holds its 18 communes' dossiers; the province's holds everything.
    const all = await indicator(`dossiers.online?from=2000-01-01&to=${today}`);
    const district = await indicator(`dossiers.online?from=2000-01-01&to=${today}&agency=000.00.30.H12`);
    const wholeProvince = await indicator(`dossiers.online?from=2000-01-01&to=${today}&agency=000.00.00.H12`);
    expect(district.denominator).toBeGreaterThan(0);
    expect(district.denominator).toBeLessThan(all.denominator);
    expect([wholeProvince.numerator, wholeProvince.denominator]).toEqual([all.numerator, all.denominator]);
  });

  it('loses nothing and counts nothing twice when killed mid-stream and restarted', async () => {
    const stream: WireEvent[] = [
      ...provinceHistory({
        seed: 3,
        from: '2026-03-02',
        to: '2026-03-20',
        dossiersPerDay: 150,
        now: Date.parse('2026-03-31T00:00:00Z'),
      }),
    ].flat();
    const producer = new KafkajsBroker({ brokers: cluster.brokers, clientId: 'e2e-producer' });
    await producer.produce(
      DOSSIER_EVENTS_TOPIC,
      stream.map((event) => ({ key: String(event.dossierCode), value: JSON.stringify(event) })),
    );
    await producer.close();
    const env = {
      DATA_DIR: dataDir,
      KAFKA_BROKERS: cluster.brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_MAX_BYTES_PER_PARTITION: '4096',
    };
    const accepted = async (app: RunningApp) => {
      const metrics = await (await fetch(`${app.url}/metrics`, { headers: AUTH })).text();
      return Number(
        /dvc_ingest_events_total\{outcome="accepted",via="kafka"\} (\d+)/.exec(metrics)?.[1] ?? 0,
      );
    };

    const first = await startApp(env);
    running.push(first);
    const acceptedBeforeKill = await waitFor(
      () => accepted(first),
      (count) => count > 0,
      {
        what: 'the first batches',
        intervalMs: 20,
      },
    );
    const metricsBeforeKill = await (await fetch(`${first.url}/metrics`, { headers: AUTH })).text();
    await stop(first, 'SIGKILL');
    // Started on an empty database: migrations were in place before the first batch, which never failed.
    expect(metricsBeforeKill).not.toMatch(/dvc_ingest_batch_retries_total\{[^}]*\} [1-9]/);
    expect(acceptedBeforeKill).toBeLessThan(new Set(stream.map((event) => event.eventId)).size);
    running.splice(running.indexOf(first), 1);

    const second = await startApp(env);
    running.push(second);
    const expected = countDossiersOnline(
      resolveIntakes(stream.map((event) => dossierEventSchema.parse(event))),
      { from: '2026-03-01', to: '2026-03-31' },
      singleAgency(null),
    );
    const indicator = `${second.url}/v1/indicators/dossiers.online?from=2026-03-01&to=2026-03-31`;
    await waitFor(
      () => getJson<{ denominator: number }>(indicator),
      ({ body }) => body.denominator === expected.denominator,
      { what: 'the restarted consumer to catch up', timeoutMs: 90_000 },
    ).catch(async (error: Error) => {
      const metrics = (await (await fetch(`${second.url}/metrics`, { headers: AUTH })).text())
        .split('\n')
        .filter((line) => line.startsWith('dvc_ingest'))
        .join('\n');
      throw new Error(
        `${error.message}\n--- restarted app metrics:\n${metrics}\n--- printed:\n${second.output().slice(-3000)}`,
      );
    });
    expect((await getJson(indicator)).body).toMatchObject(expected);
    await stop(second, 'SIGTERM');
    running.splice(running.indexOf(second), 1);

    // Every distinct event stored exactly once, read by a separate process (chDB: one data directory each).
    const count = execFileSync(
      process.execPath,
      [
        '-e',
        `const { createClickHouseClient } = require(${JSON.stringify(join(ROOT, 'dist/libs/clickhouse/src'))});
         const client = createClickHouseClient({ dataDir: ${JSON.stringify(dataDir)} });
         client.query({ query: 'SELECT count() AS n, uniqExact(source, event_id) AS u FROM dvc.dossier_events FINAL', format: 'JSONEachRow' })
           .then((r) => r.json()).then((rows) => { console.log(JSON.stringify(rows[0])); return client.close(); });`,
      ],
      { encoding: 'utf8' },
    );
    const distinct = new Set(stream.map((event) => event.eventId)).size;
    const stored = JSON.parse(count.trim().split('\n').pop()!) as { n: string | number; u: string | number };
    expect({ n: Number(stored.n), u: Number(stored.u) }).toEqual({ n: distinct, u: distinct });
  });
});
