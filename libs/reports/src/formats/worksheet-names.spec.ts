import ExcelJS from 'exceljs';
import { emptyFlow } from '../figures/dossier-flow';
import { noProcedures } from '../figures/procedures-by-level';
import { ii06aReport } from '../kinds/ii06a.report';
import { rankingReport } from '../kinds/ranking.report';
import { dvcttReport } from '../kinds/dvctt.report';
import { targetsReport } from '../kinds/targets.report';
import { reportPeriod } from '../periods/report-period';
import { ReportContext, ReportTable } from '../report-table';
import { reportWorkbook, reportXlsx, wantedSheetName } from './report-xlsx';
import { WORKSHEET_NAME_MAX, worksheetName, worksheetNames } from './worksheet-names';

const context: ReportContext = {
  period: reportPeriod('2026-03', 'statutory'),
  scope: { agency: null, agencyName: 'Tỉnh Hòa An' },
  reporter: 'Sở Thông tin và Truyền thông',
  recipient: 'Văn phòng UBND tỉnh',
  asOf: '2026-03-16T01:00:00.000Z',
};

/** Long unit names as the catalogue has them: the first two alike well past 31 characters. */
const UNITS = [
  'Ủy ban nhân dân huyện Hàm Thuận Bắc',
  'Ủy ban nhân dân huyện Hàm Thuận Nam',
  'Ủy ban nhân dân thị xã La Gi',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Trung tâm Phục vụ hành chính công: Bộ phận 1/2 [thử]?*',
  "'Ban Quản lý các khu công nghiệp'",
  // Decomposed (NFD) Vietnamese: as many code units again as letters unless normalised.
  'Ủy ban nhân dân thành phố Phan Thiết'.normalize('NFD'),
];

const EXCEL_FORBIDDEN = /[:\\/?*[\]]/;

function expectValid(names: readonly string[]) {
  for (const name of names) {
    expect(name.length).toBeGreaterThan(0);
    expect(name.length).toBeLessThanOrEqual(WORKSHEET_NAME_MAX);
    expect(name).not.toMatch(EXCEL_FORBIDDEN);
    expect(name).not.toMatch(/^'|'$/);
    expect(name.toLowerCase()).not.toBe('history');
  }
  expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
}

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

describe('XLSX sheet names within Excel rules', () => {
  it('cuts a long Vietnamese name to 31 characters, NFC, without the forbidden characters or edge apostrophes', () => {
    expect(worksheetName('Ủy ban nhân dân huyện Hàm Thuận Bắc')).toBe('Ủy ban nhân dân huyện Hàm Thuận');
    expect(worksheetName('Ủy ban nhân dân thành phố Phan Thiết'.normalize('NFD'))).toBe(
      'Ủy ban nhân dân thành phố Phan',
    );
    expect(worksheetName('II.06a/VPCP/KSTT')).toBe('II.06a-VPCP-KSTT');
    expect(worksheetName('a: b\\c/d?e*f[g]h')).toBe('a- b-c-d-e-f-g-h');
    expect(worksheetName("'Ban Quản lý'")).toBe('Ban Quản lý');
    expect(worksheetName('  \t ')).toBe('Sheet');
    expect(worksheetName('History')).toBe('Sheet History');
    // An astral character is never cut in half.
    expect(worksheetName(`${'x'.repeat(30)}𝐀`)).toBe('x'.repeat(30));
  });

  it('keeps names unique without regard to case once cut: a suffix on the stem cut shorter', () => {
    const names = worksheetNames([
      ...UNITS,
      'ủy ban nhân dân huyện hàm thuận bắc',
      'Ủy ban nhân dân huyện Hàm Thuận (2)',
    ]);
    expectValid(names);
    expect(names.slice(0, 3)).toEqual([
      'Ủy ban nhân dân huyện Hàm Thuận',
      'Ủy ban nhân dân huyện Hàm T (2)',
      'Ủy ban nhân dân thị xã La Gi',
    ]);
    expect(names[7]).toBe('ủy ban nhân dân huyện hàm t (3)');
    // A wanted name equal to a suffixed one is suffixed in turn.
    expect(names[8]).toBe('Ủy ban nhân dân huyện Hàm T (4)');
  });

  it('writes per-unit sheets of II.06a that Excel accepts: read back with their names, each its own table', async () => {
    const warn = jest.spyOn(console, 'warn');
    const tables = UNITS.map((name, index) =>
      ii06aReport(
        { ...context, scope: { agency: `U${index}`, agencyName: name } },
        {
          rows: 'field',
          groups: [{ key: 'Đất đai', flow: { ...emptyFlow(), receivedOther: index + 1 } }],
          labelOf: (key) => String(key),
        },
      ),
    );
    const bytes = await reportWorkbook(UNITS.map((name, index) => ({ name, table: tables[index] })));
    const workbook = await readBack(bytes);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(worksheetNames(UNITS));
    expectValid(names);
    workbook.worksheets.forEach((sheet, index) => {
      expect(sheet.getCell('A5').value).toBe(`Tại: ${UNITS[index]}`);
      expect(sheet.getCell('C11').value).toBe(index + 1);
    });
    // exceljs warns when it has to cut a name itself: every name reached it valid.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('names every kind’s single sheet validly: ranking by its short name, the others by form code', async () => {
    const ranking = rankingReport(context, { units: [], scope: {} });
    const tables: ReportTable[] = [
      ranking,
      ii06aReport(context, { rows: 'field', groups: [], labelOf: String }),
      dvcttReport(context, {
        units: [],
        scope: { key: 'province', name: 'Tỉnh Hòa An', procedures: noProcedures(), figures: {} },
        growthSince: '2025-12-14',
      }),
      targetsReport(context, {
        entries: [],
        labelOf: () => ({ nameVi: '', unit: 'share' }),
        agencyName: String,
      }),
    ];
    for (const table of tables) {
      const workbook = await readBack(await reportXlsx(table));
      const [name] = workbook.worksheets.map((sheet) => sheet.name);
      expectValid([name]);
      expect(name).toBe(worksheetName(wantedSheetName(table)));
    }
    expect(wantedSheetName(ranking)).toBe('Xếp hạng QĐ 766-QĐ-TTg');
    expect(wantedSheetName(tables[1])).toBe('II.06a/VPCP/KSTT');
  });
});
