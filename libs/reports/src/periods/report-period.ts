import { z } from 'zod';
import { DomainError } from '@dvc/domain-errors';
import { DateRange } from '@dvc/indicators';

/*
 * The periods a report covers. Officials report by month, quarter, 6 months, 9 months and year, either on the
 * calendar or on the statutory cut-off of Decree 09/2019/NĐ-CP (Article 12): a month runs from the 15th of the
 * month before to the 14th; a quarter from the 15th of the month before it to the 14th of its last month; 6
 * months, 9 months and a year from 15 December of the year before to 14 June, 14 September and 14 December.
 * The two cuts never agree, so every report says which one it uses.
 */

export const PERIOD_CUTS = ['statutory', 'calendar'] as const;
export const periodCutSchema = z.enum(PERIOD_CUTS);
/** statutory: Decree 09/2019 cut-off (15th to 14th); calendar: first to last day. */
export type PeriodCut = z.infer<typeof periodCutSchema>;

/** A reporting period as written: its kind and the year (and month or quarter) it names. */
export type ReportPeriodSpec =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'months'; year: number; months: 6 | 9 }
  | { kind: 'year'; year: number };

/** A reporting period placed on the calendar, with the words a report's header names it by. */
export interface ReportPeriod extends DateRange {
  /** As written back: 2026-03, 2026-Q1, 2026-6M, 2026-9M, 2026. */
  key: string;
  kind: ReportPeriodSpec['kind'];
  cut: PeriodCut;
  /** "Tháng 3 năm 2026", "Quý I năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026". */
  labelVi: string;
}

export const REPORT_PERIOD_FORMS = [
  '2026-03 (a month)',
  '2026-Q1 (a quarter)',
  '2026-6M, 2026-9M',
  '2026 (a year)',
];
const YEARS = { min: 2000, max: 2148 };

/** Reads period text (2026-03, 2026-Q1, 2026-H1 = 2026-6M, 2026-9M, 2026); a clear message otherwise. */
export function readReportPeriod(text: string): ReportPeriodSpec {
  const written = text.trim().toUpperCase();
  const refuse = (why: string): never => {
    throw new DomainError('invalid', `period "${text}": ${why}; expected ${REPORT_PERIOD_FORMS.join(', ')}`);
  };
  const match = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H(1)|([69])M))?$/.exec(written);
  if (!match) return refuse('not a reporting period');
  const year = Number(match[1]);
  if (year < YEARS.min || year > YEARS.max) return refuse(`year outside ${YEARS.min}–${YEARS.max}`);
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return refuse('month outside 01–12');
    return { kind: 'month', year, month };
  }
  if (match[3] !== undefined) return { kind: 'quarter', year, quarter: Number(match[3]) as 1 | 2 | 3 | 4 };
  if (match[4] !== undefined) return { kind: 'months', year, months: 6 };
  if (match[5] !== undefined) return { kind: 'months', year, months: Number(match[5]) as 6 | 9 };
  return { kind: 'year', year };
}

const pad = (value: number) => String(value).padStart(2, '0');
const dateOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
/** The last day of a calendar month (month 1-12). */
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** The first and last month (1-12) a period covers, as on the calendar. */
function monthsOf(spec: ReportPeriodSpec): [number, number] {
  switch (spec.kind) {
    case 'month':
      return [spec.month, spec.month];
    case 'quarter':
      return [3 * spec.quarter - 2, 3 * spec.quarter];
    case 'months':
      return [1, spec.months];
    case 'year':
      return [1, 12];
  }
}

/** The days a period covers on the given cut. */
export function reportPeriodRange(spec: ReportPeriodSpec, cut: PeriodCut): DateRange {
  const [first, last] = monthsOf(spec);
  if (cut === 'calendar')
    return { from: dateOf(spec.year, first, 1), to: dateOf(spec.year, last, lastDayOf(spec.year, last)) };
  // Statutory: from the 15th of the month before the first month (December of the year before for January)
  // to the 14th of the last month.
  return { from: statutoryStart(spec.year, first), to: dateOf(spec.year, last, 14) };
}

function statutoryStart(year: number, firstMonth: number): string {
  return firstMonth === 1 ? dateOf(year - 1, 12, 15) : dateOf(year, firstMonth - 1, 15);
}

const ROMAN = ['I', 'II', 'III', 'IV'];

export function reportPeriodKey(spec: ReportPeriodSpec): string {
  switch (spec.kind) {
    case 'month':
      return `${spec.year}-${pad(spec.month)}`;
    case 'quarter':
      return `${spec.year}-Q${spec.quarter}`;
    case 'months':
      return `${spec.year}-${spec.months}M`;
    case 'year':
      return String(spec.year);
  }
}

function labelOf(spec: ReportPeriodSpec): string {
  switch (spec.kind) {
    case 'month':
      return `Tháng ${spec.month} năm ${spec.year}`;
    case 'quarter':
      return `Quý ${ROMAN[spec.quarter - 1]} năm ${spec.year}`;
    case 'months':
      return spec.months === 6 ? `6 tháng đầu năm ${spec.year}` : `9 tháng năm ${spec.year}`;
    case 'year':
      return `Năm ${spec.year}`;
  }
}

/** Reads and places a reporting period on a cut. */
export function reportPeriod(text: string, cut: PeriodCut): ReportPeriod {
  const spec = readReportPeriod(text);
  return {
    key: reportPeriodKey(spec),
    kind: spec.kind,
    cut,
    labelVi: labelOf(spec),
    ...reportPeriodRange(spec, cut),
  };
}

/** 2026-03-14 → 14/03/2026, as Vietnamese forms write dates. */
export const vietnameseDate = (date: string) =>
  `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** "Kỳ báo cáo: Tháng 3 năm 2026 (Từ ngày 15/02/2026 đến ngày 14/03/2026)". */
export function periodHeading(period: ReportPeriod): string {
  const cut =
    period.cut === 'statutory' ? 'kỳ chốt số liệu theo Nghị định 09/2019/NĐ-CP' : 'theo tháng dương lịch';
  return (
    `Kỳ báo cáo: ${period.labelVi} (Từ ngày ${vietnameseDate(period.from)} đến ngày ` +
    `${vietnameseDate(period.to)}; ${cut})`
  );
}

/** The last period of a kind that has ended by `today` on the cut: what a report issued today covers. */
export function latestEndedPeriod(
  kind: ReportPeriodSpec['kind'],
  cut: PeriodCut,
  today: string,
): ReportPeriod {
  const year = Number(today.slice(0, 4));
  const candidates: string[] = [];
  for (const y of [year, year - 1]) {
    if (kind === 'year') candidates.push(String(y));
    if (kind === 'months') candidates.push(`${y}-9M`, `${y}-6M`);
    if (kind === 'quarter') for (const q of [4, 3, 2, 1]) candidates.push(`${y}-Q${q}`);
    if (kind === 'month') for (let m = 12; m >= 1; m--) candidates.push(`${y}-${pad(m)}`);
  }
  const ended = candidates.map((text) => reportPeriod(text, cut)).find((period) => period.to < today);
  return ended ?? reportPeriod(candidates[candidates.length - 1], cut);
}

const localTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
/** An instant as Vietnamese forms write it, in local time: "14/03/2026 17:05:00 (giờ Việt Nam)". */
export const vietnameseDateTime = (iso: string) =>
  `${localTime.format(new Date(iso)).replace(',', '')} (giờ Việt Nam)`;
