import { targetEvaluationPeriod } from './target-evaluation-period';

describe('the period a target is judged over', () => {
  const year2026 = { from: '2026-01-01', to: '2026-12-31' };

  it('is the running year, quarter or month around today while the asked period runs', () => {
    expect(targetEvaluationPeriod({ kind: 'year' }, year2026, '2026-11-30')).toEqual(year2026);
    expect(targetEvaluationPeriod({ kind: 'quarter' }, year2026, '2026-11-30')).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(targetEvaluationPeriod({ kind: 'month' }, year2026, '2026-02-10')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('looks at the last day of a period that has ended, and the first of one not begun', () => {
    const year2025 = { from: '2025-01-01', to: '2025-12-31' };
    expect(targetEvaluationPeriod({ kind: 'quarter' }, year2025, '2026-11-30')).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(
      targetEvaluationPeriod({ kind: 'month' }, { from: '2027-01-01', to: '2027-12-31' }, '2026-11-30'),
    ).toEqual({ from: '2027-01-01', to: '2027-01-31' });
  });

  it('ends a rolling window on the day looked at, that day included', () => {
    expect(targetEvaluationPeriod({ kind: 'rolling', days: 30 }, year2026, '2026-03-01')).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    });
    expect(targetEvaluationPeriod({ kind: 'rolling', days: 1 }, year2026, '2026-03-01')).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });

  it('knows leap years and quarter ends', () => {
    const year2028 = { from: '2028-01-01', to: '2028-12-31' };
    expect(targetEvaluationPeriod({ kind: 'month' }, year2028, '2028-02-29').to).toBe('2028-02-29');
    expect(targetEvaluationPeriod({ kind: 'quarter' }, year2028, '2028-06-30')).toEqual({
      from: '2028-04-01',
      to: '2028-06-30',
    });
  });
});
