import type { IndicatorAnswer } from '../api/types';
import type { Language } from '../format/format';

export const TREND_UNITS = ['day', 'week', 'month'] as const;
export type TrendUnit = (typeof TREND_UNITS)[number];

/** How far back each step's trend reaches: 30 days, 12 weeks, 12 months. */
export const TREND_PERIODS: Record<TrendUnit, string> = {
  day: 'rolling-30d',
  week: 'rolling-84d',
  month: 'rolling-365d',
};

export function trendUnitOf(text: string | null): TrendUnit {
  return (TREND_UNITS as readonly string[]).includes(text ?? '') ? (text as TrendUnit) : 'day';
}

export interface TrendPoint {
  key: string;
  label: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
}

/**
 * An answer grouped by day, week or month as the points of a trend: a short label per bucket in the viewer's
 * language (02/12, Tuần 49 / Week 49, 12/2026), its value and counts.
 */
export function trendPoints(answer: IndicatorAnswer, unit: TrendUnit, language: Language): TrendPoint[] {
  return (answer.groups ?? []).map((group) => ({
    key: group.key ?? '',
    label: bucketLabel(group.key ?? '', unit, language),
    value: group.value,
    numerator: group.numerator,
    denominator: group.denominator,
  }));
}

export function bucketLabel(key: string, unit: TrendUnit, language: Language): string {
  switch (unit) {
    case 'day':
      return `${key.slice(8, 10)}/${key.slice(5, 7)}`;
    case 'week': {
      const week = Number(key.slice(key.indexOf('W') + 1));
      return language === 'vi' ? `Tuần ${week}` : `Week ${week}`;
    }
    case 'month':
      return `${key.slice(5, 7)}/${key.slice(0, 4)}`;
  }
}

/** A chart's axis value: shares in percent (52.3 for 0.523), other units as they are. */
export function chartValue(value: number | null, unit: IndicatorAnswer['unit']): number | null {
  if (value === null) return null;
  return unit === 'share' ? Math.round(value * 1000) / 10 : value;
}
