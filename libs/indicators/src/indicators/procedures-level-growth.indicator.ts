import { z } from 'zod';
import { DomainError } from '@dvc/domain-errors';
import type { IndicatorFigures } from '../indicator-query.schema';
import { previousDay } from '../local-calendar';
import { ratio } from '../ratio';
import { ratioSchema } from '../ratio.schema';
import { defineIndicator, GroupFigures, NO_RATIO } from './indicator';
import { BY_END_OF_PERIOD, byBucketAndGroup, levelGrowth, procedureLevels } from './procedure-levels';

/** The shares it compares, served beside the figures as `growth`. */
const growthSchema = z.object({
  level: z.number().int(),
  previous: ratioSchema.extend({ date: z.string() }),
  current: ratioSchema.extend({ date: z.string() }),
  upgraded: z
    .number()
    .int()
    .describe('procedures at the level at the end that were in force below it at the start'),
});

export const proceduresLevelGrowth = defineIndicator({
  definition: {
    ...BY_END_OF_PERIOD,
    unit: 'percentage_points',
    options: ['level'],
    id: 'procedures.level_growth',
    nameVi: 'Tăng trưởng tỷ lệ dịch vụ công trực tuyến mức độ 3, 4',
    nameEn: 'Yearly growth of the share of procedures at level 3 / level 4',
    description:
      'The share of procedures at level L or above (level=3) or at level 4 (level=4) on the last day of the ' +
      'period, minus the same share on the day before it starts (for a year: 31 December of the year before), ' +
      'in percentage points; also the number of procedures upgraded to the level during the period (at it at ' +
      'the end, in force below it at the start).',
  },
  check(options) {
    if (options.level === null)
      throw new DomainError('invalid', 'procedures.level_growth needs level=3 or level=4');
  },
  /** The share at the level on each bucket's last day against the day before the bucket starts. */
  async figures({ engine, query, options }) {
    const level = options.level as 3 | 4;
    const days = query.buckets.flatMap((bucket) => [previousDay(bucket.from), bucket.to]);
    const rows = byBucketAndGroup(await procedureLevels(engine, query, days));
    const result: GroupFigures[] = [];
    for (const [bucketIndex] of query.buckets.entries()) {
      const [startDay, endDay] = [2 * bucketIndex + 1, 2 * bucketIndex + 2];
      // A group in force at the start only still has a previous share (and a current one of 0/0).
      const groups = new Set(
        rows.groups.filter((row) => row.bucket === startDay || row.bucket === endDay).map((row) => row.group),
      );
      for (const group of groups) {
        const growth = levelGrowth(rows.levelsOf(startDay, group), rows.levelsOf(endDay, group), level);
        result.push({
          bucket: bucketIndex + 1,
          group,
          figures: {
            numerator: growth.current.numerator,
            denominator: growth.current.denominator,
            value: growth.percentagePoints,
            breakdown: {
              upgraded: growth.upgraded,
              previousNumerator: growth.previous.numerator,
              previousDenominator: growth.previous.denominator,
            },
          },
        });
      }
    }
    return result;
  },
  empty: { ...NO_RATIO, breakdown: { upgraded: 0, previousNumerator: 0, previousDenominator: 0 } },
  answerFields: {
    growth: growthSchema.optional().describe('procedures.level_growth only: the shares it compares'),
  },
  answer: (figures, period, options) => ({ growth: growthOf(figures, period, options.level) }),
});

function growthOf(
  figures: IndicatorFigures | undefined,
  period: { from: string; to: string },
  level: 3 | 4 | null,
) {
  const breakdown = figures?.breakdown ?? {};
  const previousNumerator = breakdown.previousNumerator ?? 0;
  const previousDenominator = breakdown.previousDenominator ?? 0;
  return {
    level: level ?? 3,
    previous: { date: previousDay(period.from), ...ratio(previousNumerator, previousDenominator) },
    current: {
      date: period.to,
      ...ratio(figures?.numerator ?? 0, figures?.denominator ?? 0),
    },
    upgraded: breakdown.upgraded ?? 0,
  };
}
