import { createTestClickHouse, TestClickHouse } from '@dvc/testing';

// The embedded server is started by the first client of a process with EMBEDDED_SERVER_ARGS; on a server
// (CLICKHOUSE_URL) these are the server's own settings, not ours.
const embedded = process.env.CLICKHOUSE_URL ? describe.skip : describe;

embedded('createClickHouseClient on chDB', () => {
  let clickhouse: TestClickHouse;
  beforeAll(async () => {
    clickhouse = await createTestClickHouse({ migrate: false });
  });
  afterAll(() => clickhouse.drop());

  it('starts the embedded server with bounded caches and few idle threads kept', async () => {
    const result = await clickhouse.client.query({
      query: `SELECT name, value FROM system.server_settings WHERE name IN {names:Array(String)} ORDER BY name`,
      query_params: {
        names: [
          'index_mark_cache_size',
          'mark_cache_size',
          'max_thread_pool_free_size',
          'primary_index_cache_size',
          'query_condition_cache_size',
        ],
      },
      format: 'JSONEachRow',
    });
    const MiB = 1024 * 1024;
    expect(await result.json()).toEqual([
      { name: 'index_mark_cache_size', value: String(16 * MiB) },
      { name: 'mark_cache_size', value: String(64 * MiB) },
      { name: 'max_thread_pool_free_size', value: '16' },
      { name: 'primary_index_cache_size', value: String(64 * MiB) },
      { name: 'query_condition_cache_size', value: String(16 * MiB) },
    ]);
  });
});
