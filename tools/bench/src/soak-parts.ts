import { createClickHouseClient } from '@dvc/clickhouse';

/**
 * `node soak-parts.js <DATA_DIR> <database>`: the parts of a stopped app's chDB folder by table, as JSON on stdout.
 * A process of its own, since chDB binds one data directory per process and the bench holds its own.
 */
async function main(): Promise<void> {
  const [dataDir, database] = process.argv.slice(2);
  const client = createClickHouseClient({ dataDir });
  const result = await client.query({
    query: `SELECT table, sumIf(rows, active) AS rows, countIf(active) AS activeParts,
                   sumIf(bytes_on_disk, active) AS activeBytes, countIf(NOT active) AS inactiveParts,
                   sumIf(bytes_on_disk, NOT active) AS inactiveBytes
            FROM system.parts WHERE database = {database:String}
            GROUP BY table ORDER BY activeBytes + inactiveBytes DESC`,
    query_params: { database },
    format: 'JSONEachRow',
  });
  process.stdout.write(JSON.stringify(await result.json()));
  await client.close();
}

void main();
