import {
  evaluateTarget,
  satisfiesComparator,
  TargetEvaluationInput,
  targetEvaluationSchema,
  TargetRule,
} from './target-status';

const year2026 = { from: '2026-01-01', to: '2026-12-31' };
const atLeast30Percent: TargetRule = { comparator: '>=', threshold: 0.3, unit: 'share' };

/** dossiers.online over 2026, evaluated on 1 July: 2026-01-01..2026-07-01 is 182 of 365 days. */
function onlineShare(overrides: Partial<TargetEvaluationInput>): TargetEvaluationInput {
  return {
    target: atLeast30Percent,
    actual: figures(300, 1200),
    period: year2026,
    today: '2026-07-01',
    minSample: 30,
    flow: true,
    ...overrides,
  };
}

function figures(numerator: number, denominator: number) {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

describe('evaluateTarget: running flow share, projected to the end of the period', () => {
  it('projects from last year: behind now but reachable is at_risk (the worked example)', () => {
    // E = 2400 (last year), R = 2400 − 1200 = 1200; needed = 0.3 × 2400 − 300 = 420; 420 / 1200 = 0.35.
    // Projected numerator at the current share: 300 × 2400 / 1200 = 600. Gap: 0.25 − 0.3 = −0.05.
    const evaluation = evaluateTarget(onlineShare({ expectedDenominator: 2400 }));
    expect(evaluation).toEqual({
      status: 'at_risk',
      actual: 0.25,
      threshold: 0.3,
      gap: expect.closeTo(-0.05, 12),
      periodState: 'running',
      elapsedDays: 182,
      totalDays: 365,
      projection: {
        expectedDenominator: 2400,
        basis: 'last_year',
        remainingDenominator: 1200,
        projectedNumerator: 600,
        projectedValue: 0.25,
        requiredShareOfRemaining: expect.closeTo(0.35, 12),
        reachable: true,
      },
    });
    expect(targetEvaluationSchema.parse(evaluation)).toEqual(evaluation);
  });

  it('projects at the current pace when last year is unknown', () => {
    // E = round(1200 × 365 / 182) = round(2406.59…) = 2407, R = 1207.
    // needed = 0.3 × 2407 − 300 = 422.1; 422.1 / 1207 = 0.349710…; projected numerator 300 × 2407 / 1200 = 601.75 → 602.
    const { status, projection } = evaluateTarget(onlineShare({ expectedDenominator: null }));
    expect(status).toBe('at_risk');
    expect(projection).toEqual({
      expectedDenominator: 2407,
      basis: 'pace',
      remainingDenominator: 1207,
      projectedNumerator: 602,
      projectedValue: 0.25,
      requiredShareOfRemaining: expect.closeTo(422.1 / 1207, 12),
      reachable: true,
    });
  });

  it('falls back to pace when last year is not above what has already arrived', () => {
    // Last year 1000 < 1200 so far, and exactly 1200: neither says how much is still to come.
    for (const expectedDenominator of [1000, 1200]) {
      const { projection } = evaluateTarget(onlineShare({ expectedDenominator }));
      expect(projection).toMatchObject({ basis: 'pace', expectedDenominator: 2407 });
    }
  });

  it('is met when the share satisfies the target now and can still hold it', () => {
    // 400 / 1000 = 0.4 ≥ 0.3. E = 2000, R = 1000; needed = 0.3 × 2000 − 400 = 200; 200 / 1000 = 0.2.
    const { status, gap, projection } = evaluateTarget(
      onlineShare({ actual: figures(400, 1000), expectedDenominator: 2000 }),
    );
    expect(status).toBe('met');
    expect(gap).toBeCloseTo(0.1, 12);
    expect(projection).toMatchObject({
      requiredShareOfRemaining: 0.2,
      reachable: true,
      projectedNumerator: 800,
    });
  });

  it('reports a negative required share, unclamped, when the target is already safe whatever comes', () => {
    // 800 / 1000. E = 2000: needed = 600 − 800 = −200; −200 / 1000 = −0.2.
    const { status, projection } = evaluateTarget(
      onlineShare({ actual: figures(800, 1000), expectedDenominator: 2000 }),
    );
    expect(status).toBe('met');
    expect(projection).toMatchObject({ requiredShareOfRemaining: -0.2, reachable: true });
  });

  it('is missed before the end when even an all-online remainder cannot reach the threshold', () => {
    // Target ≥ 0.5 on 2026-12-01 (335 days elapsed). 100 / 1000 online, last year 1100:
    // R = 100; needed = 0.5 × 1100 − 100 = 450 > 100; 450 / 100 = 4.5. Best case (100 + 100) / 1100 = 0.18.
    const evaluation = evaluateTarget(
      onlineShare({
        target: { comparator: '>=', threshold: 0.5, unit: 'share' },
        actual: figures(100, 1000),
        today: '2026-12-01',
        expectedDenominator: 1100,
      }),
    );
    expect(evaluation).toMatchObject({ status: 'missed', periodState: 'running', elapsedDays: 335 });
    expect(evaluation.projection).toMatchObject({ requiredShareOfRemaining: 4.5, reachable: false });
  });

  it('reaches exactly the threshold with a required share of 1 as reachable', () => {
    // 0 / 700, last year 1000: R = 300; needed = 0.3 × 1000 − 0 = 300 = R; required 300 / 300 = 1.
    const { status, projection } = evaluateTarget(
      onlineShare({ actual: figures(0, 700), expectedDenominator: 1000 }),
    );
    expect(status).toBe('at_risk');
    expect(projection).toMatchObject({ requiredShareOfRemaining: 1, reachable: true });
  });

  it('judges reachability on shares, so floating-point noise in threshold × E does not decide', () => {
    // 0.55 × 100 is 55.00000000000001 in floating point, so needed = 40.00000000000001 > R = 40 naively;
    // the best final share (15 + 40) / 100 = 0.55 does meet ≥ 0.55.
    const { status, projection } = evaluateTarget(
      onlineShare({
        target: { comparator: '>=', threshold: 0.55, unit: 'share' },
        actual: figures(15, 60),
        expectedDenominator: 100,
      }),
    );
    expect(status).toBe('at_risk');
    expect(projection).toMatchObject({ reachable: true, requiredShareOfRemaining: expect.closeTo(1, 12) });
  });

  it('treats ">" like ">=" for reachability, while the verdict on the share itself stays strict', () => {
    // Quảng Ninh: online dossiers > 40%. 400 / 1000 = 0.4 exactly: not > 0.4, so not met now.
    // E = 2000, R = 1000; needed = 0.4 × 2000 − 400 = 400; 400 / 1000 = 0.4; reachable.
    const strict: TargetRule = { comparator: '>', threshold: 0.4, unit: 'share' };
    const { status, projection } = evaluateTarget(
      onlineShare({ target: strict, actual: figures(400, 1000), expectedDenominator: 2000 }),
    );
    expect(status).toBe('at_risk');
    expect(projection).toMatchObject({ requiredShareOfRemaining: 0.4, reachable: true });
    // 100 / 1000 with E = 1500: R = 500, needed = 0.4 × 1500 − 100 = 500 = R, required 1. The best case ends
    // at exactly 0.4, which is not > 0.4, yet counts as reachable.
    const edge = evaluateTarget(
      onlineShare({ target: strict, actual: figures(100, 1000), expectedDenominator: 1500 }),
    );
    expect(edge.status).toBe('at_risk');
    expect(edge.projection).toMatchObject({ requiredShareOfRemaining: 1, reachable: true });
  });

  describe('at most targets (<=, <): the required share is the largest share of the remainder allowed', () => {
    const atMost10Percent: TargetRule = { comparator: '<=', threshold: 0.1, unit: 'share' };

    it('is met under the ceiling with room to spare', () => {
      // 50 / 1000 = 0.05. E = 2000, R = 1000: (0.1 × 2000 − 50) / 1000 = 150 / 1000 = 0.15 ≥ 0.
      const { status, gap, projection } = evaluateTarget(
        onlineShare({ target: atMost10Percent, actual: figures(50, 1000), expectedDenominator: 2000 }),
      );
      expect(status).toBe('met');
      expect(gap).toBeCloseTo(-0.05, 12);
      expect(projection).toMatchObject({ requiredShareOfRemaining: 0.15, reachable: true });
    });

    it('is at_risk above the ceiling while the remainder can still dilute it', () => {
      // 150 / 1000 = 0.15 > 0.1. (200 − 150) / 1000 = 0.05 ≥ 0: at most 5% of the rest may count.
      const { status, projection } = evaluateTarget(
        onlineShare({ target: atMost10Percent, actual: figures(150, 1000), expectedDenominator: 2000 }),
      );
      expect(status).toBe('at_risk');
      expect(projection).toMatchObject({ requiredShareOfRemaining: 0.05, reachable: true });
    });

    it('is missed once the numerator alone exceeds the ceiling of the expected total', () => {
      // 250 / 1000. (200 − 250) / 1000 = −0.05 < 0: even none of the rest leaves 250 / 2000 = 0.125 > 0.1.
      const { status, projection } = evaluateTarget(
        onlineShare({ target: atMost10Percent, actual: figures(250, 1000), expectedDenominator: 2000 }),
      );
      expect(status).toBe('missed');
      expect(projection).toMatchObject({ requiredShareOfRemaining: -0.05, reachable: false });
    });

    it('judges "<" strictly on the share now', () => {
      // 100 / 1000 = 0.1 is not < 0.1; (200 − 100) / 1000 = 0.1 ≥ 0, reachable.
      const { status } = evaluateTarget(
        onlineShare({
          target: { comparator: '<', threshold: 0.1, unit: 'share' },
          actual: figures(100, 1000),
          expectedDenominator: 2000,
        }),
      );
      expect(status).toBe('at_risk');
    });
  });

  it('on the last day, at pace, nothing remains: the share now decides and the required share is null', () => {
    // today = to: elapsed = total = 365, E = round(1000 × 365 / 365) = 1000, R = 0.
    const behind = evaluateTarget(onlineShare({ actual: figures(290, 1000), today: '2026-12-31' }));
    expect(behind).toMatchObject({ status: 'missed', periodState: 'running', elapsedDays: 365 });
    expect(behind.projection).toMatchObject({
      expectedDenominator: 1000,
      remainingDenominator: 0,
      requiredShareOfRemaining: null,
      reachable: false,
    });
    const ahead = evaluateTarget(onlineShare({ actual: figures(300, 1000), today: '2026-12-31' }));
    expect(ahead.status).toBe('met');
    expect(ahead.projection).toMatchObject({ requiredShareOfRemaining: null, reachable: true });
  });

  it('on the first day counts one elapsed day', () => {
    // E = round(40 × 365 / 1) = 14600, R = 14560; needed = 0.3 × 14600 − 10 = 4370; 4370 / 14560 ≈ 0.30014.
    const { elapsedDays, projection } = evaluateTarget(
      onlineShare({ actual: figures(10, 40), today: '2026-01-01' }),
    );
    expect(elapsedDays).toBe(1);
    expect(projection).toMatchObject({ expectedDenominator: 14600, remainingDenominator: 14560 });
    expect(projection?.requiredShareOfRemaining).toBeCloseTo(4370 / 14560, 12);
  });

  it('counts 366 days in a leap year', () => {
    // 2028-01-01..2028-03-01 = 31 + 29 + 1 = 61 days. E = round(610 × 366 / 61) = 3660.
    const { elapsedDays, totalDays, projection } = evaluateTarget(
      onlineShare({
        period: { from: '2028-01-01', to: '2028-12-31' },
        today: '2028-03-01',
        actual: figures(183, 610),
      }),
    );
    expect([elapsedDays, totalDays]).toEqual([61, 366]);
    expect(projection?.expectedDenominator).toBe(3660);
  });
});

describe('evaluateTarget: ended periods', () => {
  const ended = (overrides: Partial<TargetEvaluationInput>) =>
    evaluateTarget(onlineShare({ today: '2027-01-05', expectedDenominator: 9999, ...overrides }));

  it('is met or missed on the final value, with no projection', () => {
    expect(ended({ actual: figures(300, 1000) })).toEqual({
      status: 'met',
      actual: 0.3,
      threshold: 0.3,
      gap: 0,
      periodState: 'ended',
      elapsedDays: 365,
      totalDays: 365,
      projection: null,
    });
    expect(ended({ actual: figures(299, 1000) })).toMatchObject({ status: 'missed', projection: null });
  });

  it('applies strict comparators strictly', () => {
    const above = (comparator: TargetRule['comparator']) =>
      ended({ target: { comparator, threshold: 0.4, unit: 'share' }, actual: figures(400, 1000) }).status;
    expect([above('>='), above('>'), above('<='), above('<')]).toEqual(['met', 'missed', 'met', 'missed']);
  });

  it('ends the day after the last day, not on it', () => {
    expect(evaluateTarget(onlineShare({ today: '2026-12-31' })).periodState).toBe('running');
    expect(evaluateTarget(onlineShare({ today: '2027-01-01' })).periodState).toBe('ended');
  });
});

describe('evaluateTarget: running stock indicators (flow false) and non-share units', () => {
  it('is met if the value satisfies the target now, else at_risk, never projected', () => {
    // procedures.level4 ≥ 20% at year end; on 1 July 30 of 200 procedures = 0.15.
    const level4: TargetRule = { comparator: '>=', threshold: 0.2, unit: 'share' };
    const stock = (numerator: number) =>
      evaluateTarget(
        onlineShare({
          target: level4,
          actual: figures(numerator, 200),
          flow: false,
          expectedDenominator: 180,
        }),
      );
    expect(stock(30)).toMatchObject({ status: 'at_risk', projection: null, gap: expect.closeTo(-0.05, 12) });
    expect(stock(50)).toMatchObject({ status: 'met', projection: null });
  });

  it('evaluates percentage-point growth without a denominator, so the minimum sample does not apply', () => {
    // Bình Thuận: +7 pp at level 3 each year; +5.5 pp so far: gap −1.5 pp.
    const growth: TargetRule = { comparator: '>=', threshold: 7, unit: 'percentage_points' };
    const input = onlineShare({
      target: growth,
      actual: { numerator: 0, denominator: null, value: 5.5 },
      flow: false,
      minSample: 30,
    });
    expect(evaluateTarget(input)).toMatchObject({
      status: 'at_risk',
      actual: 5.5,
      gap: -1.5,
      projection: null,
    });
    expect(evaluateTarget({ ...input, today: '2027-01-01' }).status).toBe('missed');
    expect(evaluateTarget({ ...input, actual: { ...input.actual, value: -2 } }).gap).toBe(-9);
  });

  it('does not project counts even when flagged as flow', () => {
    const { status, projection } = evaluateTarget(
      onlineShare({
        target: { comparator: '<=', threshold: 50, unit: 'count' },
        actual: { numerator: 40, denominator: null, value: 40 },
      }),
    );
    expect(status).toBe('met');
    expect(projection).toBeNull();
  });
});

describe('evaluateTarget: not enough data', () => {
  it('gives no verdict and no projection before the period starts', () => {
    expect(evaluateTarget(onlineShare({ today: '2025-12-31', actual: figures(0, 0) }))).toEqual({
      status: 'not_enough_data',
      actual: null,
      threshold: 0.3,
      gap: null,
      periodState: 'not_started',
      elapsedDays: 0,
      totalDays: 365,
      projection: null,
    });
  });

  it('gives no verdict below the minimum sample, but still shows the value and gap', () => {
    // 10 / 20 = 0.5, gap 0.2, but 20 < 30 dossiers.
    const running = evaluateTarget(onlineShare({ actual: figures(10, 20), expectedDenominator: 2400 }));
    expect(running).toMatchObject({ status: 'not_enough_data', actual: 0.5, projection: null });
    expect(running.gap).toBeCloseTo(0.2, 12);
    const ended = evaluateTarget(onlineShare({ actual: figures(10, 20), today: '2027-01-01' }));
    expect(ended).toMatchObject({ status: 'not_enough_data', periodState: 'ended' });
  });

  it('gives a verdict from exactly the minimum sample', () => {
    expect(evaluateTarget(onlineShare({ actual: figures(9, 30), today: '2027-01-01' })).status).toBe('met');
  });

  it('gives no verdict without a value, whatever the minimum sample', () => {
    const evaluation = evaluateTarget(onlineShare({ actual: figures(0, 0), minSample: 0 }));
    expect(evaluation).toMatchObject({
      status: 'not_enough_data',
      actual: null,
      gap: null,
      projection: null,
    });
  });
});

describe('satisfiesComparator (tolerance 1e-9)', () => {
  it('treats 0.1 × 3 and 3 / 10 as equal to 0.3', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(satisfiesComparator(0.1 * 3, '<=', 0.3)).toBe(true);
    expect(satisfiesComparator(0.1 * 3, '>', 0.3)).toBe(false);
    expect(satisfiesComparator(3 / 10, '>=', 0.3)).toBe(true);
    expect(satisfiesComparator(0.3 - 1e-12, '>=', 0.3)).toBe(true);
    expect(satisfiesComparator(0.3 - 1e-12, '<', 0.3)).toBe(false);
  });

  it('still separates values further apart than the tolerance', () => {
    expect(satisfiesComparator(0.3 - 1e-6, '>=', 0.3)).toBe(false);
    expect(satisfiesComparator(0.3 + 1e-6, '>', 0.3)).toBe(true);
    expect(satisfiesComparator(0.3 + 1e-6, '<=', 0.3)).toBe(false);
    expect(satisfiesComparator(0.3 - 1e-6, '<', 0.3)).toBe(true);
  });

  it('meets an ended target whose share differs from the threshold only by rounding', () => {
    // 0.1 × 3 = 0.30000000000000004 against "at most 30%".
    const { status } = evaluateTarget(
      onlineShare({
        target: { comparator: '<=', threshold: 0.3, unit: 'share' },
        actual: { numerator: 3, denominator: 100, value: 0.1 * 3 },
        minSample: 0,
        today: '2027-01-01',
      }),
    );
    expect(status).toBe('met');
  });
});

describe('evaluateTarget: inputs that cannot be', () => {
  it.each([
    ['a today that is not a date', { today: '2026-02-30' }],
    ['a reversed period', { period: { from: '2026-12-31', to: '2026-01-01' } }],
    ['a negative minimum sample', { minSample: -1 }],
    ['a negative expected denominator', { expectedDenominator: -5 }],
    ['a negative denominator', { actual: { numerator: 0, denominator: -1, value: 0 } }],
    ['a value that is not finite', { actual: { numerator: 1, denominator: 0, value: Infinity } }],
  ] as [string, Partial<TargetEvaluationInput>][])('refuses %s', (_, overrides) => {
    expect(() => evaluateTarget(onlineShare(overrides))).toThrow(RangeError);
  });
});
