import type { Levers } from '../api/types';
import { formatPoints, formatShare } from '../format/format';
import { barWidth, leversHeadline } from './levers-model';

const lever = (procedureCode: string, missing: number, cumulativePoints: number, shareIfPulled: number) => ({
  procedureCode,
  procedureName: null,
  field: null,
  dossiers: missing + 1,
  meeting: 1,
  missing,
  gainPoints: missing,
  cumulativePoints,
  shareIfPulled,
});

const answer = (levers: Levers['levers']): Levers => ({
  indicator: 'dossiers.online',
  scope: { agency: null, structure: 'reported' },
  period: { from: '2026-01-01', to: '2026-03-31' },
  asOf: null,
  share: { numerator: 30, denominator: 100, value: 0.3 },
  totalLevers: levers.length,
  levers,
});

describe('levers page model', () => {
  it('says where the levers shown would take the scope', () => {
    const headline = leversHeadline(answer([lever('A', 18, 18, 0.48), lever('B', 10, 28, 0.58)]));
    expect(headline).toEqual({ share: 0.3, shown: 2, shareIfShownPulled: 0.58, pointsIfShownPulled: 28 });
    expect(formatShare(headline.shareIfShownPulled, 'vi')).toBe('58,0%');
    expect(formatPoints(headline.pointsIfShownPulled, 'vi')).toBe('+28,0 điểm %');
    expect(formatPoints(headline.pointsIfShownPulled, 'en')).toBe('+28.0 pp');
  });

  it('has nothing to promise without levers', () => {
    expect(leversHeadline(answer([]))).toEqual({
      share: 0.3,
      shown: 0,
      shareIfShownPulled: null,
      pointsIfShownPulled: 0,
    });
  });

  it('draws bars against the largest lever, never past the full width', () => {
    expect(barWidth(18, 18)).toBe(100);
    expect(barWidth(9, 18)).toBe(50);
    expect(barWidth(0, 18)).toBe(0);
    expect(barWidth(5, 0)).toBe(0);
    expect(barWidth(20, 18)).toBe(100);
  });
});
