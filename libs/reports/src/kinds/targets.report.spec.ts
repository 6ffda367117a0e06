import { TargetStatusEntry } from '@dvc/target-status';
import { reportPeriod } from '../periods/report-period';
import { ReportContext } from '../report-table';
import { IndicatorLabel, targetsReport } from './targets.report';

const context: ReportContext = {
  period: reportPeriod('2026-03', 'calendar'),
  scope: { agency: null, agencyName: 'Tỉnh Hòa An' },
  reporter: 'Sở Thông tin và Truyền thông',
  recipient: 'Văn phòng UBND tỉnh',
  asOf: '2026-04-01T01:00:00.000Z',
};

const entry = (fields: {
  key: string;
  indicatorId: string;
  agency: string | null;
  threshold: number;
  actual: number | null;
  status: TargetStatusEntry['status'];
  figures: { numerator: number; denominator: number | null } | null;
  projected?: number;
}): TargetStatusEntry =>
  ({
    status: fields.status,
    actual: fields.actual,
    threshold: fields.threshold,
    gap: fields.actual === null ? null : fields.actual - fields.threshold,
    periodState: 'running',
    elapsedDays: 90,
    totalDays: 365,
    projection:
      fields.projected === undefined
        ? null
        : {
            expectedDenominator: 100,
            basis: 'last_year',
            remainingDenominator: 60,
            projectedNumerator: 30,
            projectedValue: fields.projected,
            requiredShareOfRemaining: 0.5,
            reachable: true,
          },
    target: {
      id: fields.key,
      key: fields.key,
      indicatorId: fields.indicatorId,
      options: {},
      agencyCode: fields.agency,
      subtree: true,
      period: { kind: 'year' },
      comparator: '>=',
      threshold: fields.threshold,
      legalBasis: 'Quyết định 766/QĐ-TTg',
      activeFrom: '2022-01-01',
      activeTo: null,
    },
    evaluatedFor: { agency: fields.agency, subtree: true, from: '2026-01-01', to: '2026-12-31' },
    figures: fields.figures && { ...fields.figures, value: fields.actual },
    lastYear: null,
    required: null,
  }) as TargetStatusEntry;

const labels: Record<string, IndicatorLabel> = {
  'dossiers.online': { nameVi: 'Tỷ lệ hồ sơ trực tuyến', unit: 'share' },
  'procedures.level_growth': { nameVi: 'Tăng trưởng mức độ 3, 4', unit: 'percentage_points' },
};

describe('targets report', () => {
  const table = targetsReport(context, {
    entries: [
      entry({
        key: 'online-2026',
        indicatorId: 'dossiers.online',
        agency: null,
        threshold: 0.5,
        actual: 0.4123,
        status: 'at_risk',
        figures: { numerator: 4123, denominator: 10000 },
        projected: 0.45,
      }),
      entry({
        key: 'growth-2026',
        indicatorId: 'procedures.level_growth',
        agency: '000.00.12.H99',
        threshold: 7,
        actual: 8.5,
        status: 'met',
        figures: { numerator: 12, denominator: 140 },
      }),
      entry({
        key: 'empty',
        indicatorId: 'dossiers.online',
        agency: null,
        threshold: 0.3,
        actual: null,
        status: 'not_enough_data',
        figures: null,
      }),
    ],
    labelOf: (id) => labels[id],
    agencyName: (code) => (code === null ? 'Tỉnh Hòa An' : 'Sở Tư pháp'),
  });

  it('writes one row per target: shares in percent, points as points, the status in words', () => {
    expect(table.rows.map((row) => row.key)).toEqual(['online-2026', 'growth-2026', 'empty']);
    expect(table.rows[0].cells).toEqual([
      '1',
      'Tỷ lệ hồ sơ trực tuyến',
      'Quyết định 766/QĐ-TTg',
      'Tỉnh Hòa An',
      '01/01/2026 - 31/12/2026',
      'Tối thiểu (%)',
      50,
      4123,
      10000,
      41.23,
      -8.77,
      45,
      'Có nguy cơ không đạt',
    ]);
    expect(table.rows[1].cells.slice(3, 13)).toEqual([
      'Sở Tư pháp',
      '01/01/2026 - 31/12/2026',
      'Tối thiểu (điểm %)',
      7,
      12,
      140,
      8.5,
      1.5,
      null,
      'Đạt',
    ]);
    expect(table.rows[2].cells.slice(7, 13)).toEqual([null, null, null, null, null, 'Chưa đủ dữ liệu']);
  });

  it('counts the targets in the total row and by status in the notes', () => {
    expect(table.columns).toHaveLength(table.rows[0].cells.length);
    expect(table.total.cells).toHaveLength(table.columns.length);
    expect(table.total.cells[1]).toBe('Tổng số: 3 chỉ tiêu');
    expect(table.notes[0]).toBe('Đạt: 1; có nguy cơ không đạt: 1; không đạt: 0; chưa đủ dữ liệu: 1.');
  });
});
