import { RollupPair } from '@dvc/catalogue';
import { countProceduresByLevel, OfferedProcedures, OfferingLevelStretch } from './procedures-by-level';

/*
 * Province P with departments S1 (and its unit S1a under it) and S2; lineage restates S2 to S1 today.
 */
const P = 'P';
const reported = (agencyCode: string, chain: string[]): RollupPair[] =>
  chain.map((ancestorCode, distance) => ({ structure: 'reported', ancestorCode, agencyCode, distance }));
const current = (agencyCode: string, chain: string[]): RollupPair[] =>
  chain.map((ancestorCode, distance) => ({ structure: 'current', ancestorCode, agencyCode, distance }));

const stretch = (
  procedureCode: string,
  agencyCode: string,
  level: number,
  mode: OfferingLevelStretch['mode'],
  validFrom = '2026-01-01',
  validTo = '2149-06-06',
): OfferingLevelStretch => ({ procedureCode, agencyCode, level, mode, validFrom, validTo });

const catalogue = (levels: OfferingLevelStretch[]): OfferedProcedures => ({
  agencyCodes: [P, 'S1', 'S1a', 'S2'],
  rollup: [
    ...reported(P, [P]),
    ...reported('S1', ['S1', P]),
    ...reported('S1a', ['S1a', 'S1', P]),
    ...reported('S2', ['S2', P]),
    ...current(P, [P]),
    ...current('S1', ['S1', P]),
    ...current('S1a', ['S1a', 'S1', P]),
    ...current('S2', ['S1', P]),
  ],
  levels,
});

const DAY = '2026-03-31';

describe('procedures in force by level and mode, per child unit', () => {
  it('counts each procedure once per group at its highest level and fullest mode, and once in the total', () => {
    const counts = countProceduresByLevel(
      catalogue([
        stretch('1.000001', 'S1', 2, 'none'),
        stretch('1.000001', 'S1a', 4, 'partial'),
        stretch('1.000002', 'S1a', 3, 'full'),
        stretch('1.000001', 'S2', 1, 'none'),
        stretch('1.000003', 'S2', 3, 'partial'),
        stretch('1.000004', P, 2, 'none'),
      ]),
      { agency: P, structure: 'reported', day: DAY },
    );
    expect(Object.fromEntries(counts.groups)).toEqual({
      S1: { total: 2, byLevel: { 1: 0, 2: 0, 3: 1, 4: 1 }, byMode: { none: 0, partial: 1, full: 1 } },
      S2: { total: 2, byLevel: { 1: 1, 2: 0, 3: 1, 4: 0 }, byMode: { none: 1, partial: 1, full: 0 } },
      // The scope agency's own offerings are its own group.
      P: { total: 1, byLevel: { 1: 0, 2: 1, 3: 0, 4: 0 }, byMode: { none: 1, partial: 0, full: 0 } },
    });
    expect(counts.total).toEqual({
      total: 4,
      byLevel: { 1: 0, 2: 1, 3: 2, 4: 1 },
      byMode: { none: 1, partial: 2, full: 1 },
    });
  });

  it('takes the level in force on the day: a change takes effect on its date, an ended stretch is gone', () => {
    const levels = [
      stretch('1.000001', 'S1', 2, 'none', '2026-01-01', '2026-03-30'),
      stretch('1.000001', 'S1', 4, 'full', '2026-03-31'),
      stretch('1.000002', 'S1', 3, 'partial', '2026-01-01', '2026-02-28'),
      stretch('1.000003', 'S1', 3, 'partial', '2026-04-01'),
    ];
    const onDay = (day: string) =>
      countProceduresByLevel(catalogue(levels), { agency: P, structure: 'reported', day }).groups.get('S1');
    expect(onDay('2026-03-31')).toEqual({
      total: 1,
      byLevel: { 1: 0, 2: 0, 3: 0, 4: 1 },
      byMode: { none: 0, partial: 0, full: 1 },
    });
    expect(onDay('2026-03-30')?.byLevel).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0 });
    expect(onDay('2026-02-28')?.total).toBe(2);
  });

  it('groups under the scope’s child units, by the chosen structure, and keeps to the scope', () => {
    const levels = [stretch('1.000001', 'S1a', 3, 'partial'), stretch('1.000002', 'S2', 4, 'full')];
    const bySubtree = countProceduresByLevel(catalogue(levels), {
      agency: 'S1',
      structure: 'reported',
      day: DAY,
    });
    expect([...bySubtree.groups.keys()]).toEqual(['S1a']);
    expect(bySubtree.total.total).toBe(1);
    // Today S2 is restated to S1: its offering counts under S1 (as S1's own).
    const restated = countProceduresByLevel(catalogue(levels), { agency: P, structure: 'current', day: DAY });
    expect([...restated.groups.keys()]).toEqual(['S1']);
    expect(restated.groups.get('S1')?.total).toBe(2);
    const underS1 = countProceduresByLevel(catalogue(levels), {
      agency: 'S1',
      structure: 'current',
      day: DAY,
    });
    expect(Object.fromEntries([...underS1.groups].map(([key, counts]) => [key, counts.total]))).toEqual({
      S1a: 1,
      S1: 1,
    });
  });

  it('without an agency, groups by the top of each chain; a unit outside the catalogue is its own group', () => {
    const levels = [stretch('1.000001', 'S1a', 3, 'partial'), stretch('1.000002', 'X', 1, 'none')];
    const province = countProceduresByLevel(catalogue(levels), {
      agency: null,
      structure: 'reported',
      day: DAY,
    });
    expect(Object.fromEntries([...province.groups].map(([key, counts]) => [key, counts.total]))).toEqual({
      P: 1,
      X: 1,
    });
    const unknown = countProceduresByLevel(catalogue(levels), {
      agency: 'X',
      structure: 'reported',
      day: DAY,
    });
    expect(unknown.total.byLevel[1]).toBe(1);
    expect([...unknown.groups.keys()]).toEqual(['X']);
  });
});
