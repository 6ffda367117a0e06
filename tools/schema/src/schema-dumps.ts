import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  clickHouseMigrations,
  ClickHouseMigrator,
  createClickHouseClient,
  dumpClickHouseSchema,
} from '@dvc/clickhouse';
import { dumpPostgresSchema, EmbeddedPostgres, postgresDataSourceOptions } from '@dvc/postgres';

/** Where the checked-in dumps live, from the repository's root. */
export const SCHEMA_DUMPS = {
  clickhouse: 'docs/schema/clickhouse.sql',
  postgres: 'docs/schema/postgres.sql',
};

/** The ClickHouse schema the migrations make in a fresh database (chDB in `dataDir`, or `client`'s server). */
export async function freshClickHouseSchema(
  client = createClickHouseClient({ dataDir: mkdtempSync(join(tmpdir(), 'dvc-schema-')) }),
): Promise<string> {
  const database = 'schema_dump';
  await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
  await new ClickHouseMigrator(client, database).migrate(clickHouseMigrations);
  try {
    return await dumpClickHouseSchema(client, database);
  } finally {
    await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
  }
}

/** The PostgreSQL schema the migrations make in a fresh embedded database. */
export async function freshPostgresSchema(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvc-schema-pg-'));
  const server = await EmbeddedPostgres.start(dataDir);
  const dataSource = await new DataSource(postgresDataSourceOptions(server.url)).initialize();
  try {
    return await dumpPostgresSchema(dataSource);
  } finally {
    await dataSource.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
