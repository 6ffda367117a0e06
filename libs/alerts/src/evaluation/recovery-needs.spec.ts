import { recoveryNeeds } from './recovery-needs';

const atLeast30 = { comparator: '>=', threshold: 0.3 } as const;

describe('recoveryNeeds', () => {
  it('counts the online dossiers that would restore 30% now: 120/500 needs 43 more', () => {
    // (120 + 43) / 543 = 0.30018; 42 gives 0.29981.
    const needs = recoveryNeeds(
      { numerator: 120, denominator: 500, value: 0.24 },
      atLeast30,
      'share',
      null,
      '2026-12-02',
    );
    expect(needs.gap).toBeCloseTo(-0.06);
    expect(needs.moreNeeded).toBe(43);
    expect(needs.byPeriodEnd).toBeNull();
  });

  it('needs one more at an exact solution of a strict comparator', () => {
    // 0/10 against > 50%: 10 more give exactly 50%, 11 are needed.
    const needs = recoveryNeeds(
      { numerator: 0, denominator: 10, value: 0 },
      { comparator: '>', threshold: 0.5 },
      'share',
      null,
      '2026-12-02',
    );
    expect(needs.moreNeeded).toBe(11);
  });

  it('counts the dossiers not counting that an at-most share needs: 10 overdue of 100 against ≤ 5%', () => {
    const needs = recoveryNeeds(
      { numerator: 10, denominator: 100, value: 0.1 },
      { comparator: '<=', threshold: 0.05 },
      'share',
      null,
      '2026-12-02',
    );
    expect(needs.moreNeeded).toBe(100);
  });

  it('says nothing more is needed while the requirement holds', () => {
    expect(
      recoveryNeeds({ numerator: 40, denominator: 100, value: 0.4 }, atLeast30, 'share', null, '2026-12-02')
        .moreNeeded,
    ).toBeNull();
  });

  it('projects the share of the rest of the month that must count', () => {
    // 10 days of December: 120/500 online; at that pace 1550 by the 31st, 1050 to come; 0.3 × 1550 − 120 = 345.
    const needs = recoveryNeeds(
      { numerator: 120, denominator: 500, value: 0.24 },
      atLeast30,
      'share',
      { from: '2026-12-01', to: '2026-12-31' },
      '2026-12-10',
    );
    expect(needs.byPeriodEnd).toEqual({
      to: '2026-12-31',
      requiredShareOfRemaining: 345 / 1050,
      expectedRemaining: 1050,
      reachable: true,
    });
  });

  it('gives only the gap for indicators that are not shares', () => {
    expect(
      recoveryNeeds(
        { numerator: 5, denominator: null, value: 5 },
        { comparator: '>=', threshold: 7 },
        'percentage_points',
        null,
        '2026-12-02',
      ),
    ).toEqual({
      gap: -2,
      moreNeeded: null,
      byPeriodEnd: null,
    });
  });
});
