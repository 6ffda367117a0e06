import { DataSource } from 'typeorm';
import type { TestApiApp } from './test-api-app';

/**
 * What a suite's writes left in the audit log: the requests that may change something (a successful POST, PUT,
 * PATCH or DELETE but for dossier events), the request ids the log names, and its entries' callers. A suite expects the first two to be
 * the same, so a write path that forgets the log, or a refused write that leaves an entry, fails it.
 */
export async function auditedWrites(api: Pick<TestApiApp, 'app' | 'exchanges'>) {
  const writes = api.exchanges.filter(
    (exchange) =>
      exchange.method !== 'GET' &&
      exchange.status >= 200 &&
      exchange.status < 300 &&
      // Dossier events are the data, kept in ClickHouse (and their rejections in its dead letters), not a change
      // anyone makes to the province's settings.
      !exchange.path.startsWith('/v1/events'),
  );
  const rows = (await api.app.get(DataSource).query(
    `SELECT request_id, array_agg(DISTINCT principal_name) AS principals
         FROM audit.entries WHERE request_id IS NOT NULL GROUP BY request_id`,
  )) as { request_id: string; principals: string[] }[];
  return {
    writes: writes.map((write) => `${write.requestId} ${write.method} ${write.path.split('?')[0]}`).sort(),
    audited: rows
      .map((row) => {
        const write = api.exchanges.find((exchange) => exchange.requestId === row.request_id);
        return `${row.request_id} ${write?.method} ${write?.path.split('?')[0]}`;
      })
      .sort(),
    principals: [...new Set(rows.flatMap((row) => row.principals))],
  };
}
