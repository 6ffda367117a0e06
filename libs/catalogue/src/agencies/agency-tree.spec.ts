import { AgencyTree } from './agency-tree';

// Province P; department S; district D with communes C1, C2. From 1 July 2025 the district is gone: C1 and C2
// merge into the new commune N under the province. Province Q (department QS) merges into P the same day.
const unit = (code: string, parentCode: string | null) => ({ code, parentCode });
const link = (fromCode: string, toCode: string, effectiveDate: string) => ({
  fromCode,
  toCode,
  effectiveDate,
});
const tree = new AgencyTree(
  [
    unit('P', null),
    unit('S', 'P'),
    unit('D', 'P'),
    unit('C1', 'D'),
    unit('C2', 'D'),
    unit('N', 'P'),
    unit('Q', null),
    unit('QS', 'Q'),
  ],
  [
    link('C1', 'N', '2025-07-01'),
    link('C2', 'N', '2025-07-01'),
    link('D', 'P', '2025-07-01'),
    link('Q', 'P', '2025-07-01'),
  ],
);
const BEFORE = '2025-06-30';
const AFTER = '2025-07-01';

describe('AgencyTree.countsUnder', () => {
  it('counts a unit under itself and its parents, on any day', () => {
    for (const day of [BEFORE, AFTER]) {
      expect(['C1', 'D', 'P'].map((root) => tree.countsUnder('C1', root, day))).toEqual([true, true, true]);
      expect(tree.countsUnder('S', 'D', day)).toBe(false);
      expect(tree.countsUnder('D', 'C1', day)).toBe(false);
    }
  });

  it('counts a merged unit under the unit that took it over from the merger on, not before', () => {
    expect(tree.countsUnder('C1', 'N', BEFORE)).toBe(false);
    expect(tree.countsUnder('C1', 'N', AFTER)).toBe(true);
    // Reported under its own parent for life.
    expect(tree.countsUnder('C1', 'D', AFTER)).toBe(true);
  });

  it('counts a unit whose parent merged under the parent’s successor from that day', () => {
    expect(tree.countsUnder('QS', 'P', BEFORE)).toBe(false);
    expect(tree.countsUnder('QS', 'P', AFTER)).toBe(true);
    expect(tree.countsUnder('QS', 'Q', AFTER)).toBe(true);
  });

  it('counts a code the catalogue does not know under itself only', () => {
    expect(tree.countsUnder('Z', 'P', AFTER)).toBe(false);
    expect(tree.countsUnder('Z', 'Z', AFTER)).toBe(true);
  });

  it('reads codes in any spelling', () => {
    const coded = new AgencyTree([unit('000.00.30.H12', null), unit('000.01.30.H12', '000.00.30.H12')], []);
    expect(coded.countsUnder('000.01.30.h12', '000.00.30.h12 ', AFTER)).toBe(true);
  });
});

describe('AgencyTree.restatedOn', () => {
  it('follows links in effect by the day, through several, the latest first, then the lowest code', () => {
    const history = new AgencyTree(
      [unit('X', null), unit('Y', null), unit('Z', null), unit('A', null), unit('B', null)],
      [
        link('X', 'Y', '2024-01-01'),
        link('Y', 'Z', '2025-01-01'),
        link('W', 'B', '2024-01-01'),
        link('W', 'A', '2024-01-01'),
        link('V', 'A', '2024-01-01'),
        link('V', 'B', '2025-01-01'),
      ],
    );
    expect(['2023-12-31', '2024-06-01', '2025-06-01'].map((day) => history.restatedOn('X', day))).toEqual([
      'X',
      'Y',
      'Z',
    ]);
    expect(history.restatedOn('W', '2024-06-01')).toBe('A');
    expect(['2024-06-01', '2025-06-01'].map((day) => history.restatedOn('V', day))).toEqual(['A', 'B']);
  });

  it('stops on a loop of links', () => {
    const looped = new AgencyTree([], [link('X', 'Y', '2024-01-01'), link('Y', 'X', '2024-01-01')]);
    expect(looped.restatedOn('X', '2025-01-01')).toBe('Y');
  });
});
