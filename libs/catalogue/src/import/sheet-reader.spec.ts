import { Workbook } from 'exceljs';
import { DomainError } from '@dvc/domain-errors';
import {
  readCsv,
  readSheets,
  readXlsx,
  sheetFormatOfContentType,
  sheetFormatOfFileName,
} from './sheet-reader';

const csv = (text: string) => Buffer.from(text, 'utf8');

async function xlsx(build: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// A workbook is read in a worker thread, whose start-up (loading exceljs) takes seconds on a busy machine.
jest.setTimeout(60_000);

describe('reading sheets', () => {
  it('reads a CSV file with the row numbers Excel shows, blank rows and multi-line cells included', () => {
    const sheet = readCsv(
      csv('\uFEFFcode,name\n000.00.00.H99,"Tỉnh\nHòa An"\n\n  000.00.12.H99 , Sở Tư pháp\n'),
    );
    expect(sheet).toEqual({
      name: 'csv',
      headerRow: 1,
      headers: ['code', 'name'],
      records: [
        { row: 2, values: { code: '000.00.00.H99', name: 'Tỉnh\nHòa An' } },
        { row: 4, values: { code: '000.00.12.H99', name: 'Sở Tư pháp' } },
      ],
    });
  });

  it('reads the semicolons Vietnamese Excel writes, and skips a title row above the headers', () => {
    const sheet = readCsv(
      csv('DANH MỤC CƠ QUAN;;\nMã cơ quan;Tên cơ quan;Loại\n000.00.00.H99;Tỉnh Hòa An;tỉnh\n'),
      'agencies',
    );
    expect(sheet).toEqual({
      name: 'agencies',
      headerRow: 2,
      headers: ['Mã cơ quan', 'Tên cơ quan', 'Loại'],
      records: [
        { row: 3, values: { 'Mã cơ quan': '000.00.00.H99', 'Tên cơ quan': 'Tỉnh Hòa An', Loại: 'tỉnh' } },
      ],
    });
  });

  it('refuses a CSV file that is not UTF-8 or not CSV, saying what to do', () => {
    expect(() => readCsv(Buffer.from([0x4d, 0xe3, 0x20, 0x63, 0xf4, 0x2c, 0x0a]))).toThrow(
      new DomainError('invalid', 'the CSV file is not UTF-8: in Excel, save it as "CSV UTF-8"'),
    );
    expect(() => readCsv(csv('a,b\n"unclosed,1\n'))).toThrow(/^cannot read the CSV file/);
  });

  it('reads every worksheet: dates as YYYY-MM-DD, numbers, formulas, rich text, merged titles', async () => {
    const content = await xlsx((workbook) => {
      const agencies = workbook.addWorksheet('Cơ quan');
      agencies.addRow(['Danh mục cơ quan tỉnh Hòa An']);
      agencies.mergeCells('A1:C1');
      agencies.addRow(['code', 'valid_from', 'level']);
      agencies.addRow(['000.00.00.H99', new Date(Date.UTC(2025, 6, 1)), 3]);
      agencies.addRow([]);
      agencies.addRow([
        { richText: [{ text: '000.00.' }, { text: '12.H99' }] },
        '01/07/2025',
        { formula: '1+3', result: 4 },
      ]);
      workbook.addWorksheet('empty');
      const targets = workbook.addWorksheet('Chỉ tiêu');
      targets.addRow(['indicator_id', 'threshold']);
      targets.addRow(['dossiers.online', 0.5]);
    });
    expect(await readXlsx(content)).toEqual([
      {
        name: 'Cơ quan',
        headerRow: 2,
        headers: ['code', 'valid_from', 'level'],
        records: [
          { row: 3, values: { code: '000.00.00.H99', valid_from: '2025-07-01', level: '3' } },
          { row: 5, values: { code: '000.00.12.H99', valid_from: '01/07/2025', level: '4' } },
        ],
      },
      {
        name: 'Chỉ tiêu',
        headerRow: 1,
        headers: ['indicator_id', 'threshold'],
        records: [{ row: 2, values: { indicator_id: 'dossiers.online', threshold: '0.5' } }],
      },
    ]);
  });

  it('refuses files that are not what they claim to be', async () => {
    await expect(readSheets(Buffer.alloc(0), 'csv')).rejects.toThrow('the file is empty');
    await expect(readSheets(csv('code,name\n'), 'xlsx')).rejects.toThrow('the file is not an XLSX workbook');
    await expect(readSheets(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'xlsx')).rejects.toThrow(
      /old Excel .xls/,
    );
    await expect(readSheets(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'xlsx')).rejects.toThrow(
      /^cannot read the XLSX workbook/,
    );
  });

  it('tells the format from a content type or a file name', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    expect(sheetFormatOfContentType('text/csv; charset=utf-8', csv('a'))).toBe('csv');
    expect(
      sheetFormatOfContentType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip),
    ).toBe('xlsx');
    expect(sheetFormatOfContentType('application/vnd.ms-excel', zip)).toBe('xlsx');
    expect(sheetFormatOfContentType('application/vnd.ms-excel', csv('a,b'))).toBe('csv');
    expect(sheetFormatOfContentType('application/json', csv('{}'))).toBeNull();
    expect(sheetFormatOfContentType(undefined, csv('a'))).toBeNull();
    expect(sheetFormatOfFileName('catalogue.XLSX', csv(''))).toBe('xlsx');
    expect(sheetFormatOfFileName('agencies.csv', zip)).toBe('csv');
    expect(sheetFormatOfFileName('export', zip)).toBe('xlsx');
  });
});
