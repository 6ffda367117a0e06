import { join } from 'node:path';
import { ClickHouseClient, ClickHouseClientConfigOptions, createClient } from '@clickhouse/client';
import { Session } from 'chdb';
import { createChdbConnection } from 'chdb/connection';

const MiB = 1024 * 1024;

/**
 * The embedded engine's server settings (issue 20 item 3). chDB starts with a server's defaults, sized for a
 * machine of its own: caches of 5 GiB each and a thousand idle threads kept, each with its stack and its
 * allocator cache. Here it shares the process with the API and PGlite, so its caches are bounded to what the
 * data a demo or a small province holds needs, and idle threads are let go.
 */
export const EMBEDDED_SERVER_ARGS: readonly string[] = [
  `--mark_cache_size=${64 * MiB}`,
  `--index_mark_cache_size=${16 * MiB}`,
  `--primary_index_cache_size=${64 * MiB}`,
  `--query_condition_cache_size=${16 * MiB}`,
  '--max_thread_pool_free_size=16',
];

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
  const path = join(target.dataDir, 'clickhouse');
  // The first connection to a path starts the process's one embedded server with its arguments; later ones
  // share it (theirs are ignored). This session only starts it: the client's connection keeps it running.
  const starter = new Session(path, { connectionArgs: EMBEDDED_SERVER_ARGS });
  const connection = createChdbConnection({ path });
  starter.close();
  return createClient({ connection: connection as unknown as ClickHouseClientConfigOptions['connection'] });
}
