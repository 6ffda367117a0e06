import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { BenchOptions } from './options';
import {
  byteSize,
  formatNumber,
  LatencySummary,
  printConfig,
  printHeading,
  printTable,
  sleep,
  summarizeLatencies,
} from './report';

export const PAGE_AIMS = { figuresMs: 1500, calls: 8, jsGzipBytes: 400 * 1024, eventToScreenP95Ms: 3000 };

export interface PageResults {
  dossiers: number;
  /** Navigation → the overview's figures on screen, a fresh browser context (empty cache) each run. */
  coldFigures: LatencySummary;
  /** The same, reloading in a context that has the hashed assets cached. */
  warmFigures: LatencySummary;
  /** API calls (`/v1/…`) of one overview load until its figures show and a second after. */
  apiCalls: string[];
  /** JavaScript the overview loads, gzip (level 6) of each file, and of every chunk the build ships. */
  jsLoadedGzipBytes: number;
  jsLoadedFiles: number;
  jsAllChunksGzipBytes: number;
  /** One dossier posted over HTTP → the received-today tile showing it, through the live stream. */
  eventToScreen: LatencySummary;
  /**
   * Where a cold load's time goes: per milestone (ms after navigation began, the browser's resource timing), its
   * p50 over the cold runs: the page and its script in, each API call of the figures sent and answered.
   */
  coldMilestones: Record<string, LatencySummary>;
  /** `GET /v1/dashboard/overview` alone, asked by a client on loopback: the server's part of both. */
  overviewApi: LatencySummary;
}

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const DAY = 86_400_000;
const PASSWORD = 'bench-page-password';

/**
 * Section `page`: the web app in Debian's Chromium against the built all-in-one app (a child process on embedded
 * engines, as `npm start` runs it, without the feed) holding the sample province's catalogue and
 * BENCH_PAGE_DOSSIERS dossiers over the last 90 days, on loopback.
 */
