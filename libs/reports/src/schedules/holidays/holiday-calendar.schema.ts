import { z } from 'zod';
import { namedDaySchema, weekdayOf } from '@dvc/config';

const weekend = (date: string) => [0, 6].includes(weekdayOf(date));

/**
 * One year of Vietnam's public holidays as days off for state agencies: the weekdays off (holidays, days in lieu
 * of one on a weekend, swapped days) and the Saturdays or Sundays worked to make a swapped day up.
 */
export const holidayYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** False: the Government had not announced the year yet; its days follow the Labour Code's rule. */
    announced: z.boolean(),
    source: z.string().trim().min(1),
    daysOff: z.array(
      namedDaySchema.refine((day) => !weekend(day.date), {
        message: 'a day off is Monday to Friday (a holiday on a weekend is listed as the weekday in lieu)',
        path: ['date'],
      }),
    ),
    workingWeekendDays: z.array(
      namedDaySchema.refine((day) => weekend(day.date), {
        message: 'a weekend day worked is a Saturday or Sunday',
        path: ['date'],
      }),
    ),
  })
  .strict()
  .superRefine((year, context) => {
    const seen = new Set<string>();
    for (const list of ['daysOff', 'workingWeekendDays'] as const)
      for (const [index, day] of year[list].entries()) {
        if (!day.date.startsWith(`${year.year}-`))
          context.addIssue({ code: 'custom', path: [list, index, 'date'], message: `not in ${year.year}` });
        if (seen.has(day.date))
          context.addIssue({
            code: 'custom',
            path: [list, index, 'date'],
            message: `${day.date} is listed twice`,
          });
        seen.add(day.date);
      }
  });
export type HolidayYear = z.infer<typeof holidayYearSchema>;

/** The data file (vietnam-holidays.json): the years in order, each once. */
export const holidayCalendarSchema = z
  .object({ about: z.string(), years: z.array(holidayYearSchema).min(1) })
  .strict()
  .superRefine((calendar, context) => {
    for (const [index, year] of calendar.years.entries())
      if (index > 0 && year.year !== calendar.years[index - 1].year + 1)
        context.addIssue({
          code: 'custom',
          path: ['years', index, 'year'],
          message: `${year.year} does not follow ${calendar.years[index - 1].year}`,
        });
  });
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;
