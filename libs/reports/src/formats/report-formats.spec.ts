import ExcelJS from 'exceljs';
import { emptyFlow } from '../figures/dossier-flow';
import { ii06aReport } from '../kinds/ii06a.report';
import { reportPeriod } from '../periods/report-period';
import { ReportTable } from '../report-table';
import { reportCsv } from './report-csv';
import { reportJson } from './report-json';
import { reportXlsx, XLSX_LAYOUT } from './report-xlsx';

function sampleTable(): ReportTable {
  return ii06aReport(
    {
      period: reportPeriod('2026-Q1', 'statutory'),
      scope: { agency: null, agencyName: 'Tỉnh Bình Thuận' },
      reporter: 'Trung tâm Phục vụ hành chính công tỉnh',
      recipient: 'Văn phòng UBND tỉnh',
      asOf: '2026-03-16T01:00:00.000Z',
    },
    {
      rows: 'field',
      groups: [
        {
          key: 'Đất đai',
          flow: {
            ...emptyFlow(),
            receivedOnline: 1200,
            receivedOther: 34,
            carriedOver: 5,
            resolvedEarly: 3,
            resolvedOnTime: 1000,
            resolvedLate: 1,
            closedWithoutResult: 2,
            inProgressWithinDue: 200,
            inProgressOverdue: 33,
          },
        },
        { key: 'Hộ tịch, "khai sinh"', flow: { ...emptyFlow(), receivedOther: 1, inProgressWithinDue: 1 } },
      ],
      labelOf: (key) => String(key),
    },
  );
}

describe('XLSX like the official form', () => {
  it('reads back cell by cell: title block, merged two-level header, column numbers, numbers as numbers, total, signature, A4 landscape', async () => {
    const table = sampleTable();
    const workbook = new ExcelJS.Workbook();
    const bytes = await reportXlsx(table);
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    const text = (address: string) => sheet.getCell(address).value;

    expect(text('A1')).toBe('Biểu số II.06a/VPCP/KSTT');
    expect(text('A2')).toBe('Ban hành kèm theo Thông tư số 01/2020/TT-VPCP');
    expect(text('I1')).toBe('Đơn vị báo cáo: Trung tâm Phục vụ hành chính công tỉnh');
    expect(text('I2')).toBe('Đơn vị nhận báo cáo: Văn phòng UBND tỉnh');
    expect(text('A4')).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text('A5')).toBe('Tại: Tỉnh Bình Thuận');
    expect(text('A6')).toBe(
      'Kỳ báo cáo: Quý I năm 2026 (Từ ngày 15/12/2025 đến ngày 14/03/2026; kỳ chốt số liệu theo Nghị định 09/2019/NĐ-CP)',
    );
    expect(text('I7')).toBe('Đơn vị tính: Số hồ sơ TTHC');

    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    for (const range of ['A1:D1', 'I1:M1', 'A4:M4', 'A8:A9', 'B8:B9', 'C8:F8', 'G8:J8', 'K8:M8'])
      expect(merges).toContain(range);
    expect(['A8', 'B8', 'C8', 'G8', 'K8'].map(text)).toEqual([
      'TT',
      'Lĩnh vực giải quyết',
      'Số hồ sơ nhận giải quyết',
      'Số hồ sơ đã giải quyết',
      'Số hồ sơ đang giải quyết',
    ]);
    expect(sheet.getCell('D8').isMerged).toBe(true);
    expect(['C9', 'D9', 'E9', 'F9', 'G9', 'H9', 'I9', 'J9', 'K9', 'L9', 'M9'].map(text)).toEqual([
      'Tổng số',
      'Trực tuyến',
      'Trực tiếp hoặc qua BCCI',
      'Từ kỳ trước chuyển qua',
      'Tổng số',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số',
      'Trong hạn',
      'Quá hạn',
    ]);
    const numbers = sheet.getRow(XLSX_LAYOUT.columnNumbers).values as unknown[];
    expect(numbers.slice(1)).toEqual(Array.from({ length: 13 }, (_, index) => `(${index + 1})`));

    const row = (offset: number) =>
      (sheet.getRow(XLSX_LAYOUT.firstRow + offset).values as unknown[]).slice(1);
    expect(row(0)).toEqual(['1', 'Đất đai', 1239, 1200, 34, 5, 1004, 3, 1000, 1, 233, 200, 33]);
    expect(row(1)).toEqual(['2', 'Hộ tịch, "khai sinh"', 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(row(2)).toEqual(['', 'Tổng số', 1240, 1200, 35, 5, 1004, 3, 1000, 1, 234, 201, 33]);
    expect(typeof sheet.getCell('C11').value).toBe('number');
    expect(sheet.getCell('C11').numFmt).toBe('#,##0');
    expect(sheet.getCell('B13').font.bold).toBe(true);
    expect(sheet.getCell('A8').border.top?.style).toBe('thin');

    const below = (sheet.getColumn(1).values as unknown[]).filter((value) => typeof value === 'string');
    expect(below).toContain(
      'Hồ sơ rút hoặc dừng xử lý trong kỳ (không có kết quả): 2; (3) = (7) + (11) + 2.',
    );
    expect(below).toContain('NGƯỜI LẬP BIỂU');
    const right = (sheet.getColumn(9).values as unknown[]).filter((value) => typeof value === 'string');
    expect(right).toEqual(expect.arrayContaining(['THỦ TRƯỞNG ĐƠN VỊ', '(Ký tên, đóng dấu)']));

    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
    });
  });
});

describe('CSV and JSON', () => {
  it('CSV is UTF-8 with a BOM, quotes what needs it, and gives the same bytes for the same table', () => {
    const bytes = reportCsv(sampleTable());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual([
      'TT (1)',
      'Lĩnh vực giải quyết (2)',
      'Số hồ sơ nhận giải quyết - Tổng số (3)',
      'Số hồ sơ nhận giải quyết - Trực tuyến (4)',
    ]);
    expect(lines[1]).toBe('1,Đất đai,1239,1200,34,5,1004,3,1000,1,233,200,33');
    expect(lines[2]).toBe('2,"Hộ tịch, ""khai sinh""",1,0,1,0,0,0,0,0,1,1,0');
    expect(lines[3]).toBe(',Tổng số,1240,1200,35,5,1004,3,1000,1,234,201,33');
    expect(lines[4]).toBe('');
    expect(reportCsv(sampleTable()).equals(bytes)).toBe(true);
  });

  it('JSON carries the table and gives the same bytes for the same table', () => {
    const bytes = reportJson(sampleTable());
    const parsed = JSON.parse(bytes.toString('utf8'));
    expect(parsed.total.cells[2]).toBe(1240);
    expect(parsed.period).toMatchObject({
      key: '2026-Q1',
      from: '2025-12-15',
      to: '2026-03-14',
      cut: 'statutory',
    });
    expect(reportJson(sampleTable()).equals(bytes)).toBe(true);
  });
});
