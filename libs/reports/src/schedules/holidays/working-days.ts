import type { ReportHolidays } from '@dvc/config';
import type { HolidayYear } from './holiday-calendar.schema';

/**
 * Which local days are working days for a state agency: Monday to Friday, except the days off, plus the
 * Saturdays and Sundays worked. Outside `years` only Saturdays and Sundays are known to be off.
 */
export interface WorkingCalendar {
  readonly daysOff: ReadonlySet<string>;
  readonly workingWeekendDays: ReadonlySet<string>;
  /** The years whose public holidays are known. */
  readonly years: ReadonlySet<number>;
}

/** The national years, then the province's own days off and weekend days worked (REPORT_HOLIDAYS). */
export function workingCalendar(
  national: readonly HolidayYear[],
  province: ReportHolidays = { daysOff: [], workingDays: [] },
): WorkingCalendar {
  const daysOff = new Set(national.flatMap((year) => year.daysOff.map((day) => day.date)));
  const workingWeekendDays = new Set(
    national.flatMap((year) => year.workingWeekendDays.map((day) => day.date)),
  );
  for (const day of province.daysOff) {
    daysOff.add(day.date);
    // A province's day off wins over a national make-up Saturday on the same day.
    workingWeekendDays.delete(day.date);
  }
  for (const day of province.workingDays) workingWeekendDays.add(day.date);
  return { daysOff, workingWeekendDays, years: new Set(national.map((year) => year.year)) };
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  if (calendar.daysOff.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday !== 0 && weekday !== 6) || calendar.workingWeekendDays.has(date);
}

/**
 * The Nth working day after `day` (YYYY-MM-DD); for 0, `day` itself if a working day, else the next one.
 * Pure: the calendar says which days are off.
 */
export function addWorkingDays(calendar: WorkingCalendar, day: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count of working days, not ${count}`);
  let at = dayNumber(day);
  for (let counted = 0; counted < count;) {
    at += 1;
    if (isWorkingDay(calendar, dateOfDay(at))) counted += 1;
  }
  while (!isWorkingDay(calendar, dateOfDay(at))) at += 1;
  return dateOfDay(at);
}
