import ExcelJS from 'exceljs';
import { DossierFlow, emptyFlow } from '../figures/dossier-flow';
import { reportWorkbook, wantedSheetName, XLSX_LAYOUT } from '../formats/report-xlsx';
import { reportPeriod } from '../periods/report-period';
import { ReportContext } from '../report-table';
import { ii06aReport, ii06aUnitSheets } from './ii06a.report';

const context: ReportContext = {
  period: reportPeriod('2026-03', 'statutory'),
  scope: { agency: '000.00.00.H12', agencyName: 'UBND tỉnh Bình Thuận' },
  reporter: 'UBND tỉnh Bình Thuận',
  recipient: 'Văn phòng Chính phủ',
  asOf: '2026-03-16T01:00:00.000Z',
};
const flow = (counts: Partial<DossierFlow>): DossierFlow => ({ ...emptyFlow(), ...counts });
const fieldLabel = (key: string | null) => key ?? 'Chưa xác định lĩnh vực';

describe('II.06a, one sheet per child unit', () => {
  const justice = flow({ receivedOnline: 3, carriedOver: 1, resolvedOnTime: 2, inProgressOverdue: 2 });
  const land = flow({ receivedOther: 2, resolvedLate: 1, closedWithoutResult: 1 });
  const units = [
    {
      code: '000.00.12.H12',
      name: 'Sở Xây dựng',
      groups: [
        { key: 'Xây dựng', flow: land },
        { key: null, flow: flow({ receivedOnline: 1, inProgressWithinDue: 1 }) },
      ],
    },
    { code: '000.00.99.H12', name: 'Sở Y tế', groups: [{ key: 'Y tế', flow: emptyFlow() }] },
    {
      code: '000.00.01.H12',
      // Longer than Excel's 31 characters, with characters a sheet's name may not hold.
      name: 'Sở Tư pháp / Phòng Hành chính tư pháp [thí điểm]',
      groups: [
        { key: 'Tư pháp', flow: justice },
        { key: 'Đất đai', flow: land },
      ],
    },
  ];

  it('lays each unit out like the form, rows by field and its own total, units by name, empty units left out', () => {
    const sheets = ii06aUnitSheets(context, units, fieldLabel);
    expect(sheets.map((sheet) => [sheet.sheetName, sheet.scopeLine, sheet.reporter])).toEqual([
      [
        'Sở Tư pháp / Phòng Hành chính tư pháp [thí điểm]',
        'Tại: Sở Tư pháp / Phòng Hành chính tư pháp [thí điểm]',
        'Sở Tư pháp / Phòng Hành chính tư pháp [thí điểm]',
      ],
      ['Sở Xây dựng', 'Tại: Sở Xây dựng', 'Sở Xây dựng'],
    ]);
    const [justiceSheet, buildersSheet] = sheets;
    expect(justiceSheet.columns[1].label).toBe('Lĩnh vực giải quyết');
    expect(justiceSheet.rows.map((row) => row.cells)).toEqual([
      ['1', 'Đất đai', 2, 0, 2, 0, 1, 0, 0, 1, 0, 0, 0],
      ['2', 'Tư pháp', 4, 3, 0, 1, 2, 0, 2, 0, 2, 0, 2],
    ]);
    expect(justiceSheet.total.cells).toEqual(['', 'Tổng số', 6, 3, 2, 1, 3, 0, 2, 1, 2, 0, 2]);
    expect(buildersSheet.rows.map((row) => row.cells.slice(0, 3))).toEqual([
      ['1', 'Xây dựng', 2],
      ['2', 'Chưa xác định lĩnh vực', 1],
    ]);
    expect(buildersSheet.total.cells.slice(0, 3)).toEqual(['', 'Tổng số', 3]);
    expect(buildersSheet.notes[1]).toBe(
      'Hồ sơ rút hoặc dừng xử lý trong kỳ (không có kết quả): 1; (3) = (7) + (11) + 1.',
    );
    // Every sheet keeps the scope's period, recipient and moment of count.
    for (const sheet of sheets)
      expect(sheet).toMatchObject({
        period: context.period,
        recipient: 'Văn phòng Chính phủ',
        asOf: context.asOf,
      });
  });

  it('gives no sheet when no unit has anything to count', () => {
    expect(ii06aUnitSheets(context, [units[1]], fieldLabel)).toEqual([]);
  });

  it('writes the total sheet first and a sheet per unit, named validly for Excel, each read back cell by cell', async () => {
    const sheets = ii06aUnitSheets(context, units, fieldLabel);
    const total = ii06aReport(context, {
      rows: 'field',
      groups: units.flatMap((unit) => unit.groups),
      labelOf: fieldLabel,
    });
    const bytes = await reportWorkbook([
      { name: wantedSheetName(total), table: total },
      ...sheets.map((sheet) => ({ name: wantedSheetName(sheet), table: sheet })),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'II.06a-VPCP-KSTT',
      'Sở Tư pháp - Phòng Hành chính t',
      'Sở Xây dựng',
    ]);
    [total, ...sheets].forEach((table, index) => {
      const sheet = workbook.worksheets[index];
      expect(sheet.getCell(5, 1).value).toBe(table.scopeLine);
      expect(sheet.getCell(1, 9).value).toBe(`Đơn vị báo cáo: ${table.reporter}`);
      expect(sheet.getCell(XLSX_LAYOUT.headerBottom, 2).value).toBe('Lĩnh vực giải quyết');
      [...table.rows, table.total].forEach((row, offset) =>
        expect((sheet.getRow(XLSX_LAYOUT.firstRow + offset).values as unknown[]).slice(1)).toEqual(row.cells),
      );
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
    });
  });
});
