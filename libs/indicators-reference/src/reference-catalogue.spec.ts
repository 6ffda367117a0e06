import {
  agencyChain,
  agencyScope,
  indexCatalogue,
  levelAtReceipt,
  proceduresInForce,
  restatedCode,
  successorLinks,
} from './reference-catalogue';
import { MERGER, catalogue, span } from './reference-test-builders';

describe('reference catalogue: structures and scopes', () => {
  it('restates a unit along lineage: latest link first, ties to the lowest code, chains followed', () => {
    const successors = successorLinks([
      // Q2 went to Q8 in 2024, then to Q9 in 2025: the latest link wins.
      { fromCode: 'Q2', toCode: 'Q8', effectiveDate: '2024-01-01' },
      { fromCode: 'Q2', toCode: 'Q9', effectiveDate: '2025-07-01' },
      // Same day to two units: the lowest code wins.
      { fromCode: 'Q3', toCode: 'Q9', effectiveDate: '2025-07-01' },
      { fromCode: 'Q3', toCode: 'Q8', effectiveDate: '2025-07-01' },
      // Q0 → Q1 → Q9: followed to the end.
      { fromCode: 'Q0', toCode: 'Q1', effectiveDate: '2020-01-01' },
      { fromCode: 'Q1', toCode: 'Q9', effectiveDate: '2025-07-01' },
    ]);
    expect(['Q2', 'Q3', 'Q0', 'Q9', 'S1'].map((code) => restatedCode(code, successors))).toEqual([
      'Q9',
      'Q8',
      'Q9',
      'Q9',
      'S1',
    ]);
  });

  it('stops a lineage loop before revisiting a unit', () => {
    // A → B → A: from A the walk reaches B and stops; from B it reaches A.
    const successors = new Map([
      ['A', 'B'],
      ['B', 'A'],
    ]);
    expect([restatedCode('A', successors), restatedCode('B', successors)]).toEqual(['B', 'A']);
    expect(restatedCode('C', new Map([['C', 'C']]))).toBe('C');
  });

  it('builds chains: reported by parents, current by restating each parent, loops cut', () => {
    const index = indexCatalogue(catalogue({ lineage: MERGER }));
    expect(index.chainOf('X1', 'reported')).toEqual(['X1', 'Q1', 'H']);
    // Current: X1's parent Q1 is restated to Q9, whose parent is H.
    expect(index.chainOf('X1', 'current')).toEqual(['X1', 'Q9', 'H']);
    expect(index.chainOf('Q2', 'current')).toEqual(['Q9', 'H']);
    // A code the catalogue does not know is a chain of its own.
    expect(index.chainOf('ZZ', 'current')).toEqual(['ZZ']);
    const parents = new Map([
      ['A', 'B'],
      ['B', 'A'],
    ]);
    expect(agencyChain('A', parents, (code) => code)).toEqual(['A', 'B']);
  });

  it('normalises catalogue codes', () => {
    const index = indexCatalogue({
      agencies: [
        { code: ' h ', parentCode: null },
        { code: 's1', parentCode: 'h' },
      ],
      lineage: [],
      procedures: [{ code: '1,004227', field: 'land' }],
      levels: [],
    });
    expect(index.chainOf('S1', 'reported')).toEqual(['S1', 'H']);
    expect(index.fieldOf('1.004227')).toBe('land');
  });

  it('scopes an agency subtree, the agency alone, and an unknown code', () => {
    const index = indexCatalogue(catalogue({ lineage: MERGER }));
    const units = ['H', 'S1', 'Q1', 'Q2', 'Q9', 'X1', 'X2', 'ZZ'];
    const covered = (agency: string | null, structure: 'reported' | 'current', subtree: boolean) =>
      units.filter(agencyScope(index, agency, structure, subtree).includes);

    expect(covered('Q1', 'reported', true)).toEqual(['Q1', 'X1']);
    expect(covered('Q1', 'reported', false)).toEqual(['Q1']);
    // Restated to today's structure, Q1 no longer exists: nothing reports under it.
    expect(covered('Q1', 'current', true)).toEqual([]);
    expect(covered('Q9', 'reported', true)).toEqual(['Q9']);
    expect(covered('Q9', 'current', true)).toEqual(['Q1', 'Q2', 'Q9', 'X1', 'X2']);
    // Alone in the current structure: itself and the units restated to it, not the communes below.
    expect(covered('Q9', 'current', false)).toEqual(['Q1', 'Q2', 'Q9']);
    expect(covered('ZZ', 'reported', true)).toEqual(['ZZ']);
    expect(covered('ZZ', 'current', true)).toEqual(['ZZ']);
    expect(covered(null, 'reported', true)).toEqual(units);
  });

  it('keys agency groups by the child of the scope agency, the agency itself, or the top of the chain', () => {
    const index = indexCatalogue(catalogue({ lineage: MERGER }));
    const keys = (agency: string | null, structure: 'reported' | 'current') =>
      ['H', 'S1', 'X1', 'Q2', 'ZZ'].map((code) =>
        agencyScope(index, agency, structure, true).groupKeyOf(code),
      );
    expect(keys('H', 'reported').slice(0, 4)).toEqual(['H', 'S1', 'Q1', 'Q2']);
    expect(keys('H', 'current').slice(0, 4)).toEqual(['H', 'S1', 'Q9', 'Q9']);
    expect(keys(null, 'reported')).toEqual(['H', 'H', 'H', 'H', 'ZZ']);
  });
});

describe('reference catalogue: levels', () => {
  const index = indexCatalogue(
    catalogue({
      levels: [
        span('P1', 'S1', 2, '2024-01-01', '2026-03-14'),
        span('P1', 'S1', 3, '2026-03-15'),
        span('P1', 'S2', 4),
        span('P3', 'S2', 3),
        span('P3', 'Q1', 2, '2024-01-01', '2026-03-14', true),
      ],
    }),
  );

  it('takes the receiving agency first, else every offering that day, else unknown', () => {
    // S1's own level wins although S2 offers P1 at 4.
    expect(levelAtReceipt(index, 'P1', 'S1', '2026-03-14')).toBe(2);
    expect(levelAtReceipt(index, 'P1', 'S1', '2026-03-15')).toBe(3);
    // S1 does not offer P3: the highest of all P3 offerings that day (S2 at 3, Q1 at 2).
    expect(levelAtReceipt(index, 'P3', 'S1', '2026-03-01')).toBe(3);
    expect(levelAtReceipt(index, 'P7', 'S1', '2026-03-01')).toBeNull();
    expect(levelAtReceipt(index, 'P1', 'S1', '2023-12-31')).toBe(null);
  });

  it('counts a procedure once at its highest level in scope, portal if any offering is', () => {
    const all = proceduresInForce(index.offerings, '2026-03-14', () => true);
    expect(Object.fromEntries(all)).toEqual({
      P1: { level: 4, portal: false },
      P3: { level: 3, portal: true },
    });
    const q1 = proceduresInForce(index.offerings, '2026-03-15', (o) => o.agencyCode === 'Q1');
    expect(q1.size).toBe(0);
  });
});
