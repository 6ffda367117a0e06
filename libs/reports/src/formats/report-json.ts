import { ReportTable } from '../report-table';

/** The table as JSON, keys in a fixed order: the same table gives the same bytes. */
export function reportJson(table: ReportTable, extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({ ...table, ...extra }, null, 2) + '\n', 'utf8');
}
