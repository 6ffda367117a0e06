import { ageOf, canSeeDataQuality, isQuiet } from './quality-model';

const now = new Date('2026-12-02T10:00:00Z');

describe('data quality page model', () => {
  it('is for the province’s staff, not for departments or sources', () => {
    expect(
      ['admin', 'analyst', 'operator', 'department', 'source'].map((role) =>
        canSeeDataQuality(role as never),
      ),
    ).toEqual([true, true, true, false, false]);
    expect(canSeeDataQuality(undefined)).toBe(false);
  });

  it('calls a source quiet after a day without events', () => {
    expect(isQuiet('2026-12-01T10:00:00Z', now)).toBe(false);
    expect(isQuiet('2026-12-01T09:59:59Z', now)).toBe(true);
  });

  it('says how long ago in minutes, hours, then days', () => {
    expect(ageOf('2026-12-02T09:58:30Z', now)).toEqual({ unit: 'minutes', n: 1 });
    expect(ageOf('2026-12-02T08:01:00Z', now)).toEqual({ unit: 'minutes', n: 119 });
    expect(ageOf('2026-12-02T08:00:00Z', now)).toEqual({ unit: 'hours', n: 2 });
    expect(ageOf('2026-11-30T10:00:01Z', now)).toEqual({ unit: 'hours', n: 47 });
    expect(ageOf('2026-11-30T10:00:00Z', now)).toEqual({ unit: 'days', n: 2 });
    // A clock a little behind the server's is not "in the future".
    expect(ageOf('2026-12-02T10:00:05Z', now)).toEqual({ unit: 'minutes', n: 0 });
  });
});
