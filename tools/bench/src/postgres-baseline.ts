import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Client } from 'pg';
import { copyFromStdin } from './pg-copy';
import { POSTGRES_DOSSIER_COLUMNS, POSTGRES_DOSSIERS_TABLE } from './province-rows';
import { msSince } from './report';

const TZ = `'Asia/Ho_Chi_Minh'`;
const DAY = 86_400_000;

/**
 * The indexes an OLTP one-stop-shop system would add for these reports, at their best: every query below can
 * run as an index-only scan (the INCLUDE columns), scoped ones through (agency_code, …) first.
 */
export const POSTGRES_INDEXES = [
  `CREATE INDEX dossiers_received_at ON dossiers (received_at) INCLUDE (channel, agency_code)`,
  `CREATE INDEX dossiers_agency_received_at ON dossiers (agency_code, received_at) INCLUDE (channel)`,
  `CREATE INDEX dossiers_resolved_at ON dossiers (resolved_at) INCLUDE (due_at, received_at, withdrawn_at, agency_code)`,
  `CREATE INDEX dossiers_agency_resolved_at ON dossiers (agency_code, resolved_at) INCLUDE (due_at, received_at, withdrawn_at)`,
];

/** Session settings for the report queries: the table is cached in RAM, plans are short. */
export const POSTGRES_SESSION_SETTINGS = [
  `SET jit = off`,
  `SET random_page_cost = 1.1`,
  `SET work_mem = '64MB'`,
];

/** One report of the baseline: a period (local days), perhaps a scope (agency codes), perhaps by day. */
export interface PostgresReport {
  from: string;
  to: string;
  agencyCodes: readonly string[] | null;
  byDay: boolean;
}

export interface Counts {
  numerator: number;
  denominator: number;
}

/** The report's counts: the period's, or each day's (by the day's local date) for a by-day report. */
export interface PostgresFigures {
  total: Counts | null;
  days: Map<string, Counts> | null;
}

export type BaselineIndicator = 'dossiers.online' | 'dossiers.on_time';

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
const localStart = (date: string) => `${date}T00:00:00+07:00`;

/**
 * The SQL a one-stop-shop system runs on its own `dossiers` table for the two dossier indicators, with the
 * same rules as the engine (docs/indicators.md): local (UTC+07:00) days; on time = resolved in the period by
 * the due day, over resolved in the period plus open at the end of the last day past a due day before it.
 */
export function baselineStatement(
  indicator: BaselineIndicator,
  report: PostgresReport,
): { text: string; values: string[] } {
  // Named parameters (@name), numbered $1, $2, … in the order the statement first uses them.
  const named: Record<string, string> = {
    periodStart: localStart(report.from),
    periodEnd: localStart(nextDay(report.to)),
    lastDayStart: localStart(report.to),
    secondDayStart: localStart(nextDay(report.from)),
    firstDay: report.from,
    lastDay: report.to,
  };
  (report.agencyCodes ?? []).forEach((code, index) => (named[`agency${index}`] = code));
  const scope = report.agencyCodes
    ? `AND agency_code IN (${report.agencyCodes.map((_, index) => `@agency${index}`).join(', ')})`
    : '';
  const statement = (text: string) => {
    const values: string[] = [];
    const numbers = new Map<string, number>();
    const numbered = text.replace(/@(\w+)/g, (_, name: string) => {
      if (!numbers.has(name)) numbers.set(name, values.push(named[name]));
      return `$${numbers.get(name)}`;
    });
    return { text: numbered, values };
  };
  const localDate = (column: string) => `(${column} AT TIME ZONE ${TZ})::date`;
  if (indicator === 'dossiers.online') {
    const counts = `count(*) FILTER (WHERE channel = 'online') AS numerator, count(*) AS denominator`;
    const where = `WHERE received_at >= @periodStart AND received_at < @periodEnd ${scope}`;
    return statement(
      report.byDay
        ? `SELECT ${localDate('received_at')}::text AS day, ${counts} FROM dossiers ${where} GROUP BY 1 ORDER BY 1`
        : `SELECT ${counts} FROM dossiers ${where}`,
    );
  }
  const inTime = `${localDate('resolved_at')} <= ${localDate('due_at')}`;
  if (!report.byDay) {
    // Open at the end of the last day: received by then, neither resolved nor withdrawn; due before that day.
    return statement(`WITH resolved AS (
               SELECT count(*) FILTER (WHERE ${inTime}) AS in_time, count(*) AS resolved
               FROM dossiers WHERE resolved_at >= @periodStart AND resolved_at < @periodEnd ${scope}
             ), open_past_due AS (
               SELECT count(*) AS open_past_due FROM dossiers
               WHERE (resolved_at >= @periodEnd OR resolved_at IS NULL) AND received_at < @periodEnd
                 AND (withdrawn_at >= @periodEnd OR withdrawn_at IS NULL) AND due_at < @lastDayStart ${scope}
             )
             SELECT in_time AS numerator, resolved + open_past_due AS denominator FROM resolved, open_past_due`);
  }
  // By day: resolutions grouped by their day; the dossiers open past due at the end of some day of the
  // period, read once, each counted on every day it was open past due (one pass, not one query per day).
  return statement(`WITH resolved AS (
             SELECT ${localDate('resolved_at')} AS day, count(*) FILTER (WHERE ${inTime}) AS in_time,
                    count(*) AS resolved
             FROM dossiers WHERE resolved_at >= @periodStart AND resolved_at < @periodEnd ${scope}
             GROUP BY 1
           ), candidates AS (
             SELECT greatest(${localDate('received_at')}, ${localDate('due_at')} + 1, @firstDay::date) AS first_day,
                    least(coalesce(${localDate('resolved_at')}, 'infinity'::date),
                          coalesce(${localDate('withdrawn_at')}, 'infinity'::date), @lastDay::date + 1) - 1 AS last_day
             FROM dossiers
             WHERE (resolved_at >= @secondDayStart OR resolved_at IS NULL) AND received_at < @periodEnd
               AND (withdrawn_at >= @secondDayStart OR withdrawn_at IS NULL) AND due_at < @lastDayStart ${scope}
           ), open_past_due AS (
             SELECT day::date AS day, count(*) AS open_past_due
             FROM candidates, generate_series(first_day::timestamp, last_day::timestamp, interval '1 day') AS day
             WHERE first_day <= last_day
             GROUP BY 1
           )
           SELECT period_day::date::text AS day, coalesce(in_time, 0) AS numerator,
                  coalesce(resolved, 0) + coalesce(open_past_due, 0) AS denominator
           FROM generate_series(@firstDay::date::timestamp, @lastDay::date::timestamp, interval '1 day') AS period_day
           LEFT JOIN resolved ON resolved.day = period_day::date
           LEFT JOIN open_past_due ON open_past_due.day = period_day::date
           ORDER BY 1`);
}

