import { ReportSchedule } from '@dvc/config';
import { dueDay, dueReports, issuedKeyOf, latestDuePeriod } from './due-reports';
import { VIETNAM_HOLIDAYS } from './holidays/vietnam-holidays';
import { workingCalendar } from './holidays/working-days';

/** Saturdays and Sundays off, no holidays: the weekday arithmetic alone. */
const WEEKENDS = workingCalendar([]);
/** Vietnam's public holidays. */
const VN = workingCalendar(VIETNAM_HOLIDAYS.years);

const schedule = (overrides: Partial<ReportSchedule> = {}): ReportSchedule & { rows: string } => ({
  id: 'monthly',
  kind: 'ii06a',
  every: 'month',
  structure: 'reported',
  due: { dayOfMonth: 20 },
  scopes: ['province'],
  email: [],
  ...overrides,
  rows: overrides.rows ?? 'field',
});
/** An instant at a local (+07:00) time. */
const at = (local: string) => new Date(`${local}+07:00`);
const keys = (due: ReturnType<typeof dueReports>) =>
  due.map((report) => [report.scheduleId, report.agency, report.period.key, report.period.cut, report.dueOn]);

describe('dueDay', () => {
  it('takes the first given day of a month strictly after the period’s last day', () => {
    expect(dueDay('2026-03-14', { dayOfMonth: 20 }, WEEKENDS)).toBe('2026-03-20');
    expect(dueDay('2026-03-31', { dayOfMonth: 20 }, WEEKENDS)).toBe('2026-04-20');
    expect(dueDay('2026-03-20', { dayOfMonth: 20 }, WEEKENDS)).toBe('2026-04-20');
    // Across the year's end: December's calendar month and the statutory year (to 14 December).
    expect(dueDay('2026-12-31', { dayOfMonth: 5 }, WEEKENDS)).toBe('2027-01-05');
    expect(dueDay('2026-12-14', { dayOfMonth: 20 }, WEEKENDS)).toBe('2026-12-20');
    expect(dueDay('2026-12-14', { dayOfMonth: 10 }, WEEKENDS)).toBe('2027-01-10');
  });

  it('counts working days after the last day, skipping Saturdays and Sundays', () => {
    // Tuesday 14 April 2026: Wednesday, Thursday.
    expect(dueDay('2026-04-14', { workingDaysAfterEnd: 2 }, WEEKENDS)).toBe('2026-04-16');
    // Friday 14 August 2026: Monday 17, Tuesday 18.
    expect(dueDay('2026-08-14', { workingDaysAfterEnd: 2 }, WEEKENDS)).toBe('2026-08-18');
    // Saturday 14 March 2026: Monday 16, Tuesday 17.
    expect(dueDay('2026-03-14', { workingDaysAfterEnd: 2 }, WEEKENDS)).toBe('2026-03-17');
    // Sunday 14 June 2026: Monday 15 is the first.
    expect(dueDay('2026-06-14', { workingDaysAfterEnd: 1 }, WEEKENDS)).toBe('2026-06-15');
    // Thursday 31 December 2026: Friday 1 January, then Monday 4 January 2027.
    expect(dueDay('2026-12-31', { workingDaysAfterEnd: 2 }, WEEKENDS)).toBe('2027-01-04');
    // Across February's end in a leap year: Monday 28 February 2028 → Tuesday 29, Wednesday 1, Thursday 2 March.
    expect(dueDay('2028-02-28', { workingDaysAfterEnd: 3 }, WEEKENDS)).toBe('2028-03-02');
    // 0: the last day itself when it is a working day, else the Monday after.
    expect(dueDay('2026-04-14', { workingDaysAfterEnd: 0 }, WEEKENDS)).toBe('2026-04-14');
    expect(dueDay('2026-03-14', { workingDaysAfterEnd: 0 }, WEEKENDS)).toBe('2026-03-16');
  });
});

