import { z } from 'zod';
import { DomainError } from '@dvc/domain-errors';
import { DateRange, localDateSchema } from '../local-calendar';

/*
 * Periods as officials name them in reports ("2026-Q1", "9 tháng" = 2026-9M, "ytd", "rolling-30d"), resolved
 * to inclusive spans of local days. Dates are YYYY-MM-DD strings; arithmetic runs on UTC midnights, where
 * every day is 24 h long, so the local calendar (UTC+7, no DST) is never shifted.
 */

export const PERIOD_KINDS = [
  'year',
  'quarter',
  'half',
  'months',
  'month',
  'day',
  'ytd',
  'qtd',
  'mtd',
  'rolling',
  'range',
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The period as written, read but not yet placed against today. */
export type PeriodSpec =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'half'; year: number; half: 1 | 2 }
  | { kind: 'months'; year: number; months: 3 | 6 | 9 | 12 }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'day'; date: string }
  | { kind: 'ytd' }
  | { kind: 'qtd' }
  | { kind: 'mtd' }
  | { kind: 'rolling'; days: number }
  | { kind: 'range'; from: string; to: string };

export const PERIOD_YEARS = { min: 2000, max: 2148 } as const;
export const ROLLING_DAYS = { min: 1, max: 366 } as const;

export const PERIOD_FORMS: readonly string[] = [
  '2026 (a year)',
  '2026-Q1 … 2026-Q4 (a quarter)',
  '2026-H1, 2026-H2 (a half year)',
  '2026-3M, 2026-6M, 2026-9M, 2026-12M (the first 3, 6, 9 or 12 months)',
  '2026-03 (a month)',
  '2026-03-15 (a day)',
  '2026-03-01..2026-03-15 (the days from one date to another, inclusive)',
  'ytd, qtd, mtd (from the start of the current year, quarter or month to today)',
  'rolling-30d (the 30 days ending today, 1 to 366 days)',
];

const FORMS_HINT = `expected one of: ${PERIOD_FORMS.join('; ')}`;

export type PeriodReading = { ok: true; spec: PeriodSpec } | { ok: false; message: string };

/** Reads period text without throwing; the message says what is wrong and, for unknown shapes, every form. */
export function readPeriod(text: string): PeriodReading {
  const written = text.trim();
  const refuse = (message: string): PeriodReading => ({ ok: false, message });
  const yearOf = (digits: string) => {
    const year = Number(digits);
    return year >= PERIOD_YEARS.min && year <= PERIOD_YEARS.max ? year : null;
  };
  const yearOutOfRange = (digits: string) =>
    refuse(`year ${digits} is outside ${PERIOD_YEARS.min}–${PERIOD_YEARS.max}`);
  const dateProblem = (date: string) => {
    if (!localDateSchema.safeParse(date).success) return `${date} is not a calendar date`;
    return yearOf(date.slice(0, 4)) === null
      ? `year ${date.slice(0, 4)} is outside ${PERIOD_YEARS.min}–${PERIOD_YEARS.max}`
      : null;
  };

  const toDate = /^(ytd|qtd|mtd)$/i.exec(written);
  if (toDate) return { ok: true, spec: { kind: toDate[1].toLowerCase() as 'ytd' | 'qtd' | 'mtd' } };

  const rolling = /^rolling-(\d+)d$/i.exec(written);
  if (rolling) {
    const days = Number(rolling[1]);
    if (days < ROLLING_DAYS.min || days > ROLLING_DAYS.max) {
      return refuse(`rolling periods are ${ROLLING_DAYS.min} to ${ROLLING_DAYS.max} days, got ${rolling[1]}`);
    }
    return { ok: true, spec: { kind: 'rolling', days } };
  }

  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(written);
  if (range) {
    const [, from, to] = range;
    const problem = dateProblem(from) ?? dateProblem(to);
    if (problem) return refuse(problem);
    if (from > to) return refuse(`${from} is after ${to}`);
    return { ok: true, spec: { kind: 'range', from, to } };
  }

  if (/^\d{4}-\d{2}-\d{2}$/.test(written)) {
    const problem = dateProblem(written);
    return problem ? refuse(problem) : { ok: true, spec: { kind: 'day', date: written } };
  }

  const withYear = /^(\d{4})(?:-(.+))?$/.exec(written);
  if (!withYear) return refuse(`"${text}" is not a period; ${FORMS_HINT}`);
  const [, yearDigits, part] = withYear;
  const year = yearOf(yearDigits);
  if (year === null) return yearOutOfRange(yearDigits);
  if (part === undefined) return { ok: true, spec: { kind: 'year', year } };

  const quarter = /^q(\d)$/i.exec(part);
  if (quarter) {
    const number = Number(quarter[1]);
    if (number < 1 || number > 4) return refuse(`quarters are Q1 to Q4, got ${part}`);
    return { ok: true, spec: { kind: 'quarter', year, quarter: number as 1 | 2 | 3 | 4 } };
  }
  const half = /^h(\d)$/i.exec(part);
  if (half) {
    const number = Number(half[1]);
    if (number < 1 || number > 2) return refuse(`halves are H1 and H2, got ${part}`);
    return { ok: true, spec: { kind: 'half', year, half: number as 1 | 2 } };
  }
  const months = /^(\d{1,2})m$/i.exec(part);
  if (months) {
    const count = Number(months[1]);
    if (![3, 6, 9, 12].includes(count) || months[1].startsWith('0')) {
      return refuse(`the first-months forms are 3M, 6M, 9M and 12M, got ${part}`);
    }
    return { ok: true, spec: { kind: 'months', year, months: count as 3 | 6 | 9 | 12 } };
  }
  if (/^\d{2}$/.test(part)) {
    const month = Number(part);
    if (month < 1 || month > 12) return refuse(`months are 01 to 12, got ${part}`);
    return { ok: true, spec: { kind: 'month', year, month } };
  }
  return refuse(`"${text}" is not a period; ${FORMS_HINT}`);
}

