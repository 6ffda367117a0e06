import type { LeaderboardRow } from '../api/types';
import { leaderboardSortMark, nextLeaderboardSort, RANKED, sortLeaderboard } from './leaderboard-model';

const aRow = (key: string, fields: Partial<LeaderboardRow> = {}): LeaderboardRow => ({
  key,
  name: key,
  numerator: 1,
  denominator: 2,
  value: 0.5,
  target: null,
  sparkline: [],
  ...fields,
});
const aTarget = (status: 'met' | 'at_risk' | 'missed' | 'not_enough_data', gap: number | null) => ({
  key: 't',
  agencyCode: null,
  comparator: '>=' as const,
  threshold: 0.5,
  status,
  gap,
  period: { from: '2026-01-01', to: '2026-12-31' },
});
const keys = (rows: LeaderboardRow[]) => rows.map((row) => row.key);

describe('the leaderboard’s order', () => {
  const rows = [
    aRow('a', { name: 'Sở Tư pháp', value: 0.3, denominator: 90, target: aTarget('at_risk', -0.2) }),
    aRow('b', { name: 'Ủy ban xã An Bình', value: 0.8, denominator: 10, target: aTarget('met', 0.3) }),
    aRow('c', { name: 'Sở Xây dựng', value: null, denominator: 0, target: aTarget('not_enough_data', null) }),
    aRow('d', { name: 'Đài Phát thanh', value: 0.1, denominator: 40, target: aTarget('missed', -0.4) }),
  ];

  it('ranks highest value first, units without a value last in either direction', () => {
    expect(keys(sortLeaderboard(rows, RANKED, 'vi'))).toEqual(['b', 'a', 'd', 'c']);
    expect(keys(sortLeaderboard(rows, { column: 'value', descending: false }, 'vi'))).toEqual([
      'd',
      'a',
      'b',
      'c',
    ]);
  });

  it('sorts names the Vietnamese way (Đ after D, Ủ with U) and by status worst first', () => {
    expect(keys(sortLeaderboard(rows, { column: 'name', descending: false }, 'vi'))).toEqual([
      'd',
      'a',
      'c',
      'b',
    ]);
    expect(keys(sortLeaderboard(rows, { column: 'status', descending: false }, 'vi'))).toEqual([
      'd',
      'a',
      'b',
      'c',
    ]);
    expect(keys(sortLeaderboard(rows, { column: 'gap', descending: true }, 'en'))).toEqual([
      'b',
      'a',
      'd',
      'c',
    ]);
    expect(keys(sortLeaderboard(rows, { column: 'denominator', descending: true }, 'en'))).toEqual([
      'a',
      'd',
      'b',
      'c',
    ]);
  });

  it('keeps the API’s order for ties and rows without a target', () => {
    const tied = [aRow('x'), aRow('y'), aRow('z', { value: 0.9 })];
    expect(keys(sortLeaderboard(tied, RANKED, 'vi'))).toEqual(['z', 'x', 'y']);
    expect(keys(sortLeaderboard(tied, { column: 'status', descending: false }, 'vi'))).toEqual([
      'x',
      'y',
      'z',
    ]);
  });

  it('flips the same column and starts another where it reads best', () => {
    expect(nextLeaderboardSort(RANKED, 'value')).toEqual({ column: 'value', descending: false });
    expect(nextLeaderboardSort(RANKED, 'name')).toEqual({ column: 'name', descending: false });
    expect(nextLeaderboardSort(RANKED, 'gap')).toEqual({ column: 'gap', descending: true });
    expect(leaderboardSortMark(RANKED, 'value')).toBe('▼');
    expect(leaderboardSortMark({ column: 'name', descending: false }, 'name')).toBe('▲');
    expect(leaderboardSortMark(RANKED, 'name')).toBe('');
  });
});
