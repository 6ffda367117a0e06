import { fromClickHouseTime, toClickHouseTime } from './clickhouse-time';

describe('ClickHouse time', () => {
  it('reads back what it writes, to the millisecond', () => {
    const instant = Date.parse('2026-03-01T17:30:00.123Z');
    expect(toClickHouseTime(instant)).toBe('2026-03-01 17:30:00.123');
    expect(fromClickHouseTime('2026-03-01 17:30:00.123')).toBe(instant);
  });

  it('reads the text as UTC whatever the offset of the process', () => {
    expect(new Date(fromClickHouseTime('2026-01-01 00:00:00.000')).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('refuses text that is not a time', () => {
    expect(() => fromClickHouseTime('yesterday')).toThrow('not a ClickHouse UTC time: "yesterday"');
  });
});
