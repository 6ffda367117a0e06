import { noProcedures, ProcedureLevelCounts } from '../figures/procedures-by-level';
import { reportPeriod } from '../periods/report-period';
import { ReportContext } from '../report-table';
import { DVCTT_COLUMNS, dvcttReport, DvcttUnit, Figures } from './dvctt.report';

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
    'growth.level3': { numerator: 7, denominator: 10, value: 20 / 3 },
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
    expect(table.columns).toHaveLength(30);
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
    expect(table.columns[13].label).toBe('Mức 3 trở lên (chỉ tiêu +7)');
    expect(table.columns[14].label).toBe('Mức 4 (chỉ tiêu +8)');
    // By name in Vietnamese order: Sở Tư pháp before Sở Xây dựng.
    expect(table.rows.map((row) => [row.key, row.cells[0], row.cells[1]])).toEqual([
      ['B', '1', 'Sở Tư pháp'],
      ['A', '2', 'Sở Xây dựng'],
    ]);
    expect(table.rows[1].cells.slice(2)).toEqual([
      10, 1, 2, 3, 4, 3, 3, 4, 30, 40, 70, 6.67, -2.5, 5, 7, 71.43, 2, 8, 25, 9, 12, 75, 1, 3, 33.33, 1, 20,
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
            'growth.level3': { numerator: 0, denominator: 0, value: null },
          },
        },
      ],
      scope: { key: 'province', name: 'Tỉnh Hòa An', procedures: noProcedures(), figures: {} },
      growthSince: '2025-12-14',
    });
    expect(table.rows[0].cells[10]).toBeNull();
    expect(table.rows[0].cells[13]).toBeNull();
    expect(table.rows[0].cells[2]).toBe(0);
  });
});
