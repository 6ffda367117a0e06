import { ClickHouseClient } from '@clickhouse/client';

/**
 * Every table and view of `database` as ClickHouse states it (its CREATE statements, formatted), by name, with
 * the database written `{db}` as the migrations write it: the current schema in one place (docs/schema).
 */
export async function dumpClickHouseSchema(client: ClickHouseClient, database: string): Promise<string> {
  const result = await client.query({
    query: `SELECT name, formatQuery(create_table_query) AS statement FROM system.tables
            WHERE database = {database:String} AND NOT startsWith(name, '.inner')
            ORDER BY name`,
    query_params: { database },
    format: 'JSONEachRow',
  });
  const tables = await result.json<{ name: string; statement: string }>();
  const header =
    '-- The ClickHouse schema after every migration (libs/clickhouse/src/migrations): npm run schema:dump\n';
  return (
    header + tables.map(({ statement }) => `\n${statement.split(`${database}.`).join('{db}.')};\n`).join('')
  );
}
