import { OPEN_END } from '../catalogue-date';
import { levelIntervals } from './offering-intervals';
import { LevelChange } from './procedure.schema';

const change = (effectiveFrom: string, level: number, extra: Partial<LevelChange> = {}): LevelChange => ({
  procedureCode: '1.004227',
  agencyCode: '000.00.12.H12',
  effectiveFrom,
  level,
  mode: level === 4 ? 'full' : level === 3 ? 'partial' : 'none',
  portal: false,
  fee: true,
  ...extra,
});
const history = (levels: LevelChange[], ends: (string | null)[] = []) => ({
  procedureCode: '1.004227',
  agencyCode: '000.00.12.H12',
  levels,
  ends,
});
const spans = (levels: LevelChange[], ends: (string | null)[] = []) =>
  levelIntervals(history(levels, ends)).map(({ level, validFrom, validTo }) => [level, validFrom, validTo]);

describe('offering level intervals', () => {
  it('holds a level from its date to the day before the next change, whatever the input order', () => {
    expect(spans([change('2026-07-01', 4), change('2024-01-01', 2), change('2025-03-01', 3)])).toEqual([
      [2, '2024-01-01', '2025-02-28'],
      [3, '2025-03-01', '2026-06-30'],
      [4, '2026-07-01', OPEN_END],
    ]);
  });

  it('crosses leap days and year ends correctly', () => {
    expect(spans([change('2028-01-01', 2), change('2028-03-01', 3)])[0]).toEqual([
      2,
      '2028-01-01',
      '2028-02-29',
    ]);
    expect(spans([change('2025-06-01', 2), change('2026-01-01', 3)])[0]).toEqual([
      2,
      '2025-06-01',
      '2025-12-31',
    ]);
  });

  it('ends every interval at the earliest end of offering, procedure and agency', () => {
    expect(
      spans([change('2024-01-01', 3), change('2026-01-01', 4)], [null, '2025-06-30', '2027-01-01']),
    ).toEqual([[3, '2024-01-01', '2025-06-30']]);
  });

  it('keeps a change that takes effect on the last day', () => {
    expect(spans([change('2024-01-01', 3), change('2025-06-30', 4)], ['2025-06-30'])).toEqual([
      [3, '2024-01-01', '2025-06-29'],
      [4, '2025-06-30', '2025-06-30'],
    ]);
  });

  it('carries mode, portal and fee with each level', () => {
    const [interval] = levelIntervals(history([change('2024-01-01', 4, { portal: true, fee: false })]));
    expect(interval).toMatchObject({ mode: 'full', portal: true, fee: false });
  });

  it('has no interval without a level', () => {
    expect(levelIntervals(history([]))).toEqual([]);
  });
});
