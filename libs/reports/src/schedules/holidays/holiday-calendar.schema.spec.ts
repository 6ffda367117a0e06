import { holidayCalendarSchema } from './holiday-calendar.schema';
import { VIETNAM_HOLIDAYS } from './vietnam-holidays';

const daysOf = (year: number) =>
  VIETNAM_HOLIDAYS.years.find((known) => known.year === year)!.daysOff.map((day) => day.date);

describe('the public holidays data (vietnam-holidays.json)', () => {
  it('lists 2025 to 2027, the first two as announced, each with the Labour Code’s holidays', () => {
    expect(VIETNAM_HOLIDAYS.years.map((year) => [year.year, year.announced])).toEqual([
      [2025, true],
      [2026, true],
      [2027, false],
    ]);
    // Tết Dương lịch, Giỗ Tổ (10/3 lunar, or the Monday in lieu), 30/4, 1/5 (or in lieu), 2/9 and the day beside.
    expect(daysOf(2025)).toEqual(
      expect.arrayContaining([
        '2025-01-01',
        '2025-04-07',
        '2025-04-30',
        '2025-05-01',
        '2025-09-01',
        '2025-09-02',
      ]),
    );
    expect(daysOf(2026)).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-04-27',
        '2026-04-30',
        '2026-05-01',
        '2026-09-01',
        '2026-09-02',
      ]),
    );
    expect(daysOf(2027)).toEqual(
      expect.arrayContaining([
        '2027-01-01',
        '2027-04-16',
        '2027-04-30',
        '2027-05-03',
        '2027-09-02',
        '2027-09-03',
      ]),
    );
    // Tết: five weekdays off in 2025 and 2026 (the rest of the nine days is a weekend), as announced.
    expect(daysOf(2025).filter((day) => day >= '2025-01-25' && day <= '2025-02-02')).toHaveLength(5);
    expect(daysOf(2026).filter((day) => day >= '2026-02-14' && day <= '2026-02-22')).toHaveLength(5);
    for (const year of VIETNAM_HOLIDAYS.years) expect(year.source.length).toBeGreaterThan(20);
  });

  it('refuses a weekend day off, a weekday "worked", a day of another year, a day twice and a gap in years', () => {
    const year = (overrides: object) => ({
      year: 2026,
      announced: true,
      source: 'a notice',
      daysOff: [{ date: '2026-01-01', name: 'Tết Dương lịch' }],
      workingWeekendDays: [],
      ...overrides,
    });
    const parse = (...years: object[]) => holidayCalendarSchema.safeParse({ about: 'x', years });
    expect(parse(year({})).success).toBe(true);
    for (const [bad, path] of [
      [year({ daysOff: [{ date: '2026-01-03', name: 'Saturday' }] }), 'years.0.daysOff.0.date'],
      [
        year({ workingWeekendDays: [{ date: '2026-01-05', name: 'Monday' }] }),
        'years.0.workingWeekendDays.0.date',
      ],
      [year({ daysOff: [{ date: '2025-12-31', name: 'last year' }] }), 'years.0.daysOff.0.date'],
      [
        year({
          daysOff: [
            { date: '2026-01-01', name: 'a' },
            { date: '2026-01-01', name: 'b' },
          ],
        }),
        'years.0.daysOff.1.date',
      ],
      [year({ daysOff: [{ date: '2026-02-30', name: 'no such day' }] }), 'years.0.daysOff.0.date'],
      [year({ daysOff: [{ date: '2026-01-01', name: '' }] }), 'years.0.daysOff.0.name'],
    ] as const) {
      const result = parse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
    }
    const gap = parse(year({}), year({ year: 2028, daysOff: [] }));
    expect(gap.error?.issues.map((issue) => issue.message)).toEqual(['2028 does not follow 2026']);
  });
});
