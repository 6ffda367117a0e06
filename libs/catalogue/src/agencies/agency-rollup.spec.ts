import { agencyRollup, findParentCycle, restateToCurrent, RollupPair } from './agency-rollup';

// Province P; department S; district D with communes C1, C2 (reported until 30 June 2025). From 1 July 2025
// the district is gone: C1 and C2 merge into the new commune N, directly under the province.
const unit = (code: string, parentCode: string | null) => ({ code, parentCode });
const agencies = [
  unit('P', null),
  unit('S', 'P'),
  unit('D', 'P'),
  unit('C1', 'D'),
  unit('C2', 'D'),
  unit('N', 'P'),
];
const lineage = [
  { fromCode: 'C1', toCode: 'N', effectiveDate: '2025-07-01' },
  { fromCode: 'C2', toCode: 'N', effectiveDate: '2025-07-01' },
  { fromCode: 'D', toCode: 'P', effectiveDate: '2025-07-01' },
];
const under = (pairs: RollupPair[], structure: RollupPair['structure'], ancestor: string) =>
  pairs
    .filter((pair) => pair.structure === structure && pair.ancestorCode === ancestor)
    .map((pair) => pair.agencyCode)
    .sort();

describe('agency rollup', () => {
  const pairs = agencyRollup(agencies, lineage);

  it('rolls the reported structure up through three levels, each unit under itself', () => {
    expect(under(pairs, 'reported', 'P')).toEqual(['C1', 'C2', 'D', 'N', 'P', 'S']);
    expect(under(pairs, 'reported', 'D')).toEqual(['C1', 'C2', 'D']);
    expect(under(pairs, 'reported', 'C1')).toEqual(['C1']);
    expect(under(pairs, 'reported', 'N')).toEqual(['N']);
  });

  it('restates old units to their successors in the current structure', () => {
    expect(under(pairs, 'current', 'N')).toEqual(['C1', 'C2', 'N']);
    expect(under(pairs, 'current', 'P')).toEqual(['C1', 'C2', 'D', 'N', 'P', 'S']);
    // The district no longer exists today: nothing is restated to it, not even its own figures.
    expect(under(pairs, 'current', 'D')).toEqual([]);
  });

  it('restates a parent too: the units of a merged province count under the province it joined', () => {
    // Provinces P1 and P2 merge into P2 on 1 July 2025. P1's department S1 and its district D (with commune C3)
    // carry on unchanged, with no lineage links of their own: today they belong to P2 all the same.
    const merged = agencyRollup(
      [unit('P1', null), unit('P2', null), unit('S1', 'P1'), unit('D', 'P1'), unit('C3', 'D')],
      [{ fromCode: 'P1', toCode: 'P2', effectiveDate: '2025-07-01' }],
    );
    expect(under(merged, 'current', 'P2')).toEqual(['C3', 'D', 'P1', 'P2', 'S1']);
    expect(under(merged, 'current', 'P1')).toEqual([]);
    expect(under(merged, 'current', 'D')).toEqual(['C3', 'D']);
    expect(under(merged, 'reported', 'P2')).toEqual(['P2']);
    expect(under(merged, 'reported', 'P1')).toEqual(['C3', 'D', 'P1', 'S1']);
  });

  it('follows lineage chains and picks one successor for a split', () => {
    const current = restateToCurrent(
      [unit('A', null), unit('B', null), unit('C', null), unit('X', null), unit('Y', null)],
      [
        { fromCode: 'A', toCode: 'B', effectiveDate: '2020-01-01' },
        { fromCode: 'B', toCode: 'C', effectiveDate: '2025-07-01' },
        { fromCode: 'X', toCode: 'Y', effectiveDate: '2025-07-01' },
        { fromCode: 'X', toCode: 'C', effectiveDate: '2025-07-01' },
      ],
    );
    expect(Object.fromEntries(current)).toEqual({ A: 'C', B: 'C', C: 'C', X: 'C', Y: 'Y' });
  });

  it('survives lineage loops and parent loops without hanging', () => {
    const current = restateToCurrent(
      [unit('A', null), unit('B', null)],
      [
        { fromCode: 'A', toCode: 'B', effectiveDate: '2020-01-01' },
        { fromCode: 'B', toCode: 'A', effectiveDate: '2021-01-01' },
      ],
    );
    expect(current.get('A')).toBe('B');
    expect(agencyRollup([unit('A', 'B'), unit('B', 'A')], []).length).toBe(8);
  });

  it('finds a loop of parents', () => {
    expect(findParentCycle(agencies)).toBeNull();
    expect(findParentCycle([unit('A', 'B'), unit('B', 'C'), unit('C', 'A')])).toEqual(['A', 'B', 'C', 'A']);
  });
});
