import { ReportCell, ReportTable } from '../report-table';

const BOM = '\uFEFF';

const quoted = (value: ReportCell) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The table as CSV for Excel and scripts: UTF-8 with a byte-order mark (so Excel reads Vietnamese right), CRLF
 * line ends, one header line naming each column with its group and number ("Số hồ sơ đã giải quyết - Trước hạn
 * (8)"), the rows, then the total. The same table gives the same bytes.
 */
export function reportCsv(table: ReportTable): Buffer {
  const header = table.columns.map((column, index) =>
    quoted(`${column.group ? `${column.group} - ` : ''}${column.label} (${index + 1})`),
  );
  const lines = [
    header.join(','),
    ...[...table.rows, table.total].map((row) => row.cells.map(quoted).join(',')),
  ];
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
