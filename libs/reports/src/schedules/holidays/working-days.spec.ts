import { VIETNAM_HOLIDAYS } from './vietnam-holidays';
import { addWorkingDays, isWorkingDay, workingCalendar } from './working-days';

const VN = workingCalendar(VIETNAM_HOLIDAYS.years);
const WEEKENDS = workingCalendar([]);
const after = (day: string, count: number, calendar = VN) => addWorkingDays(calendar, day, count);

describe('isWorkingDay', () => {
  it('is Monday to Friday less the public holidays, plus the Saturdays worked for a swapped day', () => {
    // Tết Bính Ngọ: Monday 16 – Friday 20 February 2026 off; Monday 23rd back at work.
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])
      expect(isWorkingDay(VN, day)).toBe(false);
    expect(isWorkingDay(VN, '2026-02-13')).toBe(true);
    expect(isWorkingDay(VN, '2026-02-23')).toBe(true);
    // Friday 2 January 2026 swapped for Saturday 10 January.
    expect(isWorkingDay(VN, '2026-01-02')).toBe(false);
    expect(isWorkingDay(VN, '2026-01-10')).toBe(true);
    expect(isWorkingDay(VN, '2026-01-17')).toBe(false);
    // Without the holidays only the weekend is off.
    expect(isWorkingDay(WEEKENDS, '2026-02-17')).toBe(true);
    expect(isWorkingDay(WEEKENDS, '2026-01-10')).toBe(false);
    // A year not in the data (2028): weekends only.
    expect(isWorkingDay(VN, '2028-01-03')).toBe(true);
    expect(isWorkingDay(VN, '2028-01-01')).toBe(false);
  });

  it('adds the province’s days off and weekend days worked (REPORT_HOLIDAYS)', () => {
    const province = workingCalendar(VIETNAM_HOLIDAYS.years, {
      daysOff: [
        { date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam' },
        // Off on the national make-up Saturday: the province's word wins.
        { date: '2026-01-10', name: 'Nghỉ của tỉnh' },
      ],
      workingDays: [{ date: '2026-11-28', name: 'Làm bù' }],
    });
    expect(isWorkingDay(province, '2026-11-24')).toBe(false);
    expect(isWorkingDay(province, '2026-01-10')).toBe(false);
    expect(isWorkingDay(province, '2026-11-28')).toBe(true);
    expect(isWorkingDay(province, '2026-02-17')).toBe(false);
    expect(province.years).toEqual(new Set([2025, 2026, 2027]));
  });
});

describe('addWorkingDays', () => {
  it('skips a Tết week', () => {
    // Tết Ất Tỵ: Monday 27 – Friday 31 January 2025.
    expect(after('2025-01-24', 1)).toBe('2025-02-03');
    expect(after('2025-01-23', 2)).toBe('2025-02-03');
    // Tết Bính Ngọ 2026 from Saturday 14 February (the statutory month's last day).
    expect(after('2026-02-14', 0)).toBe('2026-02-23');
    expect(after('2026-02-14', 1)).toBe('2026-02-23');
    expect(after('2026-02-14', 2)).toBe('2026-02-24');
    expect(after('2026-02-13', 5)).toBe('2026-02-27');
    expect(after('2026-02-18', 1)).toBe('2026-02-23');
    // Tết Đinh Mùi 2027 (provisional): Friday 5 – Thursday 11 February off; Friday 12th a working day.
    expect(after('2027-02-04', 1)).toBe('2027-02-12');
    expect(after('2027-02-04', 2)).toBe('2027-02-15');
  });

  it('skips a weekend and a holiday together, and counts a Saturday worked', () => {
    // Giỗ Tổ on Sunday 26 April 2026, in lieu Monday 27th; then 30 April and 1 May (Thursday, Friday).
    expect(after('2026-04-24', 1)).toBe('2026-04-28');
    expect(after('2026-04-24', 3)).toBe('2026-05-04');
    expect(after('2026-04-29', 1)).toBe('2026-05-04');
    // 2025: Wednesday 30 April to Sunday 4 May off, Saturday 26 April worked for Friday 2 May.
    expect(after('2025-04-25', 1)).toBe('2025-04-26');
    expect(after('2025-04-25', 2)).toBe('2025-04-28');
    expect(after('2025-04-29', 1)).toBe('2025-05-05');
    // Quốc khánh: Monday 1 and Tuesday 2 September 2025; Monday 31 August – Wednesday 2 September 2026.
    expect(after('2025-08-29', 1)).toBe('2025-09-03');
    expect(after('2026-08-28', 1)).toBe('2026-09-03');
    // Sunday 2 May 2027 after 30 April (Friday) and 1 May (Saturday, in lieu Monday 3rd).
    expect(after('2027-04-29', 1)).toBe('2027-05-04');
  });

  it('crosses the year’s end', () => {
    // Wednesday 31 December 2025: 1 January 2026 (Thursday) and the swapped Friday 2nd off, the weekend.
    expect(after('2025-12-31', 1)).toBe('2026-01-05');
    expect(after('2025-12-31', 0)).toBe('2025-12-31');
    expect(after('2026-01-01', 0)).toBe('2026-01-05');
    // The Saturday worked, 10 January 2026, is a working day.
    expect(after('2026-01-09', 1)).toBe('2026-01-10');
    expect(after('2026-01-10', 0)).toBe('2026-01-10');
    // Thursday 31 December 2026: Friday 1 January 2027 off.
    expect(after('2026-12-31', 1)).toBe('2027-01-04');
    expect(after('2026-12-31', 1, WEEKENDS)).toBe('2027-01-01');
    // Into a year not in the data: weekends only (Friday 31 December 2027 → Monday 3 January 2028).
    expect(after('2027-12-31', 1)).toBe('2028-01-03');
    expect(after('2028-02-28', 3)).toBe('2028-03-02');
  });

  it('refuses a count that is not a whole number of days', () => {
    expect(() => after('2026-01-05', -1)).toThrow(RangeError);
    expect(() => after('2026-01-05', 1.5)).toThrow(RangeError);
  });
});
