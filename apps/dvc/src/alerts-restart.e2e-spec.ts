import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  aReceived,
  startMachineTestPostgres,
  TestPostgres,
  TestSmtpServer,
  waitFor,
  WireEvent,
} from '@dvc/testing';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'dvc', 'src', 'main.js');
const ADMIN_TOKEN = 'e2e-alerts-admin-token-0123456789abcdef012345';
const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

/* A district with two communes; commune A at 50% online, commune B at 10%: below the rules' 30%. */
const PROVINCE = '000.00.00.H12';
const DISTRICT = '000.00.30.H12';
const COMMUNE_A = '000.30.01.H12';
const COMMUNE_B = '000.30.02.H12';
const HEAD_OF_A = 'chu.tich@xa-a.gov.vn';
const HEAD_OF_B = 'chu.tich@xa-b.gov.vn';
const PASC = 'theo-doi@pasc.gov.vn';
/** The slow rule's `for`: the pending timer that must survive the kill. */
const FOR_SECONDS = 20;

interface RunningApp {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** The built all-in-one app (`npm start` without its build step) as a separate process. */
async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      GENERATOR: 'false',
      LOG_LEVEL: 'warn',
      DVC_ADMIN_TOKEN: ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 90_000);
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
  if (app.process.exitCode !== null || app.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    app.process.once('exit', () => resolve());
    app.process.kill(signal);
  });
}

async function call(app: RunningApp, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: AUTH,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return path === '/metrics' ? text : JSON.parse(text);
}

