import {
  countProceduresAtLevel3,
  countProceduresAtLevel4,
  countProceduresOnline,
  levelGrowth,
} from './procedure-levels';
import { highestLevelsOn, OfferingLevelSpan } from '@dvc/indicators-reference';
import { previousDay } from '../local-calendar';

const OPEN = '2149-06-06';
const span = (
  procedureCode: string,
  agencyCode: string,
  level: number,
  validFrom: string,
  validTo = OPEN,
  portal = false,
): OfferingLevelSpan => ({ procedureCode, agencyCode, level, validFrom, validTo, portal });

// Two departments: S1 offers A (level 2, then 3 from 1 July 2026) and B (level 3, then 4 from 15 March 2026);
// S2 offers B at level 2 and C at level 4 (integrated with the national portal), and D at level 1 until
// D is abolished after 30 June 2026.
const spans = [
  span('A', 'S1', 2, '2024-01-01', '2026-06-30'),
  span('A', 'S1', 3, '2026-07-01'),
  span('B', 'S1', 3, '2024-01-01', '2026-03-14'),
  span('B', 'S1', 4, '2026-03-15'),
  span('B', 'S2', 2, '2024-01-01'),
  span('C', 'S2', 4, '2024-01-01', OPEN, true),
  span('D', 'S2', 1, '2024-01-01', '2026-06-30'),
];
const levels = (date: string, agencies: string[] | null = null) =>
  highestLevelsOn(spans, date, agencies && new Set(agencies)).map((p) => `${p.procedureCode}${p.level}`);

describe('procedure level indicators', () => {
  it('counts each procedure once, at its highest level among the offerings in scope', () => {
    // B: 4 at S1 beats 2 at S2.
    expect(levels('2026-06-30')).toEqual(['A2', 'B4', 'C4', 'D1']);
    // Within S2 alone, B is at level 2.
    expect(levels('2026-06-30', ['S2'])).toEqual(['B2', 'C4', 'D1']);
  });

  it('takes a level change from its first day: 30 June the old level, 1 July the new one', () => {
    expect(levels('2026-06-30', ['S1'])).toEqual(['A2', 'B4']);
    expect(levels('2026-07-01', ['S1'])).toEqual(['A3', 'B4']);
    expect(levels('2026-03-14', ['S1'])).toEqual(['A2', 'B3']);
  });

  it('leaves out procedures not yet or no longer in force', () => {
    expect(levels('2023-12-31')).toEqual([]);
    expect(levels('2026-07-01')).toEqual(['A3', 'B4', 'C4']);
  });

  it('computes the three shares by hand-checked counts', () => {
    // 30 June 2026: A2 B4 C4 D1 → online (≥3) 2 of 4, exactly 3: none, 4: 2 of 4.
    const june = highestLevelsOn(spans, '2026-06-30', null);
    expect(countProceduresOnline(june)).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(countProceduresAtLevel3(june)).toEqual({ numerator: 0, denominator: 4, value: 0 });
    expect(countProceduresAtLevel4(june)).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    // 1 July 2026: A3 B4 C4 → online 3 of 3, exactly 3: 1 of 3, 4: 2 of 3.
    const july = highestLevelsOn(spans, '2026-07-01', null);
    expect(countProceduresOnline(july)).toEqual({ numerator: 3, denominator: 3, value: 1 });
    expect(countProceduresAtLevel3(july)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(countProceduresAtLevel4(july)).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('reports no share for a scope without procedures', () => {
    expect(countProceduresOnline([])).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('reports the portal flag when any offering in scope is integrated', () => {
    expect(highestLevelsOn(spans, '2026-06-30', null).find((p) => p.procedureCode === 'C')?.portal).toBe(
      true,
    );
    expect(highestLevelsOn(spans, '2026-06-30', null).find((p) => p.procedureCode === 'B')?.portal).toBe(
      false,
    );
  });

  describe('yearly growth', () => {
    const endOf2025 = highestLevelsOn(spans, '2025-12-31', null); // A2 B3 C4 D1
    const endOf2026 = highestLevelsOn(spans, '2026-12-31', null); // A3 B4 C4

    it('level 4: 1 of 4 (25%) → 2 of 3 (66.67%), +41.67 points, B upgraded', () => {
      const growth = levelGrowth(endOf2025, endOf2026, 4);
      expect(growth.previous).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
      expect(growth.current).toMatchObject({ numerator: 2, denominator: 3 });
      expect(growth.percentagePoints).toBeCloseTo(41.6667, 4);
      expect(growth.upgraded).toBe(1);
    });

    it('level 3 counts 3 or above: 2 of 4 (50%) → 3 of 3 (100%), +50 points, A upgraded', () => {
      const growth = levelGrowth(endOf2025, endOf2026, 3);
      expect(growth.percentagePoints).toBe(50);
      // B went 3 → 4: still at level 3 or above, so neither a loss nor an upgrade to 3.
      expect(growth.upgraded).toBe(1);
    });

    it('is exact where floating point is not (3/5 − 1/2 = 10 points)', () => {
      const at = (...list: number[]) =>
        list.map((level, i) => ({ procedureCode: `P${i}`, level, portal: false }));
      expect(levelGrowth(at(3, 1), at(3, 3, 3, 1, 1), 3).percentagePoints).toBe(10);
    });

    it('does not count new procedures as upgrades, and has no growth without a start', () => {
      const growth = levelGrowth([], [{ procedureCode: 'N', level: 4, portal: false }], 4);
      expect(growth).toMatchObject({ upgraded: 0, percentagePoints: null });
    });
  });

  it('finds the day before a date across months, years and leap days', () => {
    expect([previousDay('2026-01-01'), previousDay('2028-03-01'), previousDay('2026-07-01')]).toEqual([
      '2025-12-31',
      '2028-02-29',
      '2026-06-30',
    ]);
  });
});
