import { join } from 'node:path';
import { ClickHouseClient, ClickHouseClientConfigOptions, createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';

export interface ClickHouseTarget {
  /** A ClickHouse server over HTTP(S); without it the embedded chDB engine runs in this process. */
  url?: string;
  username?: string;
  password?: string;
  /** Embedded only: chDB's data directory. chDB allows one per process. */
  dataDir: string;
}

/**
 * One code path for both engines: the same @clickhouse/client, its transport either HTTP or in-process chDB.
 * No database is selected on the connection: every statement names its database, so one client can serve
 * migrations (which create the database) and queries alike.
 */
export function createClickHouseClient(target: ClickHouseTarget): ClickHouseClient {
  if (target.url) {
    return createClient({
      url: target.url,
      username: target.username,
      password: target.password,
      request_timeout: 60_000,
      compression: { request: true, response: true },
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }
  // chdb types its connection against @clickhouse/client-common, which the client now bundles as its own
  // copy: the shapes are identical, the declarations are not.
  const connection = createChdbConnection({ path: join(target.dataDir, 'clickhouse') });
  return createClient({ connection: connection as unknown as ClickHouseClientConfigOptions['connection'] });
}
