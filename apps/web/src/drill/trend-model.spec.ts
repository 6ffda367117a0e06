import type { IndicatorAnswer } from '../api/types';
import { bucketLabel, chartValue, trendPoints, trendUnitOf } from './trend-model';

const answer = (groups: IndicatorAnswer['groups']): IndicatorAnswer => ({
  indicator: 'dossiers.online',
  unit: 'share',
  period: { from: '2026-11-03', to: '2026-12-02' },
  asOf: null,
  numerator: 3,
  denominator: 4,
  value: 0.75,
  groups,
});

describe('a trend', () => {
  it('labels days, weeks and months in each language', () => {
    expect(bucketLabel('2026-12-02', 'day', 'vi')).toBe('02/12');
    expect(bucketLabel('2026-W05', 'week', 'vi')).toBe('Tuần 5');
    expect(bucketLabel('2026-W49', 'week', 'en')).toBe('Week 49');
    expect(bucketLabel('2026-03', 'month', 'en')).toBe('03/2026');
  });

  it('has a point per bucket with its counts, none left out', () => {
    const points = trendPoints(
      answer([
        {
          key: '2026-12-01',
          from: '2026-12-01',
          to: '2026-12-01',
          numerator: 0,
          denominator: 0,
          value: null,
        },
        {
          key: '2026-12-02',
          from: '2026-12-02',
          to: '2026-12-02',
          numerator: 3,
          denominator: 4,
          value: 0.75,
        },
      ]),
      'day',
      'vi',
    );
    expect(points).toEqual([
      { key: '2026-12-01', label: '01/12', value: null, numerator: 0, denominator: 0 },
      { key: '2026-12-02', label: '02/12', value: 0.75, numerator: 3, denominator: 4 },
    ]);
    expect(trendPoints(answer(undefined), 'day', 'en')).toEqual([]);
  });

  it('plots shares in percent and other units as they are', () => {
    expect(chartValue(0.5234, 'share')).toBe(52.3);
    expect(chartValue(12, 'count')).toBe(12);
    expect(chartValue(null, 'share')).toBeNull();
  });

  it('reads the step from the address, a day by default', () => {
    expect(trendUnitOf('week')).toBe('week');
    expect(trendUnitOf('year')).toBe('day');
    expect(trendUnitOf(null)).toBe('day');
  });
});
