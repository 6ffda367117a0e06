import type { Agency, Target } from '@dvc/catalogue';
import { childrenOf, judgeRow, leaderboardRows, targetForUnit, targetsWithOptions } from './leaderboard-rows';

const aTarget = (key: string, fields: Partial<Target> = {}): Target => ({
  id: key,
  key,
  indicatorId: 'dossiers.online',
  options: {},
  agencyCode: null,
  subtree: true,
  period: { kind: 'year' },
  comparator: '>=',
  threshold: 0.5,
  legalBasis: 'Quyết định 766/QĐ-TTg',
  activeFrom: '2026-01-01',
  activeTo: null,
  ...fields,
});
const anAgency = (code: string, fields: Partial<Agency> = {}): Agency => ({
  code,
  name: code,
  kind: 'department',
  parentCode: 'P',
  validFrom: '2020-01-01',
  validTo: null,
  ...fields,
});
const ratio = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});

describe('leaderboard rows', () => {
  const rows = (listed: string[] = []) =>
    leaderboardRows({
      groups: [
        { key: 'A', ...ratio(1, 4) },
        { key: 'B', ...ratio(3, 4) },
      ],
      series: [{ key: 'B', series: [ratio(1, 2), ratio(0, 0), ratio(2, 2)] }],
      sparklineDays: 3,
      listed,
      empty: ratio(0, 0),
      nameOf: (key) => (key === 'B' ? 'Sở Tư pháp' : null),
      targetOf: (key, figures) =>
        key === 'A'
          ? {
              key: 't',
              agencyCode: null,
              comparator: '>=',
              threshold: 0.5,
              status: 'at_risk',
              gap: (figures.value ?? 0) - 0.5,
              period: { from: '2026-01-01', to: '2026-12-31' },
            }
          : null,
    });

  it('ranks the groups highest first, each with its name, target and daily values', () => {
    const [first, second] = rows();
    expect(first).toEqual({
      key: 'B',
      name: 'Sở Tư pháp',
      numerator: 3,
      denominator: 4,
      value: 0.75,
      target: null,
      sparkline: [0.5, null, 1],
    });
    expect(second).toMatchObject({ key: 'A', name: null, target: { status: 'at_risk', gap: -0.25 } });
    // A group without a series (nothing in the last 30 days) has a line of nothing, not of zeros.
    expect(second.sparkline).toEqual([null, null, null]);
  });

  it('lists the child units without figures last, so a silent unit is seen', () => {
    expect(rows(['C', 'A']).map((row) => [row.key, row.value])).toEqual([
      ['B', 0.75],
      ['A', 0.25],
      ['C', null],
    ]);
  });
});

describe('the target a unit is judged against', () => {
  const province = aTarget('province');
  const scope = aTarget('scope', { agencyCode: 'S' });
  const own = aTarget('own', { agencyCode: 'U' });
  const ownAlone = aTarget('own-alone', { agencyCode: 'V', subtree: false });

  it('is its own, else the scope’s, else the province’s', () => {
    expect(targetForUnit([province, scope, own], 'U', 'S')).toBe(own);
    expect(targetForUnit([province, scope, own], 'W', 'S')).toBe(scope);
    expect(targetForUnit([province, own], 'W', null)).toBe(province);
    expect(targetForUnit([own], 'W', null)).toBeNull();
  });

  it('skips a unit’s target for the unit alone (the row counts its subtree)', () => {
    expect(targetForUnit([province, ownAlone], 'V', null)).toBe(province);
  });

  it('is one with the leaderboard’s indicator and exactly its options', () => {
    const level4 = aTarget('l4', { indicatorId: 'procedures.level_growth', options: { level: 4 } });
    const level3 = aTarget('l3', { indicatorId: 'procedures.level_growth', options: { level: 3 } });
    const variant = aTarget('v', { options: { denominator: 'online_procedures' } });
    expect(targetsWithOptions([level3, level4, province], 'procedures.level_growth', { level: 4 })).toEqual([
      level4,
    ]);
    expect(targetsWithOptions([variant, province], 'dossiers.online', {})).toEqual([province]);
  });
});

describe('judging a row', () => {
  const judge = (
    figures: ReturnType<typeof ratio>,
    today: string,
    lastYearDenominator: number | null = null,
  ) =>
    judgeRow({
      target: aTarget('t'),
      figures,
      lastYearDenominator,
      range: { from: '2026-01-01', to: '2026-12-31' },
      today,
      minSample: 30,
      unit: 'share',
      flow: true,
    });

  it('is met, at risk, missed or short of data by the target-status rules', () => {
    expect(judge(ratio(60, 100), '2026-12-02')).toMatchObject({ status: 'met', threshold: 0.5 });
    expect(judge(ratio(40, 100), '2026-06-30').status).toBe('at_risk');
    expect(judge(ratio(40, 100), '2027-01-05').status).toBe('missed');
    expect(judge(ratio(5, 10), '2026-12-02').status).toBe('not_enough_data');
    expect(judge(ratio(60, 100), '2026-12-02').gap).toBeCloseTo(0.1);
  });

  it('uses last year’s volume to see a target out of reach', () => {
    // 10 of 1000 so far; last year 1100: even all 100 remaining online gives 10%.
    expect(judge(ratio(10, 1000), '2026-12-02', 1100).status).toBe('missed');
    expect(judge(ratio(10, 1000), '2026-12-02').status).toBe('missed');
    expect(judge(ratio(450, 1000), '2026-06-30', null).status).toBe('at_risk');
  });
});

describe('the child units a leaderboard lists', () => {
  const agencies = [
    anAgency('P', { parentCode: null }),
    anAgency('OLD', { validTo: '2025-06-30' }),
    anAgency('NEW', { validFrom: '2025-07-01' }),
    anAgency('KEPT'),
    anAgency('GRANDCHILD', { parentCode: 'KEPT' }),
  ];
  const year = { from: '2025-01-01', to: '2025-12-31' };

  it('are those in force today in the current structure', () => {
    expect(childrenOf(agencies, 'P', 'current', year, '2026-12-02')).toEqual(['NEW', 'KEPT']);
  });

  it('are those in force on some day of the period as reported', () => {
    expect(childrenOf(agencies, 'P', 'reported', year, '2026-12-02')).toEqual(['OLD', 'NEW', 'KEPT']);
    expect(
      childrenOf(agencies, 'P', 'reported', { from: '2026-01-01', to: '2026-12-02' }, '2026-12-02'),
    ).toEqual(['NEW', 'KEPT']);
  });
});
