import { envSetBeforeNode, linearFit, partsByTableSchema } from './soak-figures';

describe('linearFit', () => {
  it('goes through points on a line, and extrapolates it', () => {
    const fit = linearFit([
      [60, 110],
      [120, 120],
      [180, 130],
    ]);
    expect(fit.slope).toBeCloseTo(1 / 6, 10);
    expect(fit.intercept).toBeCloseTo(100, 10);
    expect(fit.valueAt(86_400)).toBeCloseTo(100 + 86_400 / 6, 6);
  });

  it('fits scattered points by least squares', () => {
    const fit = linearFit([
      [0, 1],
      [1, 3],
      [2, 2],
      [3, 6],
    ]);
    // About the means (1.5, 3): Sxy = 3 + 0 - 0.5 + 4.5 = 7, Sxx = 5.
    expect(fit.slope).toBeCloseTo(1.4, 10);
    expect(fit.intercept).toBeCloseTo(0.9, 10);
  });

  it('is flat through the mean when every point has the same x', () => {
    const fit = linearFit([
      [5, 10],
      [5, 20],
    ]);
    expect(fit.slope).toBe(0);
    expect(fit.valueAt(1000)).toBe(15);
  });

  it('refuses no points', () => {
    expect(() => linearFit([])).toThrow('no points');
  });
});

describe('partsByTableSchema', () => {
  it('reads the counts ClickHouse sends as strings (UInt64 in JSON) as numbers', () => {
    expect(
      partsByTableSchema.parse({
        table: 'dossier_events',
        rows: '145714',
        activeParts: '4',
        activeBytes: '3046291',
        inactiveParts: '0',
        inactiveBytes: '0',
      }),
    ).toEqual({
      table: 'dossier_events',
      rows: 145714,
      activeParts: 4,
      activeBytes: 3046291,
      inactiveParts: 0,
      inactiveBytes: 0,
    });
  });
});

describe('envSetBeforeNode', () => {
  it("takes the assignments just before node, not the build's", () => {
    expect(envSetBeforeNode('FOO=1 npm run build && MALLOC_ARENA_MAX=2 A_B=x node dist/main.js', {})).toEqual(
      { MALLOC_ARENA_MAX: '2', A_B: 'x' },
    );
  });

  it('lets a variable already set win', () => {
    expect(envSetBeforeNode('MALLOC_ARENA_MAX=2 node main.js', { MALLOC_ARENA_MAX: '8' })).toEqual({
      MALLOC_ARENA_MAX: '8',
    });
  });

  it('is empty when nothing is set before node', () => {
    expect(envSetBeforeNode('npm run build && node dist/main.js', {})).toEqual({});
    expect(envSetBeforeNode('nodemon main.js', {})).toEqual({});
  });
});