/** One sample of an app's /metrics, e.g. `dvc_alert_evaluations_total{outcome="evaluated"}` (0 when absent). */
async function sample(app: RunningApp, series: string): Promise<number> {
  const text = (await call(app, 'GET', '/metrics')) as string;
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** Commune A 5 online of 10, commune B 1 of 10, all received a minute ago. */
function dossiers(): WireEvent[] {
  const occurredAt = new Date(Date.now() - 60_000).toISOString();
  const dueAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
  return [
    ...Array.from({ length: 10 }, (_, index) =>
      aReceived(`XA-A-${index}`, index < 5 ? 'online' : 'direct', {
        agencyCode: COMMUNE_A,
        occurredAt,
        dueAt,
      }),
    ),
    ...Array.from({ length: 10 }, (_, index) =>
      aReceived(`XA-B-${index}`, index < 1 ? 'online' : 'direct', {
        agencyCode: COMMUNE_B,
        occurredAt,
        dueAt,
      }),
    ),
  ];
}

/** Sends the events to one app and waits until its figures count them under their communes. */
async function ingest(app: RunningApp, events: WireEvent[]): Promise<void> {
  await call(app, 'POST', '/v1/events', events);
  await waitFor(
    async () =>
      (await call(
        app,
        'GET',
        `/v1/indicators/dossiers.online?period=rolling-30d&agency=${DISTRICT}&groupBy=agency`,
      )) as { groups?: { key: string; denominator: number }[] },
    (body) =>
      (body.groups ?? [])
        .filter((group) => group.key === COMMUNE_A || group.key === COMMUNE_B)
        .reduce((total, group) => total + group.denominator, 0) === events.length,
    { what: 'the events counted under their communes', timeoutMs: 60_000 },
  );
}

const rule = (key: string, forSeconds: number, recipients: object) => ({
  key,
  name: `Hồ sơ trực tuyến của các xã (${key})`,
  indicatorId: 'dossiers.online',
  scope: { kind: 'children', agencyCode: DISTRICT },
  window: { kind: 'rolling', days: 30 },
  condition: { kind: 'threshold', comparator: '<', threshold: 0.3 },
  minSample: 5,
  forSeconds,
  recipients,
});

describe('alerts across a SIGKILL and two replicas (the built app as child processes, the machine PostgreSQL, an SMTP server on loopback)', () => {
  let postgres: TestPostgres;
  let database: Client;
  let smtp: TestSmtpServer;
  const dataDirs: string[] = [];
  const running: RunningApp[] = [];
  const env = (dataDir: string) => ({
    DATA_DIR: dataDir,
    DATABASE_URL: postgres.url,
    SMTP_URL: smtp.url,
    ALERTS_EVALUATE_EVERY_SECONDS: '1',
    ALERTS_LEASE_SECONDS: '3',
    CATALOGUE_MIRROR_INTERVAL_MS: '200',
    HEALTH_SLOW_ROUND_TRIP_MS: '60000',
  });
  const launch = async (dataDir: string) => {
    const app = await startApp(env(dataDir));
    running.push(app);
    return app;
  };
  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.envelopeTo.includes(address));
  const query = async <T>(sql: string, parameters: unknown[] = []) =>
    (await database.query(sql, parameters)).rows as T[];
  const alertOf = async (ruleKey: string, unit: string) =>
    (
      await query<{ id: string; state: string }>(
        `SELECT a.id, a.state FROM alerts.alerts a JOIN alerts.rules r ON r.id = a.rule_id
          WHERE r.key = $1 AND a.unit_code = $2`,
        [ruleKey, unit],
      )
    )[0];
  const historyOf = async (alertId: string) =>
    query<{ to_state: string; at: Date; notification: string | null }>(
      `SELECT to_state, at, notification FROM alerts.history WHERE alert_id = $1 ORDER BY at, id`,
      [alertId],
    );

  beforeAll(async () => {
    [postgres, smtp] = await Promise.all([startMachineTestPostgres(), TestSmtpServer.start()]);
    database = new Client({ connectionString: postgres.url });
    await database.connect();
    for (const name of ['first', 'second']) dataDirs.push(mkdtempSync(join(tmpdir(), `dvc-alerts-${name}-`)));
  });
  afterAll(async () => {
    await Promise.all(running.map((app) => stop(app, 'SIGKILL')));
    await database?.end();
    await Promise.all([postgres?.stop(), smtp?.stop()]);
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('sends one email although killed while sending, keeps the pending timer, and lets one of two replicas evaluate', async () => {
    const [firstDir, secondDir] = dataDirs;
    const first = await launch(firstDir);
    for (const [code, kind, parentCode] of [
      [PROVINCE, 'province', null],
      [DISTRICT, 'district', PROVINCE],
      [COMMUNE_A, 'commune', DISTRICT],
      [COMMUNE_B, 'commune', DISTRICT],
    ])
      await call(first, 'POST', '/v1/agencies', {
        code,
        name: `UBND ${code}`,
        kind,
        parentCode,
        validFrom: '2020-01-01',
      });
    for (const [agencyCode, email] of [
      [COMMUNE_A, HEAD_OF_A],
      [COMMUNE_B, HEAD_OF_B],
    ])
      await call(first, 'POST', '/v1/alert-contacts', { agencyCode, email, name: 'Chủ tịch' });
    const events = dossiers();
    await ingest(first, events);

    // The slow rule first: commune B goes pending on it; then the quick rule, which fires at once for B. The SMTP
    // server reads that email and never answers: the process is killed while it waits.
    smtp.holdNext();
    await call(
      first,
      'POST',
      '/v1/alert-rules',
      rule('slow', FOR_SECONDS, { unitContacts: false, emails: [PASC] }),
    );
    await waitFor(
      () => alertOf('slow', COMMUNE_B),
      (alert) => alert?.state === 'pending',
      { what: 'commune B pending on the slow rule' },
    );
    await call(first, 'POST', '/v1/alert-rules', rule('quick', 0, { unitContacts: true, emails: [] }));
    await waitFor(
      async () => smtp.held.length,
      (held) => held === 1,
      { what: 'the firing email read by the SMTP server', intervalMs: 20 },
    );
    const [lease] = await query<{ holder: string }>(`SELECT holder FROM alerts.evaluator_lease`);
    expect(lease.holder).toContain(`:${first.process.pid}:`);
    await stop(first, 'SIGKILL');

    expect(smtp.held[0].envelopeTo).toEqual([HEAD_OF_B]);
    expect(smtp.mails).toEqual([]);
    expect(await query(`SELECT channel, destination, status FROM alerts.notifications`)).toEqual([
      { channel: 'email', destination: HEAD_OF_B, status: 'pending' },
    ]);
    expect((await alertOf('quick', COMMUNE_B)).state).toBe('firing');
    const slow = await alertOf('slow', COMMUNE_B);
    expect(slow.state).toBe('pending');
    const pendingAt = (await historyOf(slow.id)).find((entry) => entry.to_state === 'pending')!.at.getTime();

    // Restarted on the same data and PostgreSQL, well into the pending time: a timer restarted from scratch would
    // fire FOR_SECONDS after the restart, the kept one FOR_SECONDS after commune B went pending.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pendingAt + 10_000 - Date.now())));
    const restartedAt = Date.now();
    const restarted = await launch(firstDir);
    await waitFor(
      async () => mailsTo(PASC).length,
      (count) => count === 1,
      { what: 'the slow rule firing after the restart', timeoutMs: 60_000 },
    );
    expect(mailsTo(HEAD_OF_B)).toHaveLength(1);
    expect(mailsTo(HEAD_OF_B)[0].parsed.subject).toMatch(/^\[DVC\] Cảnh báo: UBND 000\.30\.02\.H12 — /);
    const slowHistory = await historyOf(slow.id);
    expect(slowHistory.map((entry) => [entry.to_state, entry.notification])).toEqual([
      ['pending', null],
      ['firing', 'firing'],
    ]);
    const firingAt = slowHistory[1].at.getTime();
    expect(firingAt - pendingAt).toBeGreaterThanOrEqual(FOR_SECONDS * 1000);
    expect(firingAt).toBeLessThan(restartedAt + FOR_SECONDS * 1000);

    // A second replica joins, on its own ClickHouse data with the same events: the one holding the lease keeps
    // evaluating, the other skips.
    const second = await launch(secondDir);
    await ingest(second, events);
    const evaluated = (app: RunningApp) => sample(app, 'dvc_alert_evaluations_total{outcome="evaluated"}');
    const before = await evaluated(restarted);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await evaluated(restarted)).toBeGreaterThan(before);
    expect(await evaluated(second)).toBe(0);
    expect(await sample(second, 'dvc_alert_evaluations_total{outcome="skipped"}')).toBeGreaterThan(0);
    // Every replica reports the province's alerts: the one that never evaluated too.
    expect(await sample(second, 'dvc_alerts{state="firing"}')).toBe(2);

    // The evaluating replica stops (handing back its lease): the other takes over from the stored state.
    await stop(restarted, 'SIGTERM');
    await waitFor(
      () => evaluated(second),
      (count) => count >= 3,
      { what: 'the second replica evaluating', timeoutMs: 30_000 },
    );
    expect((await alertOf('quick', COMMUNE_B)).state).toBe('firing');
    expect((await alertOf('slow', COMMUNE_B)).state).toBe('firing');

    // One email per recipient over the whole run; commune A's head never hears of commune B.
    expect(smtp.mails.map((mail) => mail.envelopeTo.join(',')).sort()).toEqual([HEAD_OF_B, PASC].sort());
    expect(mailsTo(HEAD_OF_A)).toEqual([]);
    expect(
      (await query<{ status: string }>(`SELECT status FROM alerts.notifications ORDER BY created_at`)).map(
        (row) => row.status,
      ),
    ).toEqual(['delivered', 'delivered']);
  });
});
