import { IndicatorsService } from '@dvc/indicators';
import {
  presentIndicator,
  presentRequiredShare,
  presentValue,
  rankGroups,
  roundPercent,
} from './indicator-presentation';

describe('indicator presentation', () => {
  const online = IndicatorsService.definitions.find((definition) => definition.id === 'dossiers.online')!;

  it('names the indicator and writes a share as officials do, keeping nothing but the rounding', () => {
    expect(presentIndicator(online, 0.28619554108785344)).toEqual({
      nameVi: 'Tỷ lệ hồ sơ trực tuyến',
      nameEn: 'Share of dossiers received online',
      percent: 28.62,
      display: '28,62%',
    });
    expect(presentValue('share', 0.5)).toEqual({ percent: 50, display: '50%' });
    expect(presentValue('share', 1)).toEqual({ percent: 100, display: '100%' });
    expect(presentValue('share', null)).toEqual({ percent: null, display: null });
    expect(presentValue('count', 42)).toEqual({ percent: null, display: null });
    expect(presentValue('percentage_points', 3.456)).toEqual({ percent: 3.46, display: '+3,46 điểm %' });
    expect(presentValue('percentage_points', -1.2)).toEqual({ percent: -1.2, display: '-1,2 điểm %' });
  });

  it('rounds half away from zero on the decimal value, not on its binary approximation', () => {
    expect(roundPercent(28.5)).toBe(28.5);
    expect(roundPercent(0.285 * 100)).toBe(28.5);
    expect(roundPercent(1.005)).toBe(1.01);
    expect(roundPercent(98.525)).toBe(98.53);
    expect(roundPercent(-0.125)).toBe(-0.13);
    expect(roundPercent(99.994)).toBe(99.99);
    expect(roundPercent(99.995)).toBe(100);
    expect(roundPercent(1e-7)).toBe(0);
  });

  it('says "not reachable" and "already met" where a share of the remaining does not decide', () => {
    expect(presentRequiredShare(1.434, '>=')).toEqual({
      verdict: 'not_reachable',
      display: 'không thể đạt (not reachable)',
    });
    expect(presentRequiredShare(-0.21, '>=')).toEqual({
      verdict: 'already_met',
      display: 'đã đạt (already met)',
    });
    expect(presentRequiredShare(0, '>')).toMatchObject({ verdict: 'already_met' });
    expect(presentRequiredShare(1, '>=')).toEqual({ verdict: 'reachable', display: '100%' });
    expect(presentRequiredShare(0.6254, '>=')).toEqual({ verdict: 'reachable', display: '62,54%' });
    // At most targets: the largest share of the remaining that may count.
    expect(presentRequiredShare(-0.1, '<=')).toMatchObject({ verdict: 'not_reachable' });
    expect(presentRequiredShare(1.2, '<')).toMatchObject({ verdict: 'already_met' });
    expect(presentRequiredShare(0.05, '<=')).toEqual({ verdict: 'reachable', display: '5%' });
  });

  it('ranks a leaderboard best first, sharing places on ties, groups without a value last', () => {
    const groups = [
      { key: 'A', value: 0.5 },
      { key: 'B', value: null },
      { key: 'C', value: 0.9 },
      { key: 'D', value: 0.5 },
      { key: 'E', value: 0.1 },
    ];
    expect(rankGroups('dossiers.on_time', groups).map(({ key, rank }) => [key, rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['D', 2],
      ['E', 4],
      ['B', null],
    ]);
    // A backlog: the smallest share overdue is the best.
    expect(rankGroups('dossiers.overdue', groups).map(({ key }) => key)).toEqual(['E', 'A', 'D', 'C', 'B']);
  });
});