describe('latestDuePeriod', () => {
  it('gives the latest period that has fallen due, on either cut, across the year’s end', () => {
    const monthly = { every: 'month' as const, due: { dayOfMonth: 20 } };
    // Statutory January 2027 runs 15/12/2026–14/01/2027, due 20 January.
    expect(latestDuePeriod(monthly, 'statutory', '2027-01-19', WEEKENDS)).toMatchObject({
      period: { key: '2026-12', from: '2026-11-15', to: '2026-12-14' },
      dueOn: '2026-12-20',
    });
    expect(latestDuePeriod(monthly, 'statutory', '2027-01-20', WEEKENDS)).toMatchObject({
      period: { key: '2027-01', from: '2026-12-15', to: '2027-01-14' },
      dueOn: '2027-01-20',
    });
    // Calendar December 2026 is due on 20 January 2027; until then November's is the latest.
    expect(latestDuePeriod(monthly, 'calendar', '2027-01-19', WEEKENDS)?.period.key).toBe('2026-11');
    expect(latestDuePeriod(monthly, 'calendar', '2027-01-20', WEEKENDS)?.period.key).toBe('2026-12');
    // A statutory year (to 14 December) two working days on: Wednesday 16 December 2026.
    const yearly = { every: 'year' as const, due: { workingDaysAfterEnd: 2 } };
    expect(latestDuePeriod(yearly, 'statutory', '2026-12-15', WEEKENDS)?.period.key).toBe('2025');
    expect(latestDuePeriod(yearly, 'statutory', '2026-12-16', WEEKENDS)).toMatchObject({
      period: { key: '2026' },
      dueOn: '2026-12-16',
    });
    // Quarters, 6 and 9 months.
    const quarterly = { every: 'quarter' as const, due: { workingDaysAfterEnd: 2 } };
    expect(latestDuePeriod(quarterly, 'calendar', '2027-01-04', WEEKENDS)?.period.key).toBe('2026-Q4');
    expect(latestDuePeriod(quarterly, 'calendar', '2027-01-01', WEEKENDS)?.period.key).toBe('2026-Q3');
    expect(
      latestDuePeriod({ every: '6M', due: { dayOfMonth: 20 } }, 'statutory', '2026-06-20', WEEKENDS)?.period
        .key,
    ).toBe('2026-6M');
    expect(
      latestDuePeriod({ every: '9M', due: { dayOfMonth: 20 } }, 'statutory', '2026-06-20', WEEKENDS)?.period
        .key,
    ).toBe('2025-9M');
  });
});

describe('dueReports', () => {
  it('lists each scope of each schedule whose latest period fell due, by the local day of now', () => {
    const schedules = [
      schedule({ scopes: ['province', '000.00.12.H12'] }),
      schedule({
        id: 'dvctt-q',
        kind: 'dvctt',
        every: 'quarter',
        cut: 'calendar',
        rows: 'agency',
        due: { workingDaysAfterEnd: 2 },
      }),
    ];
    // 19 March 2026 23:59 local (16:59 UTC) is still the 19th: the statutory March report is not yet due.
    expect(keys(dueReports(at('2026-03-19T23:59:00'), schedules, new Set(), 'statutory', WEEKENDS))).toEqual([
      ['monthly', null, '2026-02', 'statutory', '2026-02-20'],
      ['monthly', '000.00.12.H12', '2026-02', 'statutory', '2026-02-20'],
      ['dvctt-q', null, '2025-Q4', 'calendar', '2026-01-02'],
    ]);
    // At 00:00 local on the 20th (17:00 UTC on the 19th) it is.
    expect(
      keys(dueReports(new Date('2026-03-19T17:00:00Z'), schedules, new Set(), 'statutory', WEEKENDS)),
    ).toEqual([
      ['monthly', null, '2026-03', 'statutory', '2026-03-20'],
      ['monthly', '000.00.12.H12', '2026-03', 'statutory', '2026-03-20'],
      ['dvctt-q', null, '2025-Q4', 'calendar', '2026-01-02'],
    ]);
  });

  it('leaves out what was issued already (kind, scope, period, cut, rows, structure), so a restart issues nothing again', () => {
    const schedules = [schedule({ scopes: ['province', '000.00.12.H12'] })];
    const issued = new Set([
      issuedKeyOf({
        kind: 'ii06a',
        scope: 'province',
        periodKey: '2026-03',
        cut: 'statutory',
        rows: 'field',
        structure: 'reported',
      }),
      // Another layout, cut or structure is another report.
      issuedKeyOf({
        kind: 'ii06a',
        scope: '000.00.12.H12',
        periodKey: '2026-03',
        cut: 'statutory',
        rows: 'agency',
        structure: 'reported',
      }),
      issuedKeyOf({
        kind: 'ii06a',
        scope: '000.00.12.H12',
        periodKey: '2026-03',
        cut: 'calendar',
        rows: 'field',
        structure: 'reported',
      }),
    ]);
    const due = dueReports(at('2026-03-25T08:00:00'), schedules, issued, 'statutory', WEEKENDS);
    expect(keys(due)).toEqual([['monthly', '000.00.12.H12', '2026-03', 'statutory', '2026-03-20']]);
    expect(due[0]).toMatchObject({ kind: 'ii06a', rows: 'field', structure: 'reported' });
    const all = new Set([
      ...issued,
      issuedKeyOf({
        kind: 'ii06a',
        scope: '000.00.12.H12',
        periodKey: '2026-03',
        cut: 'statutory',
        rows: 'field',
        structure: 'reported',
      }),
    ]);
    expect(dueReports(at('2026-03-25T08:00:00'), schedules, all, 'statutory', WEEKENDS)).toEqual([]);
  });

  it('moves on at the next due day, across the year’s end, on the configured or the default cut', () => {
    const schedules = [schedule({ due: { workingDaysAfterEnd: 2 } })];
    // Statutory December 2026 ends Monday 14 December: due Wednesday 16th; January 2027 ends Thursday 14 January:
    // due Monday 18th.
    expect(keys(dueReports(at('2026-12-16T00:00:00'), schedules, new Set(), 'statutory', WEEKENDS))).toEqual([
      ['monthly', null, '2026-12', 'statutory', '2026-12-16'],
    ]);
    expect(keys(dueReports(at('2027-01-17T12:00:00'), schedules, new Set(), 'statutory', WEEKENDS))).toEqual([
      ['monthly', null, '2026-12', 'statutory', '2026-12-16'],
    ]);
    expect(keys(dueReports(at('2027-01-18T00:00:01'), schedules, new Set(), 'statutory', WEEKENDS))).toEqual([
      ['monthly', null, '2027-01', 'statutory', '2027-01-18'],
    ]);
    // Calendar December 2026 ends Thursday 31st: due Monday 4 January 2027.
    expect(keys(dueReports(at('2027-01-04T09:00:00'), schedules, new Set(), 'calendar', WEEKENDS))).toEqual([
      ['monthly', null, '2026-12', 'calendar', '2027-01-04'],
    ]);
  });
});

