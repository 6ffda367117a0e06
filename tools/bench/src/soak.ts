import { ChildProcess, execFile, spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { dayOfEvents, localMidnightUtc, syntheticProvince, WireEvent } from '@dvc/synthetic-province';
import { BenchOptions } from './options';
import {
  formatNumber,
  LatencySummary,
  MiB,
  printConfig,
  printHeading,
  printTable,
  sleep,
  summarizeLatencies,
} from './report';
import { envSetBeforeNode, linearFit, PartsByTable, partsByTableSchema } from './soak-figures';

/** The demo's aims after an hour of live feed and bursts (issue 20 item 3). */
export const SOAK_AIMS = { dataFolderBytes: 200 * MiB, rssBytes: 600 * MiB } as const;

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const DAY = 86_400_000;
const POST_BATCH = 5_000;

export interface SoakSample {
  /** Seconds since the app was started. */
  atSeconds: number;
  dataFolderBytes: number;
  clickhouseBytes: number;
  postgresBytes: number;
  rssBytes: number;
  /** The process's peak RSS so far (VmHWM). */
  peakRssBytes: number;
  /** Events sent so far by bursts (the feed's own are not counted here). */
  burstEvents: number;
}

export interface SoakBurst {
  startedAtSeconds: number;
  seconds: number;
  events: number;
  days: string;
}

export interface SoakResults {
  minutes: number;
  burstEveryMinutes: number;
  burstEvents: number;
  samples: SoakSample[];
  bursts: SoakBurst[];
  /** Dashboard polls during the run: a province-year `dossiers.online`, without and with maxLag. */
  polls: { live: LatencySummary | null; maxLag: LatencySummary | null; failures: number };
  /** Least squares over the samples after the first burst, extrapolated to 24 h after the start. */
  extrapolated24h: { dataFolderBytes: number; rssBytes: number; fittedFromSeconds: number };
  /** At the end, the app stopped: the parts on disk by table. */
  parts: PartsByTable[];
  aims: { dataFolder: boolean; rss: boolean };
}

/**
 * Section `soak` (issue 20 item 3): the all-in-one app as `npm start` runs it (a child process, embedded chDB and
 * PGlite, the demo's synthetic feed: 90 days of history, then live), for BENCH_SOAK_MINUTES, with a burst every
 * BENCH_SOAK_BURST_EVERY_MINUTES: BENCH_SOAK_BURST_EVENTS events of older days (a province back-filling its
 * history, with the feed's own duplicates and re-sends) posted over HTTP as a vendor would. A dashboard polls a
 * province-year indicator every 10 s, without and with maxLag. The data folder's size and the process's RSS are
 * sampled every BENCH_SOAK_SAMPLE_SECONDS and extrapolated to a day.
 */
export async function soak(options: BenchOptions): Promise<SoakResults> {
  printHeading('9. Soak: the demo for an hour, a burst every ten minutes (data folder, RSS)');
  const dataDir = join(options.outDir, 'soak-app');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  printConfig({
    app: 'dist/apps/dvc/src/main.js (chDB + PGlite, the demo feed on: GENERATOR=true, live)',
    'environment (as npm start sets it)':
      Object.entries(startScriptEnv())
        .map(([name, value]) => `${name}=${value}`)
        .join(' ') || 'none',
    minutes: options.soakMinutes,
    'burst every (min)': options.soakBurstEveryMinutes,
    'burst events': formatNumber(options.soakBurstEvents),
    'sample every (s)': options.soakSampleSeconds,
    'data dir': dataDir,
  });
  const app = await startFeedApp(dataDir, options.seed);
  const samples: SoakSample[] = [];
  const bursts: SoakBurst[] = [];
  const polls = { live: [] as number[], maxLag: [] as number[], failures: 0 };
  let burstEvents = 0;
  let stopped = false;
  const sample = () => {
    const clickhouseBytes = folderBytes(join(dataDir, 'clickhouse'));
    const postgresBytes = folderBytes(join(dataDir, 'postgres'));
    const memory = processMemory(app.pid);
    const taken: SoakSample = {
      atSeconds: Math.round((Date.now() - app.startedAt) / 1000),
      dataFolderBytes: folderBytes(dataDir),
      clickhouseBytes,
      postgresBytes,
      rssBytes: memory.rss,
      peakRssBytes: memory.peak,
      burstEvents,
    };
    samples.push(taken);
    console.log(
      `  ${formatNumber(taken.atSeconds / 60)} min: data ${mib(taken.dataFolderBytes)} (chDB ${mib(clickhouseBytes)}, ` +
        `PGlite ${mib(postgresBytes)}), RSS ${mib(taken.rssBytes)} (peak ${mib(taken.peakRssBytes)})`,
    );
  };
  const poller = (async () => {
    const year = new Date().getFullYear();
    while (!stopped) {
      for (const [query, into] of [
        [`year=${year}`, polls.live],
        [`year=${year}&maxLag=60`, polls.maxLag],
      ] as const) {
        const started = performance.now();
        const ok = await fetch(`${app.url}/v1/indicators/dossiers.online?${query}`, {
          headers: { authorization: `Bearer ${app.readerToken}` },
        })
          .then(async (response) => {
            await response.text();
            return response.ok;
          })
          .catch(() => false);
        if (ok) into.push(performance.now() - started);
        else polls.failures++;
      }
      await sleep(10_000);
    }
  })();
  sample();
  // Sampled on a timer, so a burst being posted does not delay it.
  const sampler = setInterval(sample, options.soakSampleSeconds * 1000);
  try {
    const province = syntheticProvince(options.seed);
    const end = app.startedAt + options.soakMinutes * 60_000;
    let nextBurst = app.startedAt + options.soakBurstEveryMinutes * 60_000;
    // Back-filled days go backwards from the day before the demo's 90 days of history.
    let backTo = localMidnightUtc(localDate(app.startedAt - 91 * DAY));
    while (Date.now() < end) {
      if (Date.now() >= nextBurst && nextBurst < end) {
        const started = Date.now();
        const events: WireEvent[] = [];
        const last = backTo;
        while (events.length < options.soakBurstEvents) {
          events.push(
            ...dayOfEvents(province, backTo, {
              seed: options.seed,
              dossiersPerDay: 400,
              now: started,
              duplicateShare: 0.02,
              resendShare: 0.01,
            }),
          );
          backTo -= DAY;
        }
        for (let offset = 0; offset < events.length; offset += POST_BATCH)
          await postEvents(app, events.slice(offset, offset + POST_BATCH));
        burstEvents += events.length;
        const burst: SoakBurst = {
          startedAtSeconds: Math.round((started - app.startedAt) / 1000),
          seconds: Math.round((Date.now() - started) / 100) / 10,
          events: events.length,
          days: `${localDate(backTo + DAY)}..${localDate(last)}`,
        };
        bursts.push(burst);
        console.log(
          `  burst at ${formatNumber(burst.startedAtSeconds / 60)} min: ${formatNumber(burst.events)} events ` +
            `(${burst.days}) in ${formatNumber(burst.seconds)} s`,
        );
        nextBurst += options.soakBurstEveryMinutes * 60_000;
      }
      await sleep(Math.max(100, Math.min(end, nextBurst) - Date.now()));
    }
    sample();
  } finally {
    clearInterval(sampler);
    stopped = true;
    await poller;
    await app.stop();
  }
  const parts = await partsByTable(dataDir);
  const fitFrom = options.soakBurstEveryMinutes * 60;
  const fitted = samples.filter((taken) => taken.atSeconds >= fitFrom);
  const fitOn = fitted.length >= 2 ? fitted : samples;
  const at24h = (pick: (taken: SoakSample) => number) =>
    Math.round(linearFit(fitOn.map((taken) => [taken.atSeconds, pick(taken)] as const)).valueAt(DAY / 1000));
  const last = samples[samples.length - 1];
  const results: SoakResults = {
    minutes: options.soakMinutes,
    burstEveryMinutes: options.soakBurstEveryMinutes,
    burstEvents: options.soakBurstEvents,
    samples,
    bursts,
    polls: {
      live: polls.live.length ? summarizeLatencies(polls.live) : null,
      maxLag: polls.maxLag.length ? summarizeLatencies(polls.maxLag) : null,
      failures: polls.failures,
    },
    extrapolated24h: {
      dataFolderBytes: at24h((taken) => taken.dataFolderBytes),
      rssBytes: at24h((taken) => taken.rssBytes),
      fittedFromSeconds: fitOn[0]?.atSeconds ?? 0,
    },
    parts,
    aims: {
      dataFolder: last.dataFolderBytes < SOAK_AIMS.dataFolderBytes,
      rss: last.rssBytes < SOAK_AIMS.rssBytes,
    },
  };
  printSoak(results);
  return results;
}

function printSoak(results: SoakResults): void {
  printTable(
    'Samples',
    results.samples.map((taken) => ({
      minute: Math.round(taken.atSeconds / 6) / 10,
      'data folder MiB': taken.dataFolderBytes / MiB,
      'chDB MiB': taken.clickhouseBytes / MiB,
      'PGlite MiB': taken.postgresBytes / MiB,
      'RSS MiB': taken.rssBytes / MiB,
      'peak RSS MiB': taken.peakRssBytes / MiB,
      'burst events so far': taken.burstEvents,
    })),
  );
  printTable(
    'Bursts',
    results.bursts.map((burst) => ({
      minute: Math.round(burst.startedAtSeconds / 6) / 10,
      events: burst.events,
      days: burst.days,
      seconds: burst.seconds,
    })),
  );
  printTable(
    'Parts on disk at the end, by table (the app stopped)',
    results.parts.map((table) => ({
      table: table.table,
      rows: table.rows,
      'active parts': table.activeParts,
      'active MiB': table.activeBytes / MiB,
      'inactive parts': table.inactiveParts,
      'inactive MiB': table.inactiveBytes / MiB,
    })),
  );
  const last = results.samples[results.samples.length - 1];
  printTable('Aims', [
    {
      aim: `data folder < ${formatNumber(SOAK_AIMS.dataFolderBytes / MiB)} MiB after ${results.minutes} min`,
      measured: `${mib(last.dataFolderBytes)}; 24 h extrapolated ${mib(results.extrapolated24h.dataFolderBytes)}`,
      met: results.aims.dataFolder,
    },
    {
      aim: `RSS < ${formatNumber(SOAK_AIMS.rssBytes / MiB)} MiB after ${results.minutes} min`,
      measured: `${mib(last.rssBytes)} (peak ${mib(last.peakRssBytes)}); 24 h extrapolated ${mib(results.extrapolated24h.rssBytes)}`,
      met: results.aims.rss,
    },
  ]);
  const poll = (summary: LatencySummary | null) =>
    summary ? `p50 ${formatNumber(summary.p50Ms)} ms, p95 ${formatNumber(summary.p95Ms)} ms` : 'none';
  printConfig({
    'dashboard polls, dossiers.online province-year': poll(results.polls.live),
    'the same with maxLag=60': poll(results.polls.maxLag),
    'failed polls': results.polls.failures,
    'fitted from (min)': formatNumber(results.extrapolated24h.fittedFromSeconds / 60),
  });
}

const mib = (bytes: number) => `${formatNumber(bytes / MiB)} MiB`;

const localDate = (utcMs: number) => new Date(utcMs + 7 * 3_600_000).toISOString().slice(0, 10);

/** Bytes a folder takes on disk (allocated blocks, as du counts them), 0 if it is not there. */
function folderBytes(path: string): number {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 0; // gone between listing and stat (a part merged away)
  }
  if (!stat.isDirectory()) return stat.blocks * 512;
  let total = stat.blocks * 512;
  let entries: string[] = [];
  try {
    entries = readdirSync(path);
  } catch {
    return total;
  }
  for (const entry of entries) total += folderBytes(join(path, entry));
  return total;
}

