import { z } from 'zod';

/** Every period is a span of calendar days in Vietnam's time zone (fixed +07:00 since 1975, no DST). */
export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const localDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LOCAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local calendar day (YYYY-MM-DD) an instant falls on. */
export function localDateOf(instant: Date | string): string {
  return localDateFormat.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date');

/** Inclusive span of local calendar days. */
export interface DateRange {
  from: string;
  to: string;
}

/** Adds the one ordering rule every date span obeys: `from` is not after `to`. */
export function withOrderedRange<T extends z.ZodType<DateRange>>(schema: T): T {
  return schema.refine((range) => range.from <= range.to, {
    message: '"from" must not be after "to"',
    path: ['to'],
  }) as T;
}

export const dateRangeSchema = withOrderedRange(z.object({ from: localDateSchema, to: localDateSchema }));

/** The same rule for a schema whose ends are optional: checked when both are given. */
export function checkRangeOrder(range: { from?: string; to?: string }, context: z.RefinementCtx): void {
  if (range.from === undefined || range.to === undefined) return;
  const result = dateRangeSchema.safeParse(range);
  if (result.success) return;
  for (const { message, path } of result.error.issues) context.addIssue({ code: 'custom', message, path });
}

/** The day before a local date (YYYY-MM-DD). */
export function previousDay(date: string): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() - 1);
  return instant.toISOString().slice(0, 10);
}
