/** Numbers, shares and moments as officials read them: vi-VN by default, en by the switch. */
export type Language = 'vi' | 'en';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
/** Figures are about Vietnamese local days whatever the viewer's clock says. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function formatCount(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 }).format(value);
}

/** A share in [0, 1] as a percentage with one decimal (52,3% / 52.3%); '–' when there is none. */
export function formatShare(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** Percentage points with their sign: +7,2 điểm % / +7.2 pp. */
export function formatPoints(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const number = new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
  return language === 'vi' ? `${number} điểm %` : `${number} pp`;
}

/** A gap between a share and its threshold, in percentage points. */
export function formatShareGap(gap: number | null | undefined, language: Language): string {
  return gap === null || gap === undefined ? '–' : formatPoints(gap * 100, language);
}

/** A local day (YYYY-MM-DD) as 02/12/2026: day first in both languages (en-GB). */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** A moment in Vietnam's time: 08:05:09 02/12/2026. */
export function formatMoment(instant: string | Date, language: Language): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}:${part('second')} ${part('day')}/${part('month')}/${part('year')}`;
}

/** "numerator / denominator" with the locale's grouping: 1.234 / 5.678. */
export function formatRatio(
  figures: { numerator: number; denominator: number | null },
  language: Language,
): string {
  if (figures.denominator === null) return formatCount(figures.numerator, language);
  return `${formatCount(figures.numerator, language)} / ${formatCount(figures.denominator, language)}`;
}

export type IndicatorUnit = 'share' | 'percentage_points' | 'count';

/** An indicator's value in its unit: a share, a growth in points, or a count. */
export function formatValue(
  value: number | null | undefined,
  unit: IndicatorUnit,
  language: Language,
): string {
  switch (unit) {
    case 'share':
      return formatShare(value, language);
    case 'percentage_points':
      return formatPoints(value, language);
    case 'count':
      return formatCount(value, language);
  }
}

/** A value's distance to its threshold in the value's unit: points for shares and growths, a signed count. */
export function formatGap(gap: number | null | undefined, unit: IndicatorUnit, language: Language): string {
  if (unit === 'share') return formatShareGap(gap, language);
  if (unit === 'percentage_points') return formatPoints(gap, language);
  if (gap === null || gap === undefined) return '–';
  return new Intl.NumberFormat(LOCALES[language], { signDisplay: 'exceptZero' }).format(gap);
}
