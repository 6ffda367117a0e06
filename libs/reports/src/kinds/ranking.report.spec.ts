import { reportPeriod } from '../periods/report-period';
import { ReportContext } from '../report-table';
import { rankingReport, rankUnits, Ratio, UnitFigures } from './ranking.report';

const context: ReportContext = {
  period: reportPeriod('2026-Q1', 'calendar'),
  scope: { agency: null, agencyName: 'Tỉnh Hòa An' },
  reporter: 'Sở Thông tin và Truyền thông',
  recipient: 'Bộ Thông tin và Truyền thông',
  asOf: '2026-04-01T01:00:00.000Z',
};

const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});

const unit = (key: string, figures: UnitFigures['figures']): UnitFigures => ({
  key,
  name: `Đơn vị ${key}`,
  figures,
});

describe('ranking of child units (Decision 766 family)', () => {
  it('ranks each indicator highest first with shared ranks for ties, then overall by the mean rank', () => {
    const ranked = rankUnits([
      unit('A', { 'dossiers.online': ratio(5, 10), 'dossiers.on_time': ratio(9, 10) }),
      unit('B', { 'dossiers.online': ratio(8, 10), 'dossiers.on_time': ratio(9, 10) }),
      unit('C', { 'dossiers.online': ratio(1, 2), 'dossiers.on_time': ratio(5, 10) }),
    ]);
    expect(
      ranked.map((u) => [
        u.key,
        u.ranks['dossiers.online'],
        u.ranks['dossiers.on_time'],
        u.meanRank,
        u.position,
      ]),
    ).toEqual([
      ['B', 1, 1, 1, 1],
      ['A', 2, 1, 1.5, 2],
      ['C', 2, 3, 2.5, 3],
    ]);
  });

  it('leaves a unit unranked where it has no value, and last (by name) when it has none at all', () => {
    const ranked = rankUnits([
      unit('Z', {}),
      unit('Y', { 'dossiers.online': ratio(0, 0) }),
      unit('X', { 'dossiers.online': ratio(1, 4), 'payments.online': ratio(3, 4) }),
    ]);
    expect(ranked.map((u) => [u.key, u.position, u.meanRank])).toEqual([
      ['X', 1, 1],
      ['Y', null, null],
      ['Z', null, null],
    ]);
    expect(ranked[1].ranks['dossiers.online']).toBeNull();
  });

  it('shares the overall place between units with the same mean rank, named in Vietnamese order', () => {
    const ranked = rankUnits([
      unit('2', { 'dossiers.online': ratio(1, 2) }),
      unit('1', { 'dossiers.online': ratio(1, 2) }),
    ]);
    expect(ranked.map((u) => [u.key, u.position])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
  });

  it('lays the table out with counts, percent and rank per indicator, and the scope as the total', () => {
    const table = rankingReport(context, {
      units: [
        unit('A', { 'dossiers.online': ratio(1, 4), 'procedures.online': ratio(30, 40) }),
        unit('B', { 'dossiers.online': ratio(3, 4), 'procedures.online': ratio(10, 40) }),
      ],
      scope: { 'dossiers.online': ratio(4, 8), 'procedures.online': ratio(40, 80) },
    });
    expect(table.columns).toHaveLength(3 + 4 * 4);
    expect(table.columns.slice(3, 7).map((c) => `${c.group}/${c.label}`)).toEqual([
      'Hồ sơ trực tuyến/Số',
      'Hồ sơ trực tuyến/Tổng số',
      'Hồ sơ trực tuyến/Tỷ lệ (%)',
      'Hồ sơ trực tuyến/Hạng',
    ]);
    // Both rank 1.5 on average: shared first place, by name.
    expect(table.rows.map((row) => row.cells.slice(0, 11))).toEqual([
      ['1', 'Đơn vị A', 1.5, 1, 4, 25, 2, 30, 40, 75, 1],
      ['1', 'Đơn vị B', 1.5, 3, 4, 75, 1, 10, 40, 25, 2],
    ]);
    expect(table.rows.map((row) => row.key)).toEqual(['A', 'B']);
    expect(table.total.cells.slice(0, 7)).toEqual(['', 'Toàn phạm vi: Tỉnh Hòa An', null, 4, 8, 50, null]);
    // An indicator without figures shows zeros and no share, not a made-up 0%.
    expect(table.rows[0].cells.slice(11, 15)).toEqual([0, 0, null, null]);
    expect(table.notes.at(-1)).toContain('01/04/2026 08:00:00');
  });
});
