import { noProcedures, ProcedureLevelCounts } from '../figures/procedures-by-level';
import { reportPeriod } from '../periods/report-period';
import { ReportContext } from '../report-table';
import ExcelJS from 'exceljs';
import { reportCsv } from '../formats/report-csv';
import { reportXlsx, XLSX_LAYOUT } from '../formats/report-xlsx';
import { DVCTT_COLUMNS, dvcttReport, DvcttUnit, Figures, growthCells } from './dvctt.report';

const context: ReportContext = {
  period: reportPeriod('2026-03', 'calendar'),
  scope: { agency: null, agencyName: 'Tỉnh Hòa An' },
  reporter: 'Sở Thông tin và Truyền thông',
  recipient: 'Bộ Thông tin và Truyền thông',
  asOf: '2026-04-01T01:00:00.000Z',
};

const ratio = (numerator: number, denominator: number): Figures => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});

const procedures = (byLevel: [number, number, number, number], byMode: [number, number, number]) => {
  const counts: ProcedureLevelCounts = noProcedures();
  counts.byLevel = { 1: byLevel[0], 2: byLevel[1], 3: byLevel[2], 4: byLevel[3] };
  counts.byMode = { none: byMode[0], partial: byMode[1], full: byMode[2] };
  counts.total = byLevel.reduce((sum, count) => sum + count, 0);
  return counts;
};

const unitA: DvcttUnit = {
  key: 'A',
  name: 'Sở Xây dựng',
  procedures: procedures([1, 2, 3, 4], [3, 3, 4]),
  figures: {
    'procedures.level3': ratio(3, 10),
    'procedures.level4': ratio(4, 10),
    'procedures.online': ratio(7, 10),
    'growth.online': { numerator: 7, denominator: 10, value: 70 - 190 / 3 },
    'growth.level4': { numerator: 4, denominator: 10, value: -2.5 },
    'services.uptake': ratio(5, 7),
    'dossiers.online.level3': ratio(2, 8),
    'dossiers.online.level4': ratio(9, 12),
    'payments.online': ratio(1, 3),
    'dossiers.postal': ratio(1, 20),
  },
};

describe('the DVCTT report layout', () => {
  it('lays out procedures by level and mode, shares, growth in points and the dossier ratios per unit', () => {
    const table = dvcttReport(context, {
      units: [{ key: 'B', name: 'Sở Tư pháp', procedures: noProcedures(), figures: {} }, unitA],
      scope: { ...unitA, key: 'province', name: 'Tỉnh Hòa An' },
      growthSince: '2025-12-31',
    });
    expect(table.kind).toBe('dvctt');
    expect(table.columns).toBe(DVCTT_COLUMNS);
    expect(table.columns).toHaveLength(35);
    expect(table.columns.map((column) => column.key).slice(2, 10)).toEqual([
      'procedures.total',
      'procedures.level1',
      'procedures.level2',
      'procedures.level3',
      'procedures.level4',
      'mode.none',
      'mode.partial',
      'mode.full',
    ]);
    expect(table.columns.slice(13, 20).map((column) => [column.key, column.group, column.label])).toEqual([
      ['growth.level3', 'Tăng trưởng so với cuối năm trước (điểm %)', 'Mức 3'],
      ['growth.level4', 'Tăng trưởng so với cuối năm trước (điểm %)', 'Mức 4'],
      ['growth.online', 'Tăng trưởng so với cuối năm trước (điểm %)', 'Trực tuyến (mức 3, 4)'],
      ['target.online.verdict', 'So với chỉ tiêu tăng trưởng năm', 'Trực tuyến +7: đánh giá'],
      ['target.online.gap', 'So với chỉ tiêu tăng trưởng năm', 'Chênh lệch (điểm %)'],
      ['target.level4.verdict', 'So với chỉ tiêu tăng trưởng năm', 'Mức 4 +8: đánh giá'],
      ['target.level4.gap', 'So với chỉ tiêu tăng trưởng năm', 'Chênh lệch (điểm %)'],
    ]);
    // By name in Vietnamese order: Sở Tư pháp before Sở Xây dựng.
    expect(table.rows.map((row) => [row.key, row.cells[0], row.cells[1]])).toEqual([
      ['B', '1', 'Sở Tư pháp'],
      ['A', '2', 'Sở Xây dựng'],
    ]);
    // Online +6.67 points: level 3 +9.17 (6.67 − (−2.5)), not met by 0.33; level 4 −2.5, short by 10.5.
    expect(table.rows[1].cells.slice(2)).toEqual([
      10,
      1,
      2,
      3,
      4,
      3,
      3,
      4,
      30,
      40,
      70,
      9.17,
      -2.5,
      6.67,
      'Chưa đạt',
      -0.33,
      'Chưa đạt',
      -10.5,
      5,
      7,
      71.43,
      2,
      8,
      25,
      9,
      12,
      75,
      1,
      3,
      33.33,
      1,
      20,
      5,
    ]);
    expect(table.rows[0].cells.every((cell, index) => index < 2 || cell === 0 || cell === null)).toBe(true);
    expect(table.total.cells.slice(0, 3)).toEqual(['', 'Toàn phạm vi: Tỉnh Hòa An', 10]);
    expect(table.notes.join(' ')).toContain('31/12/2025');
    expect(table.notes.at(-1)).toContain('01/04/2026 08:00:00');
  });

  it('shows no share or growth where it is undefined, rather than a made-up zero', () => {
    const table = dvcttReport(context, {
      units: [
        {
          key: 'C',
          name: 'Sở Mới',
          procedures: noProcedures(),
          figures: {
            'procedures.level3': ratio(0, 0),
            'growth.online': { numerator: 0, denominator: 0, value: null },
            'growth.level4': { numerator: 0, denominator: 0, value: 0 },
          },
        },
      ],
      scope: { key: 'province', name: 'Tỉnh Hòa An', procedures: noProcedures(), figures: {} },
      growthSince: '2025-12-14',
    });
    expect(table.rows[0].cells[10]).toBeNull();
    // Online growth undefined: so are level 3's and the online verdict; level 4's is judged on its own.
    expect(table.rows[0].cells.slice(13, 20)).toEqual([null, 0, null, null, null, 'Chưa đạt', -8]);
    expect(table.rows[0].cells[2]).toBe(0);
  });
});