/** The one spelling of a period: upper-case Q/H/M, lower-case ytd/qtd/mtd/rolling, two-digit months. */
export function formatPeriod(spec: PeriodSpec): string {
  switch (spec.kind) {
    case 'year':
      return `${spec.year}`;
    case 'quarter':
      return `${spec.year}-Q${spec.quarter}`;
    case 'half':
      return `${spec.year}-H${spec.half}`;
    case 'months':
      return `${spec.year}-${spec.months}M`;
    case 'month':
      return `${spec.year}-${pad2(spec.month)}`;
    case 'day':
      return spec.date;
    case 'ytd':
    case 'qtd':
    case 'mtd':
      return spec.kind;
    case 'rolling':
      return `rolling-${spec.days}d`;
    case 'range':
      return `${spec.from}..${spec.to}`;
  }
}

/** Period text as a boundary accepts it (query string, target row): checked and written the one way. */
export const periodTextSchema = z
  .string()
  .transform((text, context) => {
    const reading = readPeriod(text);
    if (reading.ok) return formatPeriod(reading.spec);
    context.addIssue({ code: 'custom', message: reading.message });
    return z.NEVER;
  })
  .describe(`A period: ${PERIOD_FORMS.join('; ')}`);

/** Period text resolved to its days; ytd, qtd, mtd and rolling periods end on `today` (a local date). */
export function periodSchemaFor(today: string) {
  const todayDate = requireLocalDate(today, 'today');
  return periodTextSchema.transform((text) => resolvePeriod(readValid(text), todayDate));
}

/**
 * The days a period covers. Periods named by the calendar (2027, 2026-Q3) are returned whole even when they
 * lie in the future: targets are set ahead. Throws DomainError('invalid') for text that is not a period.
 */
export function parsePeriod(text: string, today: string): DateRange {
  return resolvePeriod(readValid(text), today);
}

/** What kind of period the text names (its length class), without needing today. */
export function periodKind(text: string): PeriodKind {
  return readValid(text).kind;
}

/** The days of a period already read; `today` places ytd, qtd, mtd and rolling periods. */
export function resolvePeriod(spec: PeriodSpec, today: string): DateRange {
  requireLocalDate(today, 'today');
  const todayYear = Number(today.slice(0, 4));
  const todayMonth = Number(today.slice(5, 7));
  switch (spec.kind) {
    case 'year':
      return monthsRange(spec.year, 1, 12);
    case 'quarter':
      return monthsRange(spec.year, spec.quarter * 3 - 2, spec.quarter * 3);
    case 'half':
      return monthsRange(spec.year, spec.half * 6 - 5, spec.half * 6);
    case 'months':
      return monthsRange(spec.year, 1, spec.months);
    case 'month':
      return monthsRange(spec.year, spec.month, spec.month);
    case 'day':
      return { from: spec.date, to: spec.date };
    case 'ytd':
      return { from: `${todayYear}-01-01`, to: today };
    case 'qtd':
      return { from: `${todayYear}-${pad2(todayMonth - ((todayMonth - 1) % 3))}-01`, to: today };
    case 'mtd':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'rolling':
      return { from: addDays(today, 1 - spec.days), to: today };
    case 'range':
      return { from: spec.from, to: spec.to };
  }
}

