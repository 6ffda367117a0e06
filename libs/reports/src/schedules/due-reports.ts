import type { ReportSchedule, ReportScheduleDue } from '@dvc/config';
import { localDateOf } from '@dvc/indicators';
import { PeriodCut, ReportPeriod, reportPeriod } from '../periods/report-period';
import { addWorkingDays, WorkingCalendar } from './holidays/working-days';

/** One report a schedule wants issued now: kind, scope, period and layout, as `issue` takes them. */
export interface DueReport {
  scheduleId: string;
  kind: string;
  /** An agency code, or null for the province. */
  agency: string | null;
  period: ReportPeriod;
  rows: string;
  structure: ReportSchedule['structure'];
  /** The local day it fell due on. */
  dueOn: string;
}

/** What makes an issued report the same one (the unique key of reports.issued_reports). */
export interface IssuedKey {
  kind: string;
  /** The agency code, or "province". */
  scope: string;
  periodKey: string;
  cut: string;
  rows: string;
  structure: string;
}

export const PROVINCE_SCOPE = 'province';

export const issuedKeyOf = (key: IssuedKey) =>
  [key.kind, key.scope, key.periodKey, key.cut, key.rows, key.structure].join('\u0000');

/**
 * The local day a period ending on `lastDay` falls due: the first `dayOfMonth` after it, or its Nth working day
 * after it (Monday to Friday, less the calendar's public holidays and province days off, plus the weekend days
 * it has worked).
 */
export function dueDay(lastDay: string, due: ReportScheduleDue, calendar: WorkingCalendar): string {
  if ('dayOfMonth' in due) {
    const [year, month, day] = lastDay.split('-').map(Number);
    // Strictly after the last day: in the same month if the day is later, else in the next one.
    const [y, m] = day < due.dayOfMonth ? [year, month] : month === 12 ? [year + 1, 1] : [year, month + 1];
    return `${y}-${String(m).padStart(2, '0')}-${String(due.dayOfMonth).padStart(2, '0')}`;
  }
  // "0 working days after": the last day itself if a working day, else the next working day.
  return addWorkingDays(calendar, lastDay, due.workingDaysAfterEnd);
}

/** The periods of an `every` around a year, latest first. */
function periodKeys(every: ReportSchedule['every'], year: number): string[] {
  const keys: string[] = [];
  for (const y of [year + 1, year, year - 1]) {
    if (every === 'year') keys.push(String(y));
    if (every === '9M') keys.push(`${y}-9M`);
    if (every === '6M') keys.push(`${y}-6M`);
    if (every === 'quarter') for (const q of [4, 3, 2, 1]) keys.push(`${y}-Q${q}`);
    if (every === 'month') for (let m = 12; m >= 1; m--) keys.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return keys;
}

/** The latest period of a schedule that has fallen due by `today` (local), with its due day. */
export function latestDuePeriod(
  schedule: Pick<ReportSchedule, 'every' | 'due'>,
  cut: PeriodCut,
  today: string,
  calendar: WorkingCalendar,
): { period: ReportPeriod; dueOn: string } | null {
  for (const key of periodKeys(schedule.every, Number(today.slice(0, 4)))) {
    const period = reportPeriod(key, cut);
    const dueOn = dueDay(period.to, schedule.due, calendar);
    if (dueOn <= today) return { period, dueOn };
  }
  return null;
}

/**
 * What the schedules want issued at `now`: for each schedule and scope, its latest period that has fallen due
 * (the local day `now` is on, or before), unless a report of that kind, scope, period, cut and structure was
 * issued already. An earlier period missed while no scheduler ran is not caught up: the latest one is issued.
 */
export function dueReports(
  now: Date,
  /** With `rows` given (the kind's first grouping where the configuration left it out). */
  schedules: readonly (ReportSchedule & { rows: string })[],
  alreadyIssued: ReadonlySet<string>,
  defaultCut: PeriodCut,
  /** Which days count as working days for `workingDaysAfterEnd`. */
  calendar: WorkingCalendar,
): DueReport[] {
  const today = localDateOf(now);
  const due: DueReport[] = [];
  for (const schedule of schedules) {
    const cut = schedule.cut ?? defaultCut;
    const latest = latestDuePeriod(schedule, cut, today, calendar);
    if (!latest) continue;
    for (const scope of schedule.scopes) {
      const key = issuedKeyOf({
        kind: schedule.kind,
        scope,
        periodKey: latest.period.key,
        cut,
        rows: schedule.rows,
        structure: schedule.structure,
      });
      if (alreadyIssued.has(key)) continue;
      due.push({
        scheduleId: schedule.id,
        kind: schedule.kind,
        agency: scope === PROVINCE_SCOPE ? null : scope,
        period: latest.period,
        rows: schedule.rows,
        structure: schedule.structure,
        dueOn: latest.dueOn,
      });
    }
  }
  return due;
}
