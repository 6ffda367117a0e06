import {
  headerKey,
  parseAgencyKind,
  parseComparator,
  parseDate,
  parseFlag,
  parseLevel,
  parseMode,
  parseOptions,
  parsePeriod,
  parseThreshold,
} from './import-cells';

describe('reading spreadsheet cells', () => {
  it.each([
    ['2025-07-01', '2025-07-01'],
    ['2025-7-1', '2025-07-01'],
    ['01/07/2025', '2025-07-01'],
    ['1/7/2025', '2025-07-01'],
    ['01-07-2025', '2025-07-01'],
    ['01.07.2025', '2025-07-01'],
    ['2025-07-01T00:00:00.000Z', '2025-07-01'],
    ['2025-07-01 00:00:00', '2025-07-01'],
    ['45839', '2025-07-01'],
    // Excel serial numbers of a date-time: the day counts
    ['45839.75', '2025-07-01'],
  ])('reads the date %s as %s (day first, as Vietnamese Excel shows it)', (raw, expected) => {
    expect(parseDate(raw)).toEqual({ value: expected });
  });

  it.each(['July 1, 2025', '2025/07', '1.7', '07/2025', 'hôm nay'])('refuses %s as a date', (raw) => {
    expect(parseDate(raw)).toEqual({ reason: 'expected a date as YYYY-MM-DD or DD/MM/YYYY' });
  });

  it.each([
    ['yes', true],
    ['Có', true],
    ['co', true],
    ['x', true],
    ['X', true],
    ['TRUE', true],
    ['1', true],
    ['no', false],
    ['Không', false],
    ['', false],
    ['0', false],
    ['false', false],
  ])('reads the flag %j as %s', (raw, expected) => {
    expect(parseFlag(raw)).toEqual({ value: expected });
  });

  it('refuses a flag it cannot read', () => {
    expect(parseFlag('maybe')).toEqual({ reason: expect.stringMatching(/^expected yes or no/) });
  });

  it.each([
    ['3', 3],
    ['4.0', 4],
    ['mức 3', 3],
    ['Mức độ 4', 4],
    ['muc 2', 2],
    ['level 1', 1],
  ])('reads the level %j as %d', (raw, expected) => {
    expect(parseLevel(raw)).toEqual({ value: expected });
  });

  it.each(['5', '0', 'mức 5', 'ba', '3.5'])('refuses the level %j', (raw) => {
    expect(parseLevel(raw)).toEqual({ reason: 'expected a level from 1 to 4 (3 or "mức 3")' });
  });

  it.each([
    ['none', 'none'],
    ['Không', 'none'],
    ['partial', 'partial'],
    ['một phần', 'partial'],
    ['Một Phần', 'partial'],
    ['full', 'full'],
    ['toàn trình', 'full'],
    ['toan_trinh', 'full'],
  ])('reads the mode %j as %s', (raw, expected) => {
    expect(parseMode(raw)).toEqual({ value: expected });
  });

  it.each([
    ['department', 'department'],
    ['Sở', 'department'],
    ['tỉnh', 'province'],
    ['Huyện', 'district'],
    ['xã', 'commune'],
    ['phường', 'commune'],
    ['Trung tâm', 'centre'],
    ['center', 'centre'],
  ])('reads the agency kind %j as %s', (raw, expected) => {
    expect(parseAgencyKind(raw)).toEqual({ value: expected });
  });

  it.each([
    ['year', { kind: 'year' }],
    ['năm', { kind: 'year' }],
    ['Quý', { kind: 'quarter' }],
    ['month', { kind: 'month' }],
    ['rolling-30d', { kind: 'rolling', days: 30 }],
    ['rolling 7 days', { kind: 'rolling', days: 7 }],
    ['30 ngày', { kind: 'rolling', days: 30 }],
  ])('reads the period %j', (raw, expected) => {
    expect(parsePeriod(raw)).toEqual({ value: expected });
  });

  it.each(['rolling-0d', 'rolling-400d', 'weekly'])('refuses the period %j', (raw) => {
    expect(parsePeriod(raw)).toHaveProperty('reason');
  });

  it.each([
    ['>=', '>='],
    ['≥', '>='],
    ['> =', '>='],
    ['<', '<'],
    ['≤', '<='],
  ])('reads the comparator %j', (raw, expected) => {
    expect(parseComparator(raw)).toEqual({ value: expected });
  });

  it.each([
    ['0.3', { number: 0.3, percent: false }],
    ['0,3', { number: 0.3, percent: false }],
    ['30%', { number: 30, percent: true }],
    ['30 %', { number: 30, percent: true }],
    ['7', { number: 7, percent: false }],
  ])('reads the threshold %j', (raw, expected) => {
    expect(parseThreshold(raw)).toEqual({ value: expected });
  });

  it.each([
    ['', {}],
    ['{"level": 4}', { level: 4 }],
    ['level=4', { level: 4 }],
    ['level=4; denominator=online_procedures', { level: 4, denominator: 'online_procedures' }],
    ['postal: false', { postal: false }],
  ])('reads the options %j', (raw, expected) => {
    expect(parseOptions(raw)).toEqual({ value: expected });
  });

  it.each(['{level: 4}', '[1, 2]', '{"a": {"b": 1}}', 'level', 'level='])('refuses the options %j', (raw) => {
    expect(parseOptions(raw)).toHaveProperty('reason');
  });

  it('matches headers whatever their case, accents, spacing and notes', () => {
    expect(headerKey('Mã cơ quan')).toBe('ma_co_quan');
    expect(headerKey('  MÃ  CƠ QUAN (QCVN 102) *')).toBe('ma_co_quan');
    expect(headerKey('ma_co_quan')).toBe('ma_co_quan');
    expect(headerKey('Đơn vị')).toBe('don_vi');
    expect(headerKey('valid-from')).toBe('valid_from');
  });
});
