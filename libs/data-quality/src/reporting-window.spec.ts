import { instantWindow, isoFromClickHouseTime } from './reporting-window';

describe('instantWindow', () => {
  it('covers whole local days: from the local midnight of `from` to the one after `to`', () => {
    expect(instantWindow({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      start: '2026-02-28 17:00:00.000',
      end: '2026-03-31 17:00:00.000',
    });
  });

  it('crosses month and year ends', () => {
    // New Year's Day starts locally at 17:00 UTC on 31 December.
    expect(instantWindow({ from: '2027-01-01' }).start).toBe('2026-12-31 17:00:00.000');
    expect(instantWindow({ to: '2026-12-31' }).end).toBe('2026-12-31 17:00:00.000');
    // The day after 28 February 2028 is the 29th.
    expect(instantWindow({ to: '2028-02-28' }).end).toBe('2028-02-28 17:00:00.000');
    expect(instantWindow({ to: '2028-02-29' }).end).toBe('2028-02-29 17:00:00.000');
  });

  it('leaves an absent end open', () => {
    expect(instantWindow({})).toEqual({ start: null, end: null });
    expect(instantWindow({ from: '2026-03-02' })).toEqual({ start: '2026-03-01 17:00:00.000', end: null });
  });
});

describe('isoFromClickHouseTime', () => {
  it('reads a UTC DateTime64 text as an ISO instant', () => {
    expect(isoFromClickHouseTime('2026-03-02 02:00:00.000')).toBe('2026-03-02T02:00:00.000Z');
    expect(new Date(isoFromClickHouseTime('2026-03-02 02:00:00.123')).getTime()).toBe(
      Date.parse('2026-03-02T09:00:00.123+07:00'),
    );
  });
});
