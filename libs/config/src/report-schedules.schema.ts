import { z } from 'zod';

/**
 * When a scheduled report falls due after its period's last day: on the first given day of a month after it
 * (`{"dayOfMonth": 20}`: a statutory month ending on the 14th is issued on the 20th of the same month, a
 * calendar month on the 20th of the next), or on the Nth working day after it (`{"workingDaysAfterEnd": 2}`,
 * Saturdays and Sundays skipped). Local days (Asia/Ho_Chi_Minh); due from 00:00 of that day.
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
export const reportSchedulesSchema = z
  .string()
  .transform((raw, context): unknown => {
    try {
      return JSON.parse(raw);
    } catch (error) {
      context.addIssue({ code: 'custom', message: `not JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(
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