export async function pageLoad(options: BenchOptions): Promise<PageResults> {
  printHeading('7. The dashboard page (Chromium, loopback)');
  const dataDir = join(options.outDir, 'page-app');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const app = await startApp(dataDir);
  let browser: Browser | null = null;
  try {
    await importSampleCatalogue(app.url);
    const loaded = await loadDossiers(app.url, options.pageDossiers, options.seed);
    printConfig({
      app: `${app.url} (dist/apps/dvc/src/main.js, chDB + PGlite, GENERATOR=false)`,
      catalogue: 'samples/catalogue/catalogue.xlsx',
      dossiers: `${formatNumber(loaded)} over the last 90 days, ~1/3 online, most resolved`,
      browser: '/usr/bin/chromium (headless, playwright-core), viewport 1920×1080',
      'figure runs': options.pageRuns,
      'event → screen runs': options.pageEvents,
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    const cookie = await sessionCookie(app.url);
    const newContext = async () => {
      const context = await browser!.newContext({ viewport: { width: 1920, height: 1080 } });
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
      // A signed-in official's browser: the app's mark that it found a session there (SESSION_MARK_KEY of
      // apps/web/src/overview/overview-prefetch.ts), with which the overview asks its figures before the app loads.
      await context.addInitScript(() =>
        (
          globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }
        ).localStorage.setItem('dvc.session', '1'),
      );
      return context;
    };

    // Warm the server (first queries compile, the catalogue mirror settles) before timing.
    {
      const context = await newContext();
      await figuresShown(await context.newPage(), app.url);
      await context.close();
    }

    const cold: number[] = [];
    const milestones = new Map<string, number[]>();
    let apiCalls: string[] = [];
    let jsLoaded = { bytes: 0, files: 0 };
    for (let run = 0; run < options.pageRuns; run++) {
      const context = await newContext();
      const page = await context.newPage();
      const calls: string[] = [];
      const scripts: Promise<Buffer>[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/v1/')) calls.push(`${request.method()} ${url.pathname}${url.search}`);
      });
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.body());
      });
      cold.push(await figuresShown(page, app.url));
      for (const [name, at] of Object.entries(await loadMilestones(page)))
        milestones.set(name, [...(milestones.get(name) ?? []), at]);
      await sleep(1000);
      if (run === 0) {
        apiCalls = calls;
        const bodies = await Promise.all(scripts);
        jsLoaded = {
          bytes: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
          files: bodies.length,
        };
      }
      await context.close();
    }

    const warm: number[] = [];
    {
      const context = await newContext();
      const page = await context.newPage();
      await figuresShown(page, app.url);
      for (let run = 0; run < options.pageRuns; run++) warm.push(await figuresShown(page, app.url));
      await context.close();
    }

    const overviewApi: number[] = [];
    for (let run = 0; run < options.pageRuns; run++) {
      const started = performance.now();
      const response = await fetch(`${app.url}/v1/dashboard/overview`, {
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      });
      if (!response.ok) throw new Error(`GET /v1/dashboard/overview: ${response.status}`);
      await response.json();
      overviewApi.push(performance.now() - started);
    }
    const eventToScreen = await timeEventsToScreen(await newContext(), app.url, options.pageEvents);
    if (options.pageScreenshots) await takeScreenshots(await newContext(), app.url, options.pageScreenshots);
    const results: PageResults = {
      dossiers: loaded,
      coldFigures: summarizeLatencies(cold),
      warmFigures: summarizeLatencies(warm),
      apiCalls,
      jsLoadedGzipBytes: jsLoaded.bytes,
      jsLoadedFiles: jsLoaded.files,
      jsAllChunksGzipBytes: allChunksGzip(),
      eventToScreen: summarizeLatencies(eventToScreen),
      coldMilestones: Object.fromEntries(
        [...milestones].map(([name, values]) => [name, summarizeLatencies(values)]),
      ),
      overviewApi: summarizeLatencies(overviewApi),
    };
    printPageResults(results);
    return results;
  } finally {
    await browser?.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printPageResults(results: PageResults): void {
  const latency = (what: string, summary: LatencySummary, aim: string, met: boolean | null) => ({
    what,
    runs: summary.runs,
    'p50 ms': summary.p50Ms,
    'p95 ms': summary.p95Ms,
    'max ms': summary.maxMs,
    aim,
    met: met ?? '–',
  });
  printTable('Times', [
    latency(
      'navigation → overview figures, cold (empty cache)',
      results.coldFigures,
      '< 1,500 ms',
      results.coldFigures.p95Ms < PAGE_AIMS.figuresMs,
    ),
    latency(
      'navigation → overview figures, warm (assets cached)',
      results.warmFigures,
      '< 1,500 ms',
      results.warmFigures.p95Ms < PAGE_AIMS.figuresMs,
    ),
    latency('GET /v1/dashboard/overview alone (no browser)', results.overviewApi, '–', null),
    latency(
      'event posted → figure on screen (SSE)',
      results.eventToScreen,
      'p95 < 3,000 ms',
      results.eventToScreen.p95Ms < PAGE_AIMS.eventToScreenP95Ms,
    ),
  ]);
  printTable('What one overview costs', [
    {
      what: 'API calls',
      value: String(results.apiCalls.length),
      aim: '≤ 8',
      met: results.apiCalls.length <= PAGE_AIMS.calls,
    },
    {
      what: `JS loaded (${results.jsLoadedFiles} files, gzip)`,
      value: byteSize(results.jsLoadedGzipBytes),
      aim: '< 400 KiB',
      met: results.jsLoadedGzipBytes < PAGE_AIMS.jsGzipBytes,
    },
    {
      what: 'JS of every chunk built (gzip)',
      value: byteSize(results.jsAllChunksGzipBytes),
      aim: '–',
      met: '–',
    },
  ]);
  printTable(
    'Where a cold load goes (ms after navigation began)',
    [
      ...Object.entries(results.coldMilestones).map(([what, summary]) => ({
        what,
        runs: summary.runs,
        'p50 ms': summary.p50Ms,
        'p95 ms': summary.p95Ms,
      })),
      {
        what: 'figures on screen',
        runs: results.coldFigures.runs,
        'p50 ms': results.coldFigures.p50Ms,
        'p95 ms': results.coldFigures.p95Ms,
      },
    ].sort((a, b) => a['p50 ms'] - b['p50 ms']),
  );
  console.log(`\nAPI calls of one overview: ${results.apiCalls.join(', ')}`);
}

/**
 * The milestones of the load the page shows now (resource timing, ms after navigation began): the document and
 * the last script received, and each of the two calls the figures wait for sent and answered.
 */
async function loadMilestones(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    interface Timing {
      name: string;
      initiatorType?: string;
      startTime: number;
      responseEnd: number;
    }
    const entries = (globalThis as unknown as { performance: { getEntriesByType(type: string): Timing[] } })
      .performance;
    const [navigation] = entries.getEntriesByType('navigation');
    const resources = entries.getEntriesByType('resource');
    const marks: Record<string, number> = {};
    if (navigation) marks['document received'] = navigation.responseEnd;
    const scripts = resources.filter((entry) => /\/assets\/.*\.js$/.test(new URL(entry.name).pathname));
    if (scripts.length > 0)
      marks['scripts received'] = Math.max(...scripts.map((entry) => entry.responseEnd));
    for (const [label, path] of [
      ['GET /v1/auth/me', '/v1/auth/me'],
      ['GET /v1/dashboard/overview', '/v1/dashboard/overview'],
    ]) {
      const call = resources.find((entry) => new URL(entry.name).pathname === path);
      if (!call) continue;
      marks[`${label} sent`] = call.startTime;
      marks[`${label} answered`] = call.responseEnd;
    }
    return marks;
  });
}

