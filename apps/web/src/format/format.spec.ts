import {
  formatCount,
  formatDay,
  formatGap,
  formatMoment,
  formatPoints,
  formatRatio,
  formatShare,
  formatShareGap,
  formatValue,
} from './format';

describe('formats for officials', () => {
  it('groups counts the Vietnamese way (dot) and the English way (comma)', () => {
    expect(formatCount(1234567, 'vi')).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(0, 'vi')).toBe('0');
    expect(formatCount(null, 'vi')).toBe('–');
  });

  it('shows shares with one decimal and the locale decimal mark', () => {
    expect(formatShare(0.5234, 'vi')).toBe('52,3%');
    expect(formatShare(0.5234, 'en')).toBe('52.3%');
    expect(formatShare(1, 'vi')).toBe('100,0%');
    expect(formatShare(null, 'en')).toBe('–');
    expect(formatShare(Number.NaN, 'en')).toBe('–');
  });

  it('signs percentage points and names the unit in each language', () => {
    expect(formatPoints(7.25, 'vi')).toBe('+7,3 điểm %');
    expect(formatPoints(-1.5, 'en')).toBe('-1.5 pp');
    expect(formatPoints(0, 'en')).toBe('0.0 pp');
    expect(formatShareGap(-0.034, 'vi')).toBe('-3,4 điểm %');
    expect(formatShareGap(null, 'vi')).toBe('–');
  });

  it('writes days and moments day first, in Vietnam time whatever the viewer’s clock', () => {
    expect(formatDay('2026-12-02')).toBe('02/12/2026');
    // 17:30 UTC is 00:30 the next day in Hanoi.
    expect(formatMoment('2026-12-01T17:30:05Z', 'vi')).toBe('00:30:05 02/12/2026');
    expect(formatMoment('2026-12-01T17:30:05Z', 'en')).toBe('00:30:05 02/12/2026');
  });

  it('writes numerator over denominator, or the count alone', () => {
    expect(formatRatio({ numerator: 1200, denominator: 4800 }, 'vi')).toBe('1.200 / 4.800');
    expect(formatRatio({ numerator: 1200, denominator: null }, 'en')).toBe('1,200');
  });

  it('shows an indicator’s value and gap in its unit', () => {
    expect(formatValue(0.5234, 'share', 'vi')).toBe('52,3%');
    expect(formatValue(7.25, 'percentage_points', 'en')).toBe('+7.3 pp');
    expect(formatValue(12345, 'count', 'vi')).toBe('12.345');
    expect(formatValue(null, 'count', 'en')).toBe('–');
    expect(formatGap(-0.123, 'share', 'vi')).toBe('-12,3 điểm %');
    expect(formatGap(1.5, 'percentage_points', 'en')).toBe('+1.5 pp');
    expect(formatGap(-1200, 'count', 'vi')).toBe('-1.200');
    expect(formatGap(1200, 'count', 'en')).toBe('+1,200');
    expect(formatGap(null, 'share', 'en')).toBe('–');
  });
});