function readValid(text: string): PeriodSpec {
  const reading = readPeriod(text);
  if (!reading.ok) throw new DomainError('invalid', reading.message, [...PERIOD_FORMS]);
  return reading.spec;
}

export const BUCKET_UNITS = ['day', 'week', 'month'] as const;
export type BucketUnit = (typeof BUCKET_UNITS)[number];

/** One step of a series: a day, an ISO week (Monday–Sunday) or a month, clipped to the range asked for. */
export interface DateBucket extends DateRange {
  /** `2026-03-15` (day), `2026-W05` (ISO week-year and week), `2026-03` (month). */
  key: string;
}

/** The bucket a local date falls in; the same key `splitIntoBuckets` gives that bucket. */
export function bucketKeyOf(date: string, unit: BucketUnit): string {
  requireLocalDate(date, 'date');
  switch (unit) {
    case 'day':
      return date;
    case 'month':
      return date.slice(0, 7);
    case 'week': {
      // ISO 8601: a week belongs to the year its Thursday falls in, so 2021-01-03 is in 2020-W53.
      const thursday = addDays(date, 3 - isoWeekdayIndex(date));
      const weekYear = thursday.slice(0, 4);
      const week = Math.floor((dayNumber(thursday) - dayNumber(`${weekYear}-01-01`)) / 7) + 1;
      return `${weekYear}-W${pad2(week)}`;
    }
  }
}

/** Consecutive buckets covering the range exactly; the first and last are cut at the range's ends. */
export function splitIntoBuckets(range: DateRange, unit: BucketUnit): DateBucket[] {
  requireOrderedRange(range);
  const buckets: DateBucket[] = [];
  for (let from = range.from; from <= range.to;) {
    const bucketEnd = lastDayOfBucket(from, unit);
    const to = bucketEnd < range.to ? bucketEnd : range.to;
    buckets.push({ key: bucketKeyOf(from, unit), from, to });
    from = addDays(to, 1);
  }
  return buckets;
}

function lastDayOfBucket(date: string, unit: BucketUnit): string {
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, 6 - isoWeekdayIndex(date));
    case 'month':
      return lastDayOfMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  }
}

/** How many days a range covers, both ends included (a single day is 1). */
export function daysBetweenInclusive(range: DateRange): number {
  requireOrderedRange(range);
  return dayNumber(range.to) - dayNumber(range.from) + 1;
}

/** The local date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  requireLocalDate(date, 'date');
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  const result = dateOfDayNumber(dayNumber(date) + days);
  if (!/^\d{4}-/.test(result)) throw new RangeError(`${date} plus ${days} days leaves years 0000–9999`);
  return result;
}

/**
 * The same calendar dates one year earlier, for comparing with last year. 29 February becomes 28 February,
 * so 2028-02-29 → 2027-02-28; dates are shifted as written, so 2025-02 (to 02-28) maps to 2024-02-01..02-28.
 */
export function sameRangeLastYear(range: DateRange): DateRange {
  requireOrderedRange(range);
  return { from: sameDateLastYear(range.from), to: sameDateLastYear(range.to) };
}

function sameDateLastYear(date: string): string {
  if (date.startsWith('0000')) throw new RangeError(`no year before ${date}`);
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6 (ISO), where Date counts from Sunday. */
function isoWeekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function monthsRange(year: number, firstMonth: number, lastMonth: number): DateRange {
  return { from: `${year}-${pad2(firstMonth)}-01`, to: lastDayOfMonth(year, lastMonth) };
}

function lastDayOfMonth(year: number, month: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(days)}`;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

function requireLocalDate(date: string, name: string): string {
  if (!localDateSchema.safeParse(date).success) {
    throw new RangeError(`${name} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return date;
}

function requireOrderedRange(range: DateRange): void {
  requireLocalDate(range.from, 'from');
  requireLocalDate(range.to, 'to');
  if (range.from > range.to) throw new RangeError(`range starts ${range.from}, after its end ${range.to}`);
}
