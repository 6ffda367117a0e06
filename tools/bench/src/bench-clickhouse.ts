import { randomBytes } from 'node:crypto';
import { ClickHouseClient } from '@clickhouse/client';
import {
  clickHouseMigrations,
  ClickHouseMigrator,
  createClickHouseClient,
  DOSSIER_EVENT_TABLES,
} from '@dvc/clickhouse';
import { AppConfigValues } from '@dvc/config';
import { msSince, sleep } from './report';

/**
 * The benchmark's own ClickHouse client: creates a fresh, migrated database per section (or run), polls
 * counts, drops the databases again. Every client in this process (ours and the apps') shares one chDB data
 * directory, because chDB allows only one per process; CLICKHOUSE_URL points everything at a server instead.
 */
export class BenchClickHouse {
  readonly client: ClickHouseClient;
  private readonly databases = new Set<string>();

  constructor(readonly dataDir: string) {
    this.client = createClickHouseClient({
      url: process.env.CLICKHOUSE_URL,
      username: process.env.CLICKHOUSE_USER,
      password: process.env.CLICKHOUSE_PASSWORD,
      dataDir,
    });
  }

  get engine(): string {
    return process.env.CLICKHOUSE_URL
      ? `ClickHouse server (${process.env.CLICKHOUSE_URL})`
      : 'chDB (embedded)';
  }

  /** Config overrides that point an app at `database` on the same engine as this client. */
  appEnv(database: string): Partial<Record<keyof AppConfigValues, string>> {
    return {
      DATA_DIR: this.dataDir,
      CLICKHOUSE_DATABASE: database,
      ...(process.env.CLICKHOUSE_URL ? { CLICKHOUSE_URL: process.env.CLICKHOUSE_URL } : {}),
    };
  }

  /** A new database named bench_<label>_<random>, with every migration applied. */
  async freshDatabase(label: string): Promise<string> {
    const database = `bench_${label.replace(/[^a-z0-9_]/gi, '_')}_${randomBytes(4).toString('hex')}`;
    await new ClickHouseMigrator(this.client, database).migrate(clickHouseMigrations);
    this.databases.add(database);
    return database;
  }

  async drop(database: string): Promise<void> {
    if (!database.startsWith('bench_')) throw new Error(`refusing to drop ${database}`);
    await this.client.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` });
    this.databases.delete(database);
  }

  async dropAll(): Promise<void> {
    for (const database of [...this.databases]) await this.drop(database);
  }

  async scalar(query: string): Promise<string> {
    const result = await this.client.query({ query, format: 'JSONCompactEachRow' });
    const rows = await result.json<[string | number][]>();
    return String(rows[0]?.[0] ?? '');
  }

  async count(table: string): Promise<number> {
    return Number(await this.scalar(`SELECT count() FROM ${table}`));
  }

  async truncate(database: string): Promise<void> {
    for (const table of DOSSIER_EVENT_TABLES) {
      await this.client.command({ query: `TRUNCATE TABLE ${database}.${table}` });
    }
  }

  /** Compressed bytes of a table's active parts, its projections included. */
  async tableBytes(database: string, table: string): Promise<number> {
    return Number(
      await this.scalar(
        `SELECT sum(bytes_on_disk) FROM system.parts WHERE database = '${database}' AND table = '${table}' AND active`,
      ),
    );
  }

  async activeParts(database: string, table: string): Promise<number> {
    return Number(
      await this.scalar(
        `SELECT count() FROM system.parts WHERE database = '${database}' AND table = '${table}' AND active`,
      ),
    );
  }

  /**
   * Polls `count()` until it reaches `expected`. Returns when the first rows appeared and when the last did
   * (ms after `start`), or the count reached when `timeoutMs` ran out.
   */
  async waitForCount(
    table: string,
    expected: number,
    start: number,
    options: { timeoutMs: number; stallMs?: number; pollMs?: number },
  ): Promise<{ reached: boolean; count: number; firstRowsMs: number | null; doneMs: number }> {
    let firstRowsMs: number | null = null;
    let last = -1;
    let lastChangeMs = 0;
    for (;;) {
      const count = await this.count(table);
      const elapsed = msSince(start);
      if (count > 0 && firstRowsMs === null) firstRowsMs = elapsed;
      if (count >= expected) return { reached: true, count, firstRowsMs, doneMs: elapsed };
      if (count !== last) [last, lastChangeMs] = [count, elapsed];
      // Give up when time is out, or when rows stopped coming (a consumer that lost its broker, say).
      const stalled = options.stallMs !== undefined && elapsed - lastChangeMs > options.stallMs;
      if (elapsed > options.timeoutMs || stalled)
        return { reached: false, count, firstRowsMs, doneMs: elapsed };
      await sleep(options.pollMs ?? 50);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
