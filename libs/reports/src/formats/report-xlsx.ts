import ExcelJS from 'exceljs';
import { periodHeading } from '../periods/report-period';
import { ReportTable } from '../report-table';
import { worksheetNames } from './worksheet-names';

const FONT = 'Times New Roman';
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };
/** Rows of the layout, 1-based (the test reads the workbook back by them). */
export const XLSX_LAYOUT = { headerTop: 8, headerBottom: 9, columnNumbers: 10, firstRow: 11 } as const;

/** A sheet's name before Excel's rules are applied: the table's own, else its form code without "Biểu số". */
export const wantedSheetName = (table: ReportTable) =>
  table.sheetName ?? table.formCode.replace(/^Biểu số /, '');

/** The report as the official form is printed, on one sheet (see `reportWorkbook`). */
export async function reportXlsx(table: ReportTable): Promise<Buffer> {
  return reportWorkbook([{ name: wantedSheetName(table), table }]);
}

/**
 * Reports as the official form is printed, one sheet each, named by `worksheetNames` (valid and unique in
 * Excel however long the wanted names are): the form code and its basis top left, the reporting and receiving
 * units top right, the title, scope and period centred, the unit of count, the two-level header (a group's
 * cell merged across its columns, an ungrouped column's merged down both rows), the row of column numbers,
 * the rows, the total, the notes and the signature block; A4 landscape, fitted to one page wide.
 */
export async function reportWorkbook(
  sheets: readonly { name: string; table: ReportTable }[],
): Promise<Buffer> {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DVC metrics';
  workbook.created = workbook.modified = new Date(sheets[0].table.asOf);
  const names = worksheetNames(sheets.map(({ name }) => name));
  sheets.forEach(({ table }, index) => addReportSheet(workbook, names[index], table));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addReportSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable): void {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${XLSX_LAYOUT.headerTop}:${XLSX_LAYOUT.columnNumbers}`,
    },
  });
  const width = table.columns.length;
  const last = width; // column index of the last column
  sheet.columns = table.columns.map((column, index) => ({
    width: index === 0 ? 5 : index === 1 ? 32 : column.kind === 'text' ? 20 : 11,
  }));
  const put = (
    row: number,
    from: number,
    to: number,
    value: string,
    style: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' | 'right' } = {},
  ) => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = value;
    cell.font = { name: FONT, size: style.size ?? 12, bold: style.bold, italic: style.italic };
    cell.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: true };
  };
  const leftEnd = Math.min(4, last);
  const rightStart = Math.max(last - 4, leftEnd + 1);
  put(1, 1, leftEnd, table.formCode, { bold: true });
  put(2, 1, leftEnd, table.formBasis, { italic: true, size: 11 });
  put(1, rightStart, last, `Đơn vị báo cáo: ${table.reporter}`);
  put(2, rightStart, last, `Đơn vị nhận báo cáo: ${table.recipient}`);
  put(4, 1, last, table.title, { bold: true, size: 14, align: 'center' });
  put(5, 1, last, table.scopeLine, { bold: true, align: 'center' });
  put(6, 1, last, periodHeading(table.period), { italic: true, align: 'center' });
  put(7, rightStart, last, table.unit, { italic: true, align: 'right' });

  const { headerTop, headerBottom, columnNumbers, firstRow } = XLSX_LAYOUT;
  /** An ungrouped column's header, merged down both header rows. */
  const header = (column: number, value: string) => {
    sheet.mergeCells(headerTop, column, headerBottom, column);
    const cell = sheet.getCell(headerTop, column);
    cell.value = value;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  for (let index = 0; index < width;) {
    const column = table.columns[index];
    if (column.group === undefined) {
      header(index + 1, column.label);
      index += 1;
      continue;
    }
    let end = index;
    while (end + 1 < width && table.columns[end + 1].group === column.group) end += 1;
    sheet.mergeCells(headerTop, index + 1, headerTop, end + 1);
    Object.assign(sheet.getCell(headerTop, index + 1), {
      value: column.group,
      font: { name: FONT, size: 11, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    });
    for (let member = index; member <= end; member++) {
      Object.assign(sheet.getCell(headerBottom, member + 1), {
        value: table.columns[member].label,
        font: { name: FONT, size: 11, bold: true },
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      });
    }
    index = end + 1;
  }
  sheet.getRow(headerTop).height = 30;
  sheet.getRow(headerBottom).height = 45;
  table.columns.forEach((_, index) => {
    Object.assign(sheet.getCell(columnNumbers, index + 1), {
      value: `(${index + 1})`,
      font: { name: FONT, size: 10, italic: true },
      alignment: { horizontal: 'center' },
    });
  });

  const body = [...table.rows.map((row) => ({ row, bold: false })), { row: table.total, bold: true }];
  body.forEach(({ row, bold }, offset) => {
    row.cells.forEach((value, index) => {
      const cell = sheet.getCell(firstRow + offset, index + 1);
      cell.value = value;
      const column = table.columns[index];
      cell.font = { name: FONT, size: 11, bold };
      if (column.kind === 'count') cell.numFmt = '#,##0';
      if (column.kind === 'percent' || column.kind === 'decimal') cell.numFmt = '0.00';
      cell.alignment = {
        horizontal: index === 0 ? 'center' : column.kind === 'text' ? 'left' : 'right',
        vertical: 'middle',
        wrapText: column.kind === 'text',
      };
    });
  });
  const lastTableRow = firstRow + body.length - 1;
  for (let row = headerTop; row <= lastTableRow; row++)
    for (let column = 1; column <= width; column++) sheet.getCell(row, column).border = box;

  let row = lastTableRow + 2;
  for (const note of table.notes) put(row++, 1, last, note, { italic: true, size: 11 });
  row += 1;
  put(row, 1, leftEnd, 'NGƯỜI LẬP BIỂU', { bold: true, align: 'center' });
  put(row, rightStart, last, '…, ngày … tháng … năm …', { italic: true, align: 'center' });
  put(row + 1, 1, leftEnd, '(Ký, ghi rõ họ tên)', { italic: true, align: 'center' });
  put(row + 1, rightStart, last, 'THỦ TRƯỞNG ĐƠN VỊ', { bold: true, align: 'center' });
  put(row + 2, rightStart, last, '(Ký tên, đóng dấu)', { italic: true, align: 'center' });
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(last).letter}${row + 6}`;
}
