import { DomainError } from '@dvc/domain-errors';
import {
  addDays,
  bucketKeyOf,
  BucketUnit,
  daysBetweenInclusive,
  formatPeriod,
  parsePeriod,
  periodKind,
  periodSchemaFor,
  periodTextSchema,
  readPeriod,
  sameRangeLastYear,
  splitIntoBuckets,
} from './period';

const today = '2026-05-20';

describe('parsePeriod', () => {
  it.each([
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-H1', '2026-01-01', '2026-06-30'],
    ['2026-H2', '2026-07-01', '2026-12-31'],
    ['2026-3M', '2026-01-01', '2026-03-31'],
    ['2026-6M', '2026-01-01', '2026-06-30'],
    ['2026-9M', '2026-01-01', '2026-09-30'],
    ['2026-12M', '2026-01-01', '2026-12-31'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2026-04', '2026-04-01', '2026-04-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
    ['2026-03-15', '2026-03-15', '2026-03-15'],
    ['2026-03-01..2026-03-15', '2026-03-01', '2026-03-15'],
    ['2026-03-15..2026-03-15', '2026-03-15', '2026-03-15'],
    ['2000', '2000-01-01', '2000-12-31'],
    ['2148', '2148-01-01', '2148-12-31'],
  ])('resolves %s to %s..%s', (text, from, to) => {
    expect(parsePeriod(text, today)).toEqual({ from, to });
  });

  it('returns calendar periods whole, even when they lie ahead of today (targets are set ahead)', () => {
    expect(parsePeriod('2027-Q1', today)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
  });

  it.each([
    ['ytd', '2026-05-20', '2026-01-01'],
    ['ytd', '2026-01-01', '2026-01-01'],
    ['ytd', '2026-12-31', '2026-01-01'],
    ['mtd', '2026-05-20', '2026-05-01'],
    ['mtd', '2026-05-01', '2026-05-01'],
    ['qtd', '2026-05-20', '2026-04-01'],
    ['qtd', '2026-03-31', '2026-01-01'],
    ['qtd', '2026-10-01', '2026-10-01'],
    ['qtd', '2026-12-31', '2026-10-01'],
  ])('%s on %s runs from %s to today', (text, on, from) => {
    expect(parsePeriod(text, on)).toEqual({ from, to: on });
  });

  it.each([
    ['rolling-1d', '2026-05-20'],
    ['rolling-7d', '2026-05-14'],
    ['rolling-30d', '2026-04-21'],
    ['rolling-366d', '2025-05-20'],
  ])('%s is that many days ending today', (text, from) => {
    const range = parsePeriod(text, today);
    expect(range).toEqual({ from, to: today });
    expect(daysBetweenInclusive(range)).toBe(Number(/\d+/.exec(text)?.[0]));
  });

  it('counts a rolling period across 29 February', () => {
    // 2028-03-01 back 29 days: 1 day of March + 29 days of February = 30 days.
    expect(parsePeriod('rolling-30d', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-03-01' });
  });

  it('reads letters in either case and ignores surrounding spaces', () => {
    expect(parsePeriod(' 2026-q3 ', today)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2026-h2', today)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(parsePeriod('2026-9m', today)).toEqual({ from: '2026-01-01', to: '2026-09-30' });
    expect(parsePeriod('YTD', today)).toEqual({ from: '2026-01-01', to: today });
    expect(parsePeriod('Rolling-7D', today)).toEqual({ from: '2026-05-14', to: today });
  });

  it.each([
    ['1999', /year 1999 is outside 2000–2148/],
    ['2149-Q1', /year 2149 is outside 2000–2148/],
    ['1999-12-31', /year 1999 is outside/],
    ['2026-Q0', /quarters are Q1 to Q4, got Q0/],
    ['2026-Q5', /quarters are Q1 to Q4/],
    ['2026-H3', /halves are H1 and H2/],
    ['2026-H0', /halves are H1 and H2/],
    ['2026-4M', /3M, 6M, 9M and 12M, got 4M/],
    ['2026-0M', /3M, 6M, 9M and 12M/],
    ['2026-03M', /3M, 6M, 9M and 12M/],
    ['2026-15M', /3M, 6M, 9M and 12M/],
    ['2026-00', /months are 01 to 12, got 00/],
    ['2026-13', /months are 01 to 12/],
    ['2026-02-29', /2026-02-29 is not a calendar date/],
    ['2026-04-31', /not a calendar date/],
    ['rolling-0d', /1 to 366 days, got 0/],
    ['rolling-367d', /1 to 366 days, got 367/],
    ['2026-03-15..2026-03-01', /2026-03-15 is after 2026-03-01/],
    ['2026-03-01..2026-02-30', /2026-02-30 is not a calendar date/],
    ['', /is not a period; expected one of: 2026 \(a year\)/],
    ['last-year', /"last-year" is not a period; expected one of/],
    ['2026-3', /is not a period/],
    ['2026-', /is not a period/],
    ['26-Q1', /is not a period/],
    ['2026-Q1-extra', /is not a period/],
    ['rolling-30', /is not a period/],
    ['rolling--3d', /is not a period/],
    ['2026/03', /is not a period/],
    ['2026-W05', /is not a period/],
  ])('refuses %j, saying why', (text, message) => {
    expect(() => parsePeriod(text, today)).toThrow(message);
  });

  it('refuses with an "invalid" DomainError that lists the forms, so the API answers 400', () => {
    try {
      parsePeriod('someday', today);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('invalid');
      expect((error as DomainError).details).toContain('2026-03 (a month)');
    }
  });

  it('refuses a today that is not a date: that is a programming error, not user input', () => {
    expect(() => parsePeriod('ytd', '2026-02-30')).toThrow(RangeError);
    expect(() => parsePeriod('2026', '20260520')).toThrow(RangeError);
  });
});

describe('periodKind', () => {
  it.each([
    ['2026', 'year'],
    ['2026-Q2', 'quarter'],
    ['2026-H1', 'half'],
    ['2026-9M', 'months'],
    ['2026-12M', 'months'],
    ['2026-03', 'month'],
    ['2026-03-15', 'day'],
    ['ytd', 'ytd'],
    ['qtd', 'qtd'],
    ['mtd', 'mtd'],
    ['rolling-30d', 'rolling'],
    ['2026-03-01..2026-03-15', 'range'],
  ])('%s is a %s', (text, kind) => {
    expect(periodKind(text)).toBe(kind);
  });

  it('refuses what parsePeriod refuses', () => {
    expect(() => periodKind('2026-Q5')).toThrow(DomainError);
  });
});

describe('periodTextSchema', () => {
  it.each([
    ['2026', '2026'],
    [' 2026-q1 ', '2026-Q1'],
    ['2026-h2', '2026-H2'],
    ['2026-9m', '2026-9M'],
    ['2026-03', '2026-03'],
    ['2026-03-15', '2026-03-15'],
    ['YTD', 'ytd'],
    ['Mtd', 'mtd'],
    ['ROLLING-030D', 'rolling-30d'],
    ['2026-03-01..2026-03-15', '2026-03-01..2026-03-15'],
  ])('accepts %j written as %j', (text, canonical) => {
    expect(periodTextSchema.parse(text)).toBe(canonical);
  });

  it('reports the reason as a zod issue', () => {
    const result = periodTextSchema.safeParse('2026-Q7');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', message: 'quarters are Q1 to Q4, got Q7' }),
    ]);
  });

  it('refuses what is not a string', () => {
    expect(periodTextSchema.safeParse(2026).success).toBe(false);
  });

  it('round-trips every spelling it gives through readPeriod and formatPeriod', () => {
    for (const text of ['2026', '2026-Q4', '2026-H1', '2026-6M', '2026-11', 'qtd', 'rolling-366d']) {
      const reading = readPeriod(text);
      expect(reading.ok && formatPeriod(reading.spec)).toBe(text);
    }
  });
});

describe('periodSchemaFor(today)', () => {
  it('resolves valid text to its days against that today', () => {
    expect(periodSchemaFor('2026-08-15').parse('qtd')).toEqual({ from: '2026-07-01', to: '2026-08-15' });
    expect(periodSchemaFor('2026-08-15').parse('2026-h1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
  });

  it('gives the same helpful issue as periodTextSchema', () => {
    const result = periodSchemaFor(today).safeParse('rolling-400d');
    expect(result.error?.issues[0].message).toBe('rolling periods are 1 to 366 days, got 400');
  });

  it('refuses to be built with a today that is not a date', () => {
    expect(() => periodSchemaFor('2026-13-01')).toThrow(RangeError);
  });
});

describe('bucketKeyOf and splitIntoBuckets', () => {
  it.each([
    // ISO 8601: the week with the year's first Thursday is W01; its Monday may fall in December.
    ['2020-12-31', '2020-W53'], // Thursday
    ['2021-01-01', '2020-W53'], // Friday
    ['2021-01-03', '2020-W53'], // Sunday
    ['2021-01-04', '2021-W01'], // Monday
    ['2024-12-29', '2024-W52'], // Sunday
    ['2024-12-30', '2025-W01'], // Monday
    ['2025-01-01', '2025-W01'],
    ['2026-01-01', '2026-W01'], // Thursday: W01 starts Monday 2025-12-29
    ['2025-12-29', '2026-W01'],
    ['2025-12-28', '2025-W52'],
    ['2026-02-01', '2026-W05'], // Sunday
    ['2026-02-02', '2026-W06'], // Monday
    ['2026-12-31', '2026-W53'], // Thursday of a 53-week year
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2028-02-29', '2028-W09'],
  ])('puts %s in ISO week %s', (date, key) => {
    expect(bucketKeyOf(date, 'week')).toBe(key);
  });

  it('keys days by the date and months by YYYY-MM', () => {
    expect(bucketKeyOf('2026-03-15', 'day')).toBe('2026-03-15');
    expect(bucketKeyOf('2026-03-15', 'month')).toBe('2026-03');
  });

  it('splits into days, one bucket per day', () => {
    expect(splitIntoBuckets({ from: '2028-02-28', to: '2028-03-01' }, 'day')).toEqual([
      { key: '2028-02-28', from: '2028-02-28', to: '2028-02-28' },
      { key: '2028-02-29', from: '2028-02-29', to: '2028-02-29' },
      { key: '2028-03-01', from: '2028-03-01', to: '2028-03-01' },
    ]);
  });

  it('splits into ISO weeks Monday–Sunday, clipping the first and last week to the range', () => {
    // 2026-01-01 is a Thursday, 2026-01-20 a Tuesday.
    expect(splitIntoBuckets({ from: '2026-01-01', to: '2026-01-20' }, 'week')).toEqual([
      { key: '2026-W01', from: '2026-01-01', to: '2026-01-04' },
      { key: '2026-W02', from: '2026-01-05', to: '2026-01-11' },
      { key: '2026-W03', from: '2026-01-12', to: '2026-01-18' },
      { key: '2026-W04', from: '2026-01-19', to: '2026-01-20' },
    ]);
  });

  it('keeps an ISO week across New Year as one bucket keyed by its week-year', () => {
    expect(splitIntoBuckets({ from: '2020-12-28', to: '2021-01-10' }, 'week')).toEqual([
      { key: '2020-W53', from: '2020-12-28', to: '2021-01-03' },
      { key: '2021-W01', from: '2021-01-04', to: '2021-01-10' },
    ]);
    expect(splitIntoBuckets({ from: '2024-12-30', to: '2025-01-01' }, 'week')).toEqual([
      { key: '2025-W01', from: '2024-12-30', to: '2025-01-01' },
    ]);
  });

  it('gives a week range inside one week as one clipped bucket', () => {
    expect(splitIntoBuckets({ from: '2026-03-04', to: '2026-03-05' }, 'week')).toEqual([
      { key: '2026-W10', from: '2026-03-04', to: '2026-03-05' },
    ]);
  });

  it('splits into months, clipping the first and last month', () => {
    expect(splitIntoBuckets({ from: '2027-12-15', to: '2028-03-10' }, 'month')).toEqual([
      { key: '2027-12', from: '2027-12-15', to: '2027-12-31' },
      { key: '2028-01', from: '2028-01-01', to: '2028-01-31' },
      { key: '2028-02', from: '2028-02-01', to: '2028-02-29' },
      { key: '2028-03', from: '2028-03-01', to: '2028-03-10' },
    ]);
  });

  it('gives a one-day range as one bucket whatever the unit', () => {
    for (const unit of ['day', 'week', 'month'] as const) {
      expect(splitIntoBuckets({ from: '2026-06-30', to: '2026-06-30' }, unit)).toEqual([
        { key: bucketKeyOf('2026-06-30', unit), from: '2026-06-30', to: '2026-06-30' },
      ]);
    }
  });

  it.each(['day', 'week', 'month'] as BucketUnit[])(
    'tiles a leap year with %s buckets: contiguous, no gaps, each day keyed as bucketKeyOf says',
    (unit) => {
      const range = { from: '2027-12-20', to: '2029-01-10' };
      const buckets = splitIntoBuckets(range, unit);
      expect(buckets[0].from).toBe(range.from);
      expect(buckets[buckets.length - 1].to).toBe(range.to);
      let days = 0;
      buckets.forEach((bucket, index) => {
        if (index > 0) expect(bucket.from).toBe(addDays(buckets[index - 1].to, 1));
        for (let day = bucket.from; day <= bucket.to; day = addDays(day, 1)) {
          expect(bucketKeyOf(day, unit)).toBe(bucket.key);
          days += 1;
        }
      });
      expect(days).toBe(daysBetweenInclusive(range));
      expect(new Set(buckets.map((bucket) => bucket.key)).size).toBe(buckets.length);
    },
  );

  it('refuses a range whose ends are reversed or not dates', () => {
    expect(() => splitIntoBuckets({ from: '2026-03-02', to: '2026-03-01' }, 'day')).toThrow(RangeError);
    expect(() => splitIntoBuckets({ from: '2026-02-30', to: '2026-03-01' }, 'week')).toThrow(RangeError);
    expect(() => bucketKeyOf('2026-3-1', 'week')).toThrow(RangeError);
  });
});

describe('daysBetweenInclusive and addDays', () => {
  it.each([
    ['2026-03-15', '2026-03-15', 1],
    ['2026-01-01', '2026-12-31', 365],
    ['2028-01-01', '2028-12-31', 366],
    ['2026-02-01', '2026-03-01', 29],
    ['2028-02-01', '2028-03-01', 30],
    ['2026-01-01', '2026-07-01', 182],
  ])('counts %s..%s as %i days', (from, to, days) => {
    expect(daysBetweenInclusive({ from, to })).toBe(days);
  });

  it('refuses a reversed range rather than returning a negative count', () => {
    expect(() => daysBetweenInclusive({ from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError);
  });

  it.each([
    ['2026-03-15', 0, '2026-03-15'],
    ['2026-03-15', 1, '2026-03-16'],
    ['2026-03-15', -15, '2026-02-28'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses fractions of days and dates that are not dates', () => {
    expect(() => addDays('2026-03-15', 0.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-29', 1)).toThrow(RangeError);
  });
});

describe('sameRangeLastYear', () => {
  it('shifts both ends back one year', () => {
    expect(sameRangeLastYear({ from: '2026-01-01', to: '2026-07-01' })).toEqual({
      from: '2025-01-01',
      to: '2025-07-01',
    });
  });

  it('turns 29 February into 28 February', () => {
    expect(sameRangeLastYear({ from: '2028-02-29', to: '2028-02-29' })).toEqual({
      from: '2027-02-28',
      to: '2027-02-28',
    });
    expect(sameRangeLastYear({ from: '2028-01-01', to: '2028-02-29' })).toEqual({
      from: '2027-01-01',
      to: '2027-02-28',
    });
  });

  it('shifts dates as written, so 28 February stays 28 February in a leap year', () => {
    expect(sameRangeLastYear({ from: '2029-02-01', to: '2029-02-28' })).toEqual({
      from: '2028-02-01',
      to: '2028-02-28',
    });
  });

  it('refuses a reversed range', () => {
    expect(() => sameRangeLastYear({ from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError);
  });
});
