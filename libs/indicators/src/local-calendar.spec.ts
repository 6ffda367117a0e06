import { dateRangeSchema, localDateOf, localDateSchema } from './local-calendar';

describe('local calendar (Asia/Ho_Chi_Minh)', () => {
  it.each([
    ['2026-03-01T16:59:59.999Z', '2026-03-01'],
    ['2026-03-01T17:00:00.000Z', '2026-03-02'],
    ['2026-03-01T17:30:00Z', '2026-03-02'],
    ['2026-03-02T00:30:00+07:00', '2026-03-02'],
    ['2026-12-31T17:00:00Z', '2027-01-01'],
    ['2028-02-28T18:00:00Z', '2028-02-29'],
  ])('places %s on local day %s', (instant, day) => {
    expect(localDateOf(instant)).toBe(day);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-3-1', '01/03/2026', ''])('refuses %j as a date', (value) => {
    expect(localDateSchema.safeParse(value).success).toBe(false);
  });

  it('accepts real dates, including leap days', () => {
    expect(localDateSchema.parse('2028-02-29')).toBe('2028-02-29');
  });

  it('requires from <= to and treats both ends as inclusive', () => {
    expect(dateRangeSchema.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(dateRangeSchema.parse({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });
});
