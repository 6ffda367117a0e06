import { localDateOf, previousDay } from '@dvc/indicators';

/** Instants are compared at millisecond precision, as `Date.parse` reads them. */
export const instantOf = (iso: string): number => Date.parse(iso);

export const HOURS_24_MS = 24 * 60 * 60 * 1000;

/** The last instant of a local day: D 23:59:59.999 in +07:00. */
export const endOfLocalDay = (day: string): number => Date.parse(`${day}T23:59:59.999+07:00`);

export const localDayOfInstant = (instant: number): string => localDateOf(new Date(instant));

export { previousDay };

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** `2026-W05`: ISO-8601 week (Monday to Sunday) with its ISO week-year, which the week's Thursday decides. */
export function isoWeekKey(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const mondayBasedWeekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() - mondayBasedWeekday + 3);
  const weekYear = thursday.getUTCFullYear();
  const firstOfWeekYear = Date.UTC(weekYear, 0, 1);
  const week = Math.floor((thursday.getTime() - firstOfWeekYear) / (7 * HOURS_24_MS)) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export type CalendarBucketUnit = 'month' | 'week' | 'day';

export interface CalendarBucket {
  key: string;
  from: string;
  to: string;
}

const bucketKeyOf: Record<CalendarBucketUnit, (day: string) => string> = {
  month: (day) => day.slice(0, 7),
  week: isoWeekKey,
  day: (day) => day,
};

/** Consecutive months, ISO weeks or days covering [from, to], each clipped to the period. */
export function calendarBuckets(from: string, to: string, unit: CalendarBucketUnit): CalendarBucket[] {
  const buckets: CalendarBucket[] = [];
  for (let day = from; day <= to; day = nextDay(day)) {
    const key = bucketKeyOf[unit](day);
    const current = buckets[buckets.length - 1];
    if (current?.key === key) current.to = day;
    else buckets.push({ key, from: day, to: day });
  }
  return buckets;
}
