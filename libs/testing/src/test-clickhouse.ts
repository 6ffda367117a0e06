import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseClient } from '@clickhouse/client';
import { clickHouseMigrations, ClickHouseMigrator, createClickHouseClient } from '@dvc/clickhouse';

/**
 * chDB allows one data directory per process, so every suite in a Jest worker shares one directory and gets
 * a database of its own. CLICKHOUSE_URL points the suites at a server instead.
 */
export const testChdbDataDir = () => join(tmpdir(), `dvc-test-${process.pid}`);

export interface TestClickHouse {
  client: ClickHouseClient;
  database: string;
  /** Config overrides that point an app at this database. */
  env: { DATA_DIR: string; CLICKHOUSE_DATABASE: string; CLICKHOUSE_URL?: string };
  drop(): Promise<void>;
}

export async function createTestClickHouse(options: { migrate?: boolean } = {}): Promise<TestClickHouse> {
  const database = `test_${randomBytes(6).toString('hex')}`;
  const dataDir = testChdbDataDir();
  const client = createClickHouseClient({ url: process.env.CLICKHOUSE_URL, dataDir });
  if (options.migrate ?? true) await new ClickHouseMigrator(client, database).migrate(clickHouseMigrations);
  return {
    client,
    database,
    env: {
      DATA_DIR: dataDir,
      CLICKHOUSE_DATABASE: database,
      ...(process.env.CLICKHOUSE_URL ? { CLICKHOUSE_URL: process.env.CLICKHOUSE_URL } : {}),
    },
    async drop() {
      // Never wipe anything that is not a test database.
      if (!database.startsWith('test_')) throw new Error(`refusing to drop ${database}`);
      await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await client.close();
    },
  };
}