/** What the functions evaluated in the page use of it (this file compiles without the DOM's types). */
interface InPage {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

/** Loads the overview and answers the moment (ms after navigation began) its figures were on screen. */
async function figuresShown(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  const shown = await page.waitForFunction(
    () =>
      (globalThis as unknown as InPage).document.querySelector('[data-testid=online-year] .value')
        ? performance.now()
        : null,
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await shown.jsonValue()) as number;
}

/** Posts one dossier at a time (at a random phase of the stream's pace) and times it until the tile shows it. */
async function timeEventsToScreen(context: BrowserContext, url: string, runs: number): Promise<number[]> {
  const page = await context.newPage();
  await figuresShown(page, url);
  await page.locator('[data-testid=live-state][data-state=live]').waitFor({ timeout: 30_000 });
  const [agency] = (await adminJson<{ code: string }[]>(url, '/v1/agencies')).map((item) => item.code);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    await sleep(Math.random() * 1000);
    const before = await page.locator('[data-testid=received-total] .value').innerText();
    const started = Date.now();
    await postEvents(url, [
      received(
        `BENCH-LIVE-${run}-${randomUUID().slice(0, 8)}`,
        agency,
        '1.001193',
        (['online', 'direct', 'direct', 'postal'] as const)[run % 4],
        Date.now() - 1000,
      ),
    ]);
    await page.waitForFunction(
      (previous) =>
        (globalThis as unknown as InPage).document.querySelector('[data-testid=received-total] .value')
          ?.textContent !== previous,
      before,
      { polling: 'raf', timeout: 30_000 },
    );
    samples.push(Date.now() - started);
  }
  await context.close();
  return samples;
}

/**
 * BENCH_PAGE_SCREENSHOTS: the overview, the leaderboard and TV mode at 1920×1080 on this data, as PNGs in that
 * folder (docs/screenshots holds the README's), after the timings.
 */