describe('due days on Vietnam’s working days (public holidays skipped)', () => {
  it('skips the Tết week and a New Year’s Day at the year’s end', () => {
    // Statutory February 2026 ends Saturday 14 February; Tết Bính Ngọ is off Monday 16 – Friday 20 February.
    expect(dueDay('2026-02-14', { workingDaysAfterEnd: 2 }, VN)).toBe('2026-02-24');
    expect(dueDay('2026-02-14', { workingDaysAfterEnd: 2 }, WEEKENDS)).toBe('2026-02-17');
    // Thursday 31 December 2026: Friday 1 January 2027 is off; Monday 4, Tuesday 5.
    expect(dueDay('2026-12-31', { workingDaysAfterEnd: 2 }, VN)).toBe('2027-01-05');
    // A calendar day of the month is not moved by holidays.
    expect(dueDay('2026-02-14', { dayOfMonth: 20 }, VN)).toBe('2026-02-20');
  });

  it('gives the latest due period and the due reports by Vietnam’s working days', () => {
    const quarterly = { every: 'quarter' as const, due: { workingDaysAfterEnd: 2 } };
    // Calendar Q4 2026 ends Thursday 31 December: due Tuesday 5 January 2027, not Monday 4.
    expect(latestDuePeriod(quarterly, 'calendar', '2027-01-04', VN)?.period.key).toBe('2026-Q3');
    expect(latestDuePeriod(quarterly, 'calendar', '2027-01-05', VN)).toMatchObject({
      period: { key: '2026-Q4' },
      dueOn: '2027-01-05',
    });
    const schedules = [schedule({ due: { workingDaysAfterEnd: 2 } })];
    // Statutory January 2026 (to Wednesday 14 January) was due Friday 16th; February's waits for the Tết week.
    for (const local of ['2026-02-16T09:00:00', '2026-02-23T23:59:00'])
      expect(keys(dueReports(at(local), schedules, new Set(), 'statutory', VN))).toEqual([
        ['monthly', null, '2026-01', 'statutory', '2026-01-16'],
      ]);
    expect(keys(dueReports(at('2026-02-24T00:00:00'), schedules, new Set(), 'statutory', VN))).toEqual([
      ['monthly', null, '2026-02', 'statutory', '2026-02-24'],
    ]);
    // A province day off on Monday 23 February moves it to Wednesday 25th.
    const province = workingCalendar(VIETNAM_HOLIDAYS.years, {
      daysOff: [{ date: '2026-02-23', name: 'Nghỉ của tỉnh' }],
      workingDays: [],
    });
    expect(keys(dueReports(at('2026-02-24T12:00:00'), schedules, new Set(), 'statutory', province))).toEqual([
      ['monthly', null, '2026-01', 'statutory', '2026-01-16'],
    ]);
    expect(keys(dueReports(at('2026-02-25T00:00:00'), schedules, new Set(), 'statutory', province))).toEqual([
      ['monthly', null, '2026-02', 'statutory', '2026-02-25'],
    ]);
  });
});