describe('the DVCTT verdict against the +7 / +8 targets', () => {
  const growth = (online: number | null, level4: number | null) =>
    growthCells({
      'growth.online': { numerator: 0, denominator: 1, value: online },
      'growth.level4': { numerator: 0, denominator: 1, value: level4 },
    });

  it('is met at the target exactly (as shown, two decimals), not met below it, with the gap in points', () => {
    expect(growth(7, 8)).toEqual([-1, 8, 7, 'Đạt', 0, 'Đạt', 0]);
    expect(growth(6.999, 8.001)).toEqual([-1, 8, 7, 'Đạt', 0, 'Đạt', 0]);
    expect(growth(6.99, 7.99)).toEqual([-1, 7.99, 6.99, 'Chưa đạt', -0.01, 'Chưa đạt', -0.01]);
    expect(growth(33.333333, 0)).toEqual([33.33, 0, 33.33, 'Đạt', 26.33, 'Chưa đạt', -8]);
    expect(growth(-5, -5)).toEqual([0, -5, -5, 'Chưa đạt', -12, 'Chưa đạt', -13]);
    expect(growth(null, null)).toEqual([null, null, null, null, null, null, null]);
  });

  it('lays the verdict columns out the same in the XLSX header and the CSV header', async () => {
    const table = dvcttReport(context, {
      units: [unitA],
      scope: { ...unitA, key: 'province', name: 'Tỉnh Hòa An' },
      growthSince: '2025-12-31',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await reportXlsx(table)) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const sheet = workbook.worksheets[0];
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    // (14)–(16) growth, (17)–(20) the verdicts: N8:P8 and Q8:T8 on the form.
    expect(merges).toEqual(expect.arrayContaining(['N8:P8', 'Q8:T8']));
    expect(sheet.getCell('N8').value).toBe('Tăng trưởng so với cuối năm trước (điểm %)');
    expect(sheet.getCell('Q8').value).toBe('So với chỉ tiêu tăng trưởng năm');
    expect(['N9', 'O9', 'P9', 'Q9', 'R9', 'S9', 'T9'].map((address) => sheet.getCell(address).value)).toEqual(
      [
        'Mức 3',
        'Mức 4',
        'Trực tuyến (mức 3, 4)',
        'Trực tuyến +7: đánh giá',
        'Chênh lệch (điểm %)',
        'Mức 4 +8: đánh giá',
        'Chênh lệch (điểm %)',
      ],
    );
    const row = (sheet.getRow(XLSX_LAYOUT.firstRow).values as unknown[]).slice(14, 21);
    expect(row).toEqual([9.17, -2.5, 6.67, 'Chưa đạt', -0.33, 'Chưa đạt', -10.5]);
    expect(sheet.getCell('R11').numFmt).toBe('0.00');
    expect(sheet.getRow(XLSX_LAYOUT.columnNumbers).values).toHaveLength(36);

    const fields = (line: string) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
        .map((match) => match[1].replace(/^"|"$/g, '').replace(/""/g, '"'))
        .slice(0, table.columns.length);
    const csv = reportCsv(table).toString('utf8').slice(1).split('\r\n');
    expect(fields(csv[0]).slice(13, 20)).toEqual([
      'Tăng trưởng so với cuối năm trước (điểm %) - Mức 3 (14)',
      'Tăng trưởng so với cuối năm trước (điểm %) - Mức 4 (15)',
      'Tăng trưởng so với cuối năm trước (điểm %) - Trực tuyến (mức 3, 4) (16)',
      'So với chỉ tiêu tăng trưởng năm - Trực tuyến +7: đánh giá (17)',
      'So với chỉ tiêu tăng trưởng năm - Chênh lệch (điểm %) (18)',
      'So với chỉ tiêu tăng trưởng năm - Mức 4 +8: đánh giá (19)',
      'So với chỉ tiêu tăng trưởng năm - Chênh lệch (điểm %) (20)',
    ]);
    expect(fields(csv[1]).slice(13, 20)).toEqual([
      '9.17',
      '-2.5',
      '6.67',
      'Chưa đạt',
      '-0.33',
      'Chưa đạt',
      '-10.5',
    ]);
  });
});