async function takeScreenshots(context: BrowserContext, url: string, folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const page = await context.newPage();
  await figuresShown(page, url);
  await page.locator('[data-testid=live-state][data-state=live]').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(folder, 'overview.png') });
  await page.goto(`${url}/leaderboard`);
  await page.locator('[data-testid=leaderboard-table] .sparkline').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(folder, 'leaderboard.png') });
  await page.goto(`${url}/tv?interval=600`);
  await page.locator('[data-testid=tv] [data-testid=online-year]').waitFor({ timeout: 30_000 });
  await page
    .locator('[data-testid=tv] [data-testid=live-state][data-state=live]')
    .waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(folder, 'tv.png') });
  await context.close();
  console.log(`\nscreenshots written to ${folder}: overview.png, leaderboard.png, tv.png`);
}

function allChunksGzip(): number {
  const assets = join(ROOT, 'dist', 'web', 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
}

// --- the app and its data -------------------------------------------------------------------------------------

const ADMIN_TOKEN = `bench-page-admin-${randomUUID()}`;

interface RunningApp {
  url: string;
  stop: () => Promise<void>;
}

async function startApp(dataDir: string): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'dvc', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      GENERATOR: 'false',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DVC_ADMIN_TOKEN: ADMIN_TOKEN,
      DVC_ADMIN_PASSWORD: PASSWORD,
      CATALOGUE_MIRROR_INTERVAL_MS: '500',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the app did not start:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DVC metrics pipeline on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`the app exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

async function adminJson<T>(url: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function sessionCookie(url: string): Promise<{ name: string; value: string }> {
  const response = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  const [pair] = (response.headers.get('set-cookie') ?? '').split(';');
  const at = pair.indexOf('=');
  return { name: pair.slice(0, at), value: pair.slice(at + 1) };
}

async function importSampleCatalogue(url: string): Promise<void> {
  await adminJson(url, '/v1/catalogue/imports', {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: readFileSync(join(ROOT, 'samples', 'catalogue', 'catalogue.xlsx')),
  });
}

type Channel = 'online' | 'direct' | 'postal';

function received(
  code: string,
  agency: string,
  procedure: string,
  channel: Channel,
  at: number,
  dueAt = at + 5 * DAY,
) {
  return {
    source: 'bench-one-stop',
    eventId: randomUUID(),
    type: 'received',
    dossierCode: code,
    occurredAt: new Date(at).toISOString(),
    procedureCode: procedure,
    agencyCode: agency,
    channel,
    dueAt: new Date(dueAt).toISOString(),
  };
}

async function postEvents(url: string, events: object[]): Promise<void> {
  const answer = await adminJson<{ rejected: unknown[] }>(url, '/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  if (answer.rejected.length > 0) throw new Error(`events rejected: ${JSON.stringify(answer.rejected[0])}`);
}

/** `count` dossiers of the sample province's units and procedures over the last 90 days (seeded). */
async function loadDossiers(url: string, count: number, seed: number): Promise<number> {
  const units = (await adminJson<{ code: string }[]>(url, '/v1/agencies')).map((agency) => agency.code);
  const codes = (await adminJson<{ code: string }[]>(url, '/v1/procedures')).map(
    (procedure) => procedure.code,
  );
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const now = Date.now();
  const events: object[] = [];
  for (let index = 0; index < count; index++) {
    const at = now - random() * 90 * DAY;
    const due = at + (2 + Math.floor(random() * 10)) * DAY;
    const roll = random();
    const channel: Channel = roll < 0.35 ? 'online' : roll < 0.95 ? 'direct' : 'postal';
    const code = `BENCH-${index}`;
    events.push(
      received(
        code,
        units[index % units.length],
        codes[Math.floor(random() * codes.length)],
        channel,
        at,
        due,
      ),
    );
    const end = at + random() * 14 * DAY;
    if (end < now)
      events.push({
        source: 'bench-one-stop',
        eventId: randomUUID(),
        type: 'resolved',
        dossierCode: code,
        occurredAt: new Date(end).toISOString(),
        outcome: 'approved',
      });
  }
  for (let at = 0; at < events.length; at += 5000) await postEvents(url, events.slice(at, at + 5000));
  return count;
}
