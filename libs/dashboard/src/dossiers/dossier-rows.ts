import { daysBetweenInclusive, localDateOf } from '@dvc/indicators';
import { DossierToActOn } from './dossiers.schema';

/** Whole local days from the due day to today; 0 on or before the due day. */
export function daysOverdue(dueAt: string, today: string): number {
  const due = localDateOf(dueAt);
  return due < today ? daysBetweenInclusive({ from: due, to: today }) - 1 : 0;
}

export const CSV_COLUMNS: readonly { key: keyof DossierToActOn; header: string }[] = [
  { key: 'dossierCode', header: 'Mã hồ sơ' },
  { key: 'procedureCode', header: 'Mã thủ tục' },
  { key: 'procedureName', header: 'Tên thủ tục' },
  { key: 'agencyCode', header: 'Mã cơ quan' },
  { key: 'agencyName', header: 'Tên cơ quan' },
  { key: 'receivedAt', header: 'Ngày tiếp nhận' },
  { key: 'dueAt', header: 'Ngày hẹn trả' },
  { key: 'daysOverdue', header: 'Số ngày quá hạn' },
  { key: 'source', header: 'Hệ thống nguồn' },
];

/** A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a leading =+-@ is defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // Spreadsheets run a cell starting with these as a formula (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The dossiers as CSV with Vietnamese headers, a BOM so Excel reads UTF-8, CRLF line ends. */
export function dossiersCsv(items: readonly DossierToActOn[]): string {
  const lines = [
    CSV_COLUMNS.map((column) => csvCell(column.header)).join(','),
    ...items.map((item) => CSV_COLUMNS.map((column) => csvCell(item[column.key])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
