import { z } from 'zod';
import { jsonText } from './json-text.schema';

/**
 * When a scheduled report falls due after its period's last day: on the first given day of a month after it
 * (`{"dayOfMonth": 20}`: a statutory month ending on the 14th is issued on the 20th of the same month, a
 * calendar month on the 20th of the next), or on the Nth working day after it (`{"workingDaysAfterEnd": 2}`,
 * Saturdays, Sundays, Vietnam's public holidays and REPORT_HOLIDAYS' days off skipped). Local days
 * (Asia/Ho_Chi_Minh); due from 00:00 of that day.
 */
export const reportScheduleDueSchema = z.union([
  z.object({ dayOfMonth: z.number().int().min(1).max(28) }).strict(),
  z.object({ workingDaysAfterEnd: z.number().int().min(0).max(60) }).strict(),
]);
export type ReportScheduleDue = z.infer<typeof reportScheduleDueSchema>;

/** One scheduled report: which kind, for which periods and scopes, when, and who is told. */
export const reportScheduleSchema = z
  .object({
    /** Names the schedule in logs, the announcement and the webhook's idempotency key. */
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, ".", "_" or "-"'),
    /** A report kind of `GET /v1/reports` (ii06a, dvctt, targets, ranking); checked at start-up. */
    kind: z.string().trim().min(1),
    every: z.enum(['month', 'quarter', '6M', '9M', 'year']),
    /** Default: REPORT_PERIOD_CUT. */
    cut: z.enum(['statutory', 'calendar']).optional(),
    rows: z.enum(['field', 'agency', 'target']).optional(),
    structure: z.enum(['reported', 'current']).default('reported'),
    due: reportScheduleDueSchema,
    /** Agency codes (each its subtree), or "province". */
    scopes: z.array(z.string().trim().min(1)).min(1),
    /** Who gets the announcement by email, the XLSX attached. */
    email: z.array(z.email()).default([]),
    /** Where the announcement is POSTed, signed with the secret (X-DVC-Signature) when one is given. */
    webhook: z
      .object({ url: z.url({ protocol: /^https?$/ }), secret: z.string().min(16).nullable().default(null) })
      .strict()
      .optional(),
  })
  .strict();
export type ReportSchedule = z.infer<typeof reportScheduleSchema>;

/** `REPORT_SCHEDULES`: a JSON array of schedules, ids unique. */
export const reportSchedulesSchema = jsonText.pipe(
  z.array(reportScheduleSchema).superRefine((schedules, context) => {
    const seen = new Set<string>();
    for (const [index, schedule] of schedules.entries()) {
      if (seen.has(schedule.id))
        context.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${schedule.id}" is used twice`,
        });
      seen.add(schedule.id);
    }
  }),
);

/** 0 Sunday … 6 Saturday, of a local day (YYYY-MM-DD). */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** One named local day (YYYY-MM-DD): a day off, or a weekend day worked. */
export const namedDaySchema = z
  .object({ date: z.iso.date(), name: z.string().trim().min(1).max(200) })
  .strict();
export type NamedDay = z.infer<typeof namedDaySchema>;

/**
 * `REPORT_HOLIDAYS`: the province's own calendar on top of the national public holidays (built in,
 * libs/reports/src/schedules/holidays), for schedules due N working days after a period: `daysOff` (a provincial
 * day off, or a national one not yet built in), and `workingDays`, Saturdays or Sundays worked (a day swapped off
 * and made up). A day in both lists, or a working day that is not a Saturday or Sunday, is refused.
 */
export const reportHolidaysSchema = jsonText.pipe(
  z
    .object({
      daysOff: z.array(namedDaySchema).default([]),
      workingDays: z
        .array(
          namedDaySchema.refine((day) => [0, 6].includes(weekdayOf(day.date)), {
            message:
              'a working day listed here is a Saturday or Sunday worked (Monday to Friday already are)',
            path: ['date'],
          }),
        )
        .default([]),
    })
    .strict()
    .superRefine((calendar, context) => {
      const off = new Set(calendar.daysOff.map((day) => day.date));
      for (const [index, day] of calendar.workingDays.entries())
        if (off.has(day.date))
          context.addIssue({
            code: 'custom',
            path: ['workingDays', index, 'date'],
            message: `${day.date} is also in daysOff`,
          });
    }),
);
export type ReportHolidays = z.infer<typeof reportHolidaysSchema>;
