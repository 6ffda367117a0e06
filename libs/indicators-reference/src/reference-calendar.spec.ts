import { calendarBuckets, endOfLocalDay, isoWeekKey, localDayOfInstant, nextDay } from './reference-calendar';

describe('reference calendar', () => {
  it('ends a local day at 23:59:59.999 +07:00, i.e. 16:59:59.999 UTC', () => {
    expect(endOfLocalDay('2026-03-31')).toBe(Date.parse('2026-03-31T16:59:59.999Z'));
    expect(localDayOfInstant(endOfLocalDay('2026-12-31'))).toBe('2026-12-31');
    expect(localDayOfInstant(endOfLocalDay('2026-12-31') + 1)).toBe('2027-01-01');
  });

  it('steps over month, leap-day and year ends', () => {
    expect([nextDay('2026-02-28'), nextDay('2028-02-28'), nextDay('2026-12-31')]).toEqual([
      '2026-03-01',
      '2028-02-29',
      '2027-01-01',
    ]);
  });

  it.each([
    // 1 Jan 2026 is a Thursday, so its week is 2026-W01 and starts on Monday 29 Dec 2025.
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2025-12-28', '2025-W52'],
    // 2026 starts on a Thursday, so it has 53 weeks; Sunday 3 Jan 2027 still belongs to 2026-W53.
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    // Friday 1 Jan 2021 belongs to the last week of 2020 (a leap year starting on Wednesday: 53 weeks).
    ['2021-01-01', '2020-W53'],
    // Sunday 15 March 2026: the week's Thursday is 12 March, day 71 of the year → week 11.
    ['2026-03-15', '2026-W11'],
  ])('puts %s in ISO week %s', (day, key) => {
    expect(isoWeekKey(day)).toBe(key);
  });

  it('cuts a period into months clipped to it', () => {
    expect(calendarBuckets('2026-02-15', '2026-04-10', 'month')).toEqual([
      { key: '2026-02', from: '2026-02-15', to: '2026-02-28' },
      { key: '2026-03', from: '2026-03-01', to: '2026-03-31' },
      { key: '2026-04', from: '2026-04-01', to: '2026-04-10' },
    ]);
  });

  it('cuts a period into Monday-Sunday weeks across a year end, keyed by ISO week-year', () => {
    // Wednesday 30 Dec 2026 → Sunday 3 Jan 2027 is 2026-W53; Monday 4 Jan starts 2027-W01.
    expect(calendarBuckets('2026-12-30', '2027-01-05', 'week')).toEqual([
      { key: '2026-W53', from: '2026-12-30', to: '2027-01-03' },
      { key: '2027-W01', from: '2027-01-04', to: '2027-01-05' },
    ]);
  });

  it('cuts a period into days, one bucket for a one-day period', () => {
    expect(calendarBuckets('2026-03-31', '2026-04-01', 'day').map((b) => b.key)).toEqual([
      '2026-03-31',
      '2026-04-01',
    ]);
    expect(calendarBuckets('2026-03-15', '2026-03-15', 'week')).toEqual([
      { key: '2026-W11', from: '2026-03-15', to: '2026-03-15' },
    ]);
  });
});