/** A fresh database on the machine's PostgreSQL server with the baseline's `dossiers` table. */
export class PostgresBaseline {
  private constructor(
    readonly database: string,
    private readonly adminUrl: string,
    private readonly client: Client,
  ) {}

  static async create(adminUrl: string): Promise<PostgresBaseline> {
    const database = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    const client = new Client({ connectionString: PostgresBaseline.urlOf(adminUrl, database) });
    await client.connect();
    await client.query(POSTGRES_DOSSIERS_TABLE);
    return new PostgresBaseline(database, adminUrl, client);
  }

  private static urlOf(adminUrl: string, database: string): string {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  }

  async serverInfo(): Promise<Record<string, string>> {
    const { rows } = await this.client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
       WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit',
                      'effective_cache_size', 'random_page_cost')
       ORDER BY name`,
    );
    return Object.fromEntries(
      rows.map((row) => [row.name, `${row.setting}${row.unit ? ` ${row.unit}` : ''}`]),
    );
  }

  /** COPY the workers' files, one connection per file at once (as many as the workers that wrote them). */
  async load(files: readonly string[]): Promise<{ rows: number; bytes: number; ms: number }> {
    const start = performance.now();
    const counts = await Promise.all(
      files.map(async (file) => {
        const client = new Client({ connectionString: PostgresBaseline.urlOf(this.adminUrl, this.database) });
        await client.connect();
        try {
          return await copyFromStdin(
            client,
            `COPY dossiers (${POSTGRES_DOSSIER_COLUMNS.join(', ')}) FROM STDIN`,
            createReadStream(file, { highWaterMark: 1 << 20 }),
          );
        } finally {
          await client.end();
        }
      }),
    );
    const bytes = files.reduce((total, file) => total + statSync(file).size, 0);
    return { rows: counts.reduce((total, count) => total + count, 0), bytes, ms: msSince(start) };
  }

  /** The indexes, then VACUUM ANALYZE (statistics, and the visibility map index-only scans need). */
  async index(): Promise<{ indexMs: number; vacuumMs: number; tableBytes: number; indexBytes: number }> {
    await this.client.query(`SET maintenance_work_mem = '1GB'`);
    const start = performance.now();
    for (const statement of POSTGRES_INDEXES) await this.client.query(statement);
    const indexMs = msSince(start);
    const vacuumStart = performance.now();
    await this.client.query(`VACUUM (ANALYZE) dossiers`);
    const vacuumMs = msSince(vacuumStart);
    for (const setting of POSTGRES_SESSION_SETTINGS) await this.client.query(setting);
    const { rows } = await this.client.query<{ table: string; indexes: string }>(
      `SELECT pg_table_size('dossiers') AS table, pg_indexes_size('dossiers') AS indexes`,
    );
    return { indexMs, vacuumMs, tableBytes: Number(rows[0].table), indexBytes: Number(rows[0].indexes) };
  }

  async figures(indicator: BaselineIndicator, report: PostgresReport): Promise<PostgresFigures> {
    const statement = baselineStatement(indicator, report);
    const { rows } = await this.client.query<{ day?: string; numerator: string; denominator: string }>(
      statement.text,
      statement.values,
    );
    const counts = (row: (typeof rows)[number]) => ({
      numerator: Number(row.numerator),
      denominator: Number(row.denominator),
    });
    if (!report.byDay) return { total: counts(rows[0]), days: null };
    return { total: null, days: new Map(rows.map((row) => [String(row.day), counts(row)])) };
  }

  /** EXPLAIN of a report's statement, for the record. */
  async plan(indicator: BaselineIndicator, report: PostgresReport): Promise<string> {
    const statement = baselineStatement(indicator, report);
    const { rows } = await this.client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${statement.text}`,
      statement.values,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  async drop(): Promise<void> {
    await this.client.end().catch(() => undefined);
    const admin = new Client({ connectionString: this.adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
