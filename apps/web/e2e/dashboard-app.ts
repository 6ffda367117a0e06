import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, connect, createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

// End-to-end helpers for the web app: the built all-in-one app (npm start without its build step) on embedded
// engines, the sample province's catalogue, dossier events over HTTP, and Debian's Chromium.

export const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'dvc', 'src', 'main.js');
/** Screenshots of each run, for people to open and look at (CI keeps the folder as an artifact). */
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');

/** Provisioning credentials, as a province's scripts use them (DVC_ADMIN_TOKEN). */
export const ADMIN_TOKEN = `e2e-admin-${randomUUID()}`;
export const PASSWORD = 'e2e-password-long-enough';

export interface RunningApp {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvc-web-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      GENERATOR: 'false',
      DATA_DIR: dataDir,
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
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A call with the admin token unless `init` says otherwise. */
export async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The sample province Hòa An (samples/catalogue): agencies, lineage, procedures with levels, targets. */
export async function importSampleCatalogue(app: RunningApp): Promise<void> {
  const report = await api<{ rejected?: unknown[]; errors?: unknown[] }>(`${app.url}/v1/catalogue/imports`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: readFileSync(join(ROOT, 'samples', 'catalogue', 'catalogue.xlsx')),
  });
  if ((report.errors ?? []).length > 0) throw new Error(`catalogue import: ${JSON.stringify(report.errors)}`);
}

export type WireEvent = Record<string, unknown>;
type Channel = 'online' | 'direct' | 'postal';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** A dossier's events: received (when, how, where, due), and resolved when `resolvedAt` is given. */
export function aDossier(fields: {
  code: string;
  agency: string;
  procedure: string;
  channel: Channel;
  receivedAt: number;
  dueAt: number;
  resolvedAt?: number;
}): WireEvent[] {
  const base = { source: 'e2e-one-stop', dossierCode: fields.code };
  const received = {
    ...base,
    eventId: randomUUID(),
    type: 'received',
    occurredAt: iso(fields.receivedAt),
    procedureCode: fields.procedure,
    agencyCode: fields.agency,
    channel: fields.channel,
    dueAt: iso(fields.dueAt),
  };
  if (fields.resolvedAt === undefined) return [received];
  return [
    received,
    {
      ...base,
      eventId: randomUUID(),
      type: 'resolved',
      occurredAt: iso(fields.resolvedAt),
      outcome: 'approved',
    },
  ];
}

/**
 * A small day in Hòa An: dossiers received today through each channel, earlier ones resolved early, on time
 * and late, one open past its due time, one due within the day.
 */
export function aProvinceDay(now = Date.now()): WireEvent[] {
  const commune = '000.41.00.H99';
  const justice = '000.00.12.H99';
  const minutesAgo = (n: number) => now - (n + 1) * 60_000;
  const inFiveDays = now + 5 * DAY;
  // code, agency, procedure, channel, received, due, resolved
  const rows: [string, string, string, Channel, number, number, number?][] = [
    ['E2E-T1', commune, '1.001193', 'online', minutesAgo(1), inFiveDays],
    ['E2E-T2', commune, '1.001193', 'online', minutesAgo(2), inFiveDays],
    ['E2E-T3', commune, '2.000635', 'online', minutesAgo(3), inFiveDays],
    ['E2E-T4', commune, '2.000635', 'direct', minutesAgo(4), now + 12 * HOUR],
    ['E2E-T5', justice, '2.001417', 'direct', minutesAgo(5), inFiveDays],
    ['E2E-T6', justice, '2.001417', 'postal', minutesAgo(6), inFiveDays],
    ['E2E-P1', justice, '2.001417', 'online', now - 20 * DAY, now - 10 * DAY, now - 15 * DAY],
    ['E2E-P2', justice, '2.001417', 'direct', now - 20 * DAY, now - 10 * DAY, now - 10 * DAY - HOUR],
    ['E2E-P3', justice, '2.001417', 'direct', now - 20 * DAY, now - 12 * DAY, now - 9 * DAY],
    ['E2E-P4', commune, '1.001193', 'direct', now - 8 * DAY, now - 2 * DAY],
  ];
  return rows.flatMap(([code, agency, procedure, channel, receivedAt, dueAt, resolvedAt]) =>
    aDossier({ code, agency, procedure, channel, receivedAt, dueAt, resolvedAt }),
  );
}

export async function postEvents(app: RunningApp, events: WireEvent[]): Promise<void> {
  const answer = await api<{ accepted: number; rejected: unknown[] }>(`${app.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  if (answer.rejected.length > 0) throw new Error(`events rejected: ${JSON.stringify(answer.rejected)}`);
}

/** A person's account, made by the admin as a province would (POST /v1/users). */
export async function createUser(
  app: RunningApp,
  user: { username: string; role: 'operator' | 'analyst' | 'department'; agencyCode?: string },
): Promise<void> {
  await api(`${app.url}/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...user, password: PASSWORD }),
  });
}

/** Logs in through the page's form; the session cookie then carries every call of the app. */
export async function logIn(page: Page, app: RunningApp, username: string): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('form.login button[type=submit]').click();
  await page.locator('[data-testid=online-year]').waitFor();
}

/** Debian's Chromium, headless, with the flags DEVELOPERS.md names. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The page as a PNG in ARTIFACTS: the whole page, or (`fullPage: false`) what the viewport shows, a wall screen. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/**
 * A TCP relay in front of the app that a test can cut (every connection through it dropped, new ones refused) and
 * mend: the network between a wall screen and the server going away and coming back. Cookies know no port, so a
 * session made through it is the app's.
 */
export interface Relay {
  url: string;
  cut(): void;
  mend(): void;
  stop(): Promise<void>;
}

export async function startRelay(app: RunningApp): Promise<Relay> {
  const target = new URL(app.url);
  const sockets = new Set<Socket>();
  let isCut = false;
  const keep = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    if (isCut) return client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    keep(client);
    keep(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => {
      isCut = true;
      dropAll();
    },
    mend: () => {
      isCut = false;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
