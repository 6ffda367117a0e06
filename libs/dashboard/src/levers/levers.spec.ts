import { rankLevers } from './levers';

const procedure = (procedureCode: string, numerator: number, denominator: number) => ({
  procedureCode,
  numerator,
  denominator,
});

describe('rankLevers', () => {
  it('ranks online levers by the points the scope would gain, with what they add up to', () => {
    // Scope: 30 online of 100. A: 2 of 20 online, B: 1 of 11, C: 0 of 5.
    const levers = rankLevers('dossiers.online', { numerator: 30, denominator: 100 }, [
      procedure('C', 0, 5),
      procedure('A', 2, 20),
      procedure('B', 1, 11),
    ]);
    expect(levers).toEqual([
      {
        procedureCode: 'A',
        dossiers: 20,
        meeting: 2,
        missing: 18,
        gainPoints: 18,
        cumulativePoints: 18,
        shareIfPulled: 0.48,
      },
      {
        procedureCode: 'B',
        dossiers: 11,
        meeting: 1,
        missing: 10,
        gainPoints: 10,
        cumulativePoints: 28,
        shareIfPulled: 0.58,
      },
      {
        procedureCode: 'C',
        dossiers: 5,
        meeting: 0,
        missing: 5,
        gainPoints: 5,
        cumulativePoints: 33,
        shareIfPulled: 0.63,
      },
    ]);
  });

  it('leaves out procedures already mostly online, or half online, and those with nothing missing', () => {
    const levers = rankLevers('dossiers.online', { numerator: 30, denominator: 100 }, [
      procedure('mostly-online', 8, 10),
      procedure('half', 5, 10),
      procedure('all-online', 4, 4),
      procedure('lever', 4, 10),
    ]);
    expect(levers.map((lever) => lever.procedureCode)).toEqual(['lever']);
  });

  it('keeps every on-time lever with a late or overdue dossier, however few', () => {
    const levers = rankLevers('dossiers.on_time', { numerator: 90, denominator: 100 }, [
      procedure('mostly-on-time', 9, 10),
      procedure('all-on-time', 5, 5),
      procedure('often-late', 2, 6),
    ]);
    expect(levers.map((lever) => [lever.procedureCode, lever.missing, lever.gainPoints])).toEqual([
      ['often-late', 4, 4],
      ['mostly-on-time', 1, 1],
    ]);
    expect(levers.at(-1)?.shareIfPulled).toBe(0.95);
  });

  it('breaks ties by procedure code, so the order is stable', () => {
    const levers = rankLevers('dossiers.on_time', { numerator: 0, denominator: 10 }, [
      procedure('b', 0, 2),
      procedure('a', 0, 2),
    ]);
    expect(levers.map((lever) => lever.procedureCode)).toEqual(['a', 'b']);
  });

  it('has no levers for a scope with no dossiers', () => {
    expect(rankLevers('dossiers.online', { numerator: 0, denominator: 0 }, [procedure('A', 0, 0)])).toEqual(
      [],
    );
  });

  it('never promises a share above 100%', () => {
    // Procedure counts can exceed the scope's when they come from another read; the share stays a share.
    const [lever] = rankLevers('dossiers.on_time', { numerator: 9, denominator: 10 }, [procedure('A', 0, 5)]);
    expect(lever.shareIfPulled).toBe(1);
  });

  it('gains add up to the share with every lever pulled', () => {
    const scope = { numerator: 17, denominator: 71 };
    const procedures = [
      procedure('A', 1, 9),
      procedure('B', 0, 13),
      procedure('C', 2, 7),
      procedure('D', 0, 1),
    ];
    const levers = rankLevers('dossiers.online', scope, procedures);
    const total = levers.reduce((sum, lever) => sum + lever.gainPoints, 0);
    expect(levers.at(-1)?.cumulativePoints).toBeCloseTo(total, 10);
    expect(levers.at(-1)?.shareIfPulled).toBeCloseTo(scope.numerator / 71 + total / 100, 10);
  });
});
