import { parse } from 'csv-parse/sync';
import { CellValue, ValueType, Workbook } from 'exceljs';
import { DomainError } from '@dvc/domain-errors';

export type SheetFormat = 'csv' | 'xlsx';

/** One data row: cells by header as written in the file, trimmed strings ('' for an empty cell). */
export interface SheetRecord {
  /** The row number the spreadsheet shows (1-based, header rows and blank rows included). */
  row: number;
  values: Record<string, string>;
}

export interface Sheet {
  name: string;
  /** Where the headers are: the first row with at least two filled cells (a title row above is skipped). */
  headerRow: number;
  /** Headers in column order, as written; a repeated header appears twice here. */
  headers: string[];
  /** Non-blank rows under the header row. */
  records: SheetRecord[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Reads a file's sheets: one for a CSV, every non-empty worksheet of an XLSX workbook, in workbook order. */
export async function readSheets(content: Buffer, format: SheetFormat, csvName = 'csv'): Promise<Sheet[]> {
  if (content.length === 0) throw new DomainError('invalid', 'the file is empty');
  refuseOldExcel(content);
  return format === 'xlsx' ? readXlsx(content) : [readCsv(content, csvName)];
}

/** An old Excel .xls file (OLE compound document) is refused first, whatever it was sent as. */
export function refuseOldExcel(content: Buffer): void {
  if (content.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new DomainError(
      'invalid',
      'this is an old Excel .xls file: save it as .xlsx (Excel Workbook) or CSV UTF-8',
    );
  }
}

/** The kind of file the bytes are, when nothing else says: an XLSX workbook is a zip. */
export const looksLikeXlsx = (content: Buffer): boolean => content.subarray(0, 4).equals(XLSX_MAGIC);

export function readCsv(content: Buffer, name = 'csv'): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new DomainError('invalid', 'the CSV file is not UTF-8: in Excel, save it as "CSV UTF-8"');
  }
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new DomainError('invalid', `cannot read the CSV file: ${(error as Error).message}`);
  }
  // Excel shows one record per row, so the record's position is the row number an official sees.
  return toSheet(
    name,
    rows.map((cells, index) => ({ row: index + 1, cells })),
  );
}

/** Vietnamese Excel writes `;`-separated CSV (its decimal separator is the comma); others write `,` or tabs. */
function guessDelimiter(text: string): string {
  const firstLines = text.split(/\r?\n/, 5).join('\n');
  const counts = [',', ';', '\t'].map(
    (delimiter) => [delimiter, firstLines.split(delimiter).length] as const,
  );
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

export async function readXlsx(content: Buffer): Promise<Sheet[]> {
  if (!looksLikeXlsx(content)) throw new DomainError('invalid', 'the file is not an XLSX workbook');
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new DomainError('invalid', `cannot read the XLSX workbook: ${(error as Error).message}`);
  }
  const sheets: Sheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows: { row: number; cells: string[] }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      // A merged range's other cells repeat its value: a title merged across the columns is one cell.
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        cells[column - 1] = cell.type === ValueType.Merge ? '' : cellText(cell.value);
      });
      rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
    });
    const sheet = toSheet(worksheet.name, rows);
    if (sheet.headers.length) sheets.push(sheet);
  }
  return sheets;
}

/** A cell as text: dates as YYYY-MM-DD, formulas by their result, rich text and links by their text. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as CellValue);
  if ('text' in value) return cellText(value.text as CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

function toSheet(name: string, rows: { row: number; cells: string[] }[]): Sheet {
  const filled = rows
    .map(({ row, cells }) => ({ row, cells: cells.map((cell) => (cell ?? '').trim()) }))
    .filter(({ cells }) => cells.some(Boolean));
  const headerIndex = filled.findIndex(({ cells }) => cells.filter(Boolean).length >= 2);
  if (headerIndex < 0) return { name, headerRow: 0, headers: [], records: [] };
  const headers = filled[headerIndex].cells;
  const records = filled.slice(headerIndex + 1).map(({ row, cells }) => {
    const values: Record<string, string> = {};
    headers.forEach((header, column) => {
      if (header && !(header in values)) values[header] = cells[column] ?? '';
    });
    return { row, values };
  });
  return { name, headerRow: filled[headerIndex].row, headers, records };
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_CONTENT_TYPES = ['text/csv', 'application/csv', 'text/plain'];
/** What Windows browsers send for a .csv file (Excel is registered for it); the bytes decide. */
const EXCEL_CONTENT_TYPE = 'application/vnd.ms-excel';

/** The format an upload's content type names, or null when it names neither CSV nor XLSX. */
export function sheetFormatOfContentType(
  contentType: string | undefined,
  content: Buffer,
): SheetFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === XLSX_CONTENT_TYPE) return 'xlsx';
  if (CSV_CONTENT_TYPES.includes(type)) return 'csv';
  if (type === EXCEL_CONTENT_TYPE) return looksLikeXlsx(content) ? 'xlsx' : 'csv';
  return null;
}

/** The format of a file on disk: by extension, else by its first bytes. */
export function sheetFormatOfFileName(name: string, content: Buffer): SheetFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  return looksLikeXlsx(content) ? 'xlsx' : 'csv';
}
