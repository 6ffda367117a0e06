import { ReportRevisions, RevisedCount, RevisedRow } from '../kinds/report-kind';
import { ReportRow, ReportTable } from '../report-table';

const rowKey = (row: ReportRow): string | null =>
  row.key ?? (row.cells[1] === null ? null : String(row.cells[1]));

/**
 * The number cells of a row that moved. Columns are matched by key, so a report issued before its kind gained
 * or moved columns is compared column for column (a column it did not have counts from zero).
 */
function revisedCells(
  table: ReportTable,
  issuedTable: ReportTable,
  issued: ReportRow | undefined,
  now: ReportRow | undefined,
): RevisedCount[] {
  const issuedIndex = new Map(issuedTable.columns.map((column, index) => [column.key, index]));
  return table.columns.flatMap((column, index): RevisedCount[] => {
    if (column.kind === 'text') return [];
    const at = issuedIndex.get(column.key);
    const before = (at === undefined ? null : issued?.cells[at]) ?? null;
    const after = now?.cells[index] ?? null;
    if (before === after || typeof before === 'string' || typeof after === 'string') return [];
    return [
      {
        column: index + 1,
        label: column.group ? `${column.group}: ${column.label}` : column.label,
        issued: before ?? 0,
        now: after ?? 0,
      },
    ];
  });
}

/**
 * What moved in a report since it was issued, read off the two tables: rows matched by key (a unit's code, a
 * target's key), every number cell compared. Rows in only one of them count from zero. Used by the kinds whose
 * figures are the table itself (ranking, targets); II.06a compares its dossier flows instead.
 */
export function tableRevisions(issued: ReportTable, now: ReportTable): ReportRevisions {
  const nowByKey = new Map(now.rows.map((row) => [rowKey(row), row]));
  const issuedKeys = new Set(issued.rows.map(rowKey));
  const rows: RevisedRow[] = [
    ...issued.rows.map((row) => ({
      key: rowKey(row),
      counts: revisedCells(now, issued, row, nowByKey.get(rowKey(row))),
    })),
    ...now.rows
      .filter((row) => !issuedKeys.has(rowKey(row)))
      .map((row) => ({ key: rowKey(row), counts: revisedCells(now, issued, undefined, row) })),
  ].filter((row) => row.counts.length > 0);
  const total = revisedCells(now, issued, issued.total, now.total);
  return { rows: total.length > 0 ? [...rows, { key: 'total', counts: total }] : rows };
}
