import { localDateSchema } from '@dvc/indicators';

export { previousDay as dayBefore } from '@dvc/indicators';

/** The catalogue's dates: local calendar days from 2000 on (ClickHouse's Date type ends in 2149). */
export const catalogueDateSchema = localDateSchema.refine(
  (date) => date >= '2000-01-01' && date <= '2149-06-05',
  {
    message: 'expected a date between 2000-01-01 and 2149-06-05',
    // Only for a well-formed date: "1.7.2025" is not a date at all, not one out of range.
    when: (payload) => payload.issues.length === 0,
  },
);

/** Stands for "no end" where a column needs a value (ClickHouse). */
export const OPEN_END = '2149-06-06';

/** The earliest of some dates, ignoring nulls (null when all are null). */
export function earliest(...dates: (string | null | undefined)[]): string | null {
  const present = dates.filter((date): date is string => Boolean(date));
  return present.length ? present.reduce((a, b) => (a < b ? a : b)) : null;
}

/** An optional inclusive end date: absent or null means open-ended. */
export const optionalEndDateSchema = catalogueDateSchema.nullable().optional();