/** VmRSS and VmHWM of a process, in bytes (Linux). */
function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

interface FeedApp {
  url: string;
  pid: number;
  startedAt: number;
  sourceToken: string;
  readerToken: string;
  stop: () => Promise<void>;
}

/** The all-in-one app with the demo feed, on a fresh data folder; resolves once the feed's history is in. */
async function startFeedApp(dataDir: string, seed: number): Promise<FeedApp> {
  const startedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'dvc', 'src', 'main.js')], {
    cwd: ROOT,
    env: embeddedDefaults({
      ...startScriptEnv(),
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      GENERATOR_SEED: String(seed),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise<{ url: string; sourceToken: string; readerToken: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the feed's history did not land:\n${output}`)), 600_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /DVC metrics pipeline on (http:\/\/\S+)/.exec(output)?.[1];
      const source = /^\s+source\s+(dvc_\S+)/m.exec(output)?.[1];
      const analyst = /^\s+analyst\s+(dvc_\S+)/m.exec(output)?.[1];
      // The feed logs its first answer once the history is in and a snapshot was built over it.
      if (url && source && analyst && /dossiers\.online\?from=[^"]* →/.test(output)) {
        clearTimeout(timer);
        done({ url, sourceToken: source, readerToken: analyst });
      }
      // Keep only the tail once started: the live feed logs for an hour.
      if (output.length > 1_000_000) output = output.slice(-100_000);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`the app exited with ${code}:\n${output.slice(-5000)}`)));
  });
  return {
    ...ready,
    pid: child.pid!,
    startedAt,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** The variables `npm start` sets before node (package.json's start script), so the soak runs the app as the demo does. */
function startScriptEnv(): Record<string, string> {
  const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return envSetBeforeNode(packageJson.scripts.start, process.env);
}

/** This process's environment without the servers it may name, so the app runs on embedded engines. */
function embeddedDefaults(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...overrides };
  for (const name of ['CLICKHOUSE_URL', 'CLICKHOUSE_DATABASE', 'DATABASE_URL', 'KAFKA_BROKERS'])
    delete env[name];
  return env;
}

async function postEvents(app: FeedApp, events: readonly WireEvent[]): Promise<void> {
  const response = await fetch(`${app.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${app.sourceToken}` },
    body: events.map((event) => JSON.stringify(event)).join('\n'),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST /v1/events answered ${response.status}: ${text.slice(0, 500)}`);
}

/** The parts of a stopped app's chDB folder, by table: read by a separate process (chDB binds one per process). */
async function partsByTable(dataDir: string): Promise<PartsByTable[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(__dirname, 'soak-parts.js'), dataDir, 'dvc'],
    { maxBuffer: 16 * MiB },
  );
  return partsByTableSchema.array().parse(JSON.parse(stdout));
}
