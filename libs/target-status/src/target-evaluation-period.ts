import { addDays, DateRange } from '@dvc/indicators';

/** How a target's period is written in the catalogue (libs/catalogue TargetPeriod). */
export type TargetPeriodRule =
  { kind: 'year' } | { kind: 'quarter' } | { kind: 'month' } | { kind: 'rolling'; days: number };

const pad = (value: number) => String(value).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The period a target is judged over when someone asks about `asked`: the target's own period (a year, a
 * quarter, a month, or its rolling window) around the day being looked at, which is today while `asked` is
 * running, its last day once it has ended, and its first day if it has not begun.
 */
export function targetEvaluationPeriod(rule: TargetPeriodRule, asked: DateRange, today: string): DateRange {
  const day = today < asked.from ? asked.from : today > asked.to ? asked.to : today;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (rule.kind) {
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'quarter': {
      const first = month - ((month - 1) % 3);
      const last = first + 2;
      return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${lastDayOfMonth(year, last)}` };
    }
    case 'month':
      return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${lastDayOfMonth(year, month)}` };
    case 'rolling':
      return { from: addDays(day, 1 - rule.days), to: day };
  }
}
