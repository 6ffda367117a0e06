import { periodCanHaveLateEvents } from './late-events';

describe('periodCanHaveLateEvents', () => {
  it('is false while nothing was ever ingested', () => {
    expect(periodCanHaveLateEvents('2026-03-31', null)).toBe(false);
  });

  it('is false for a period that ended before the first event arrived: history loaded afterwards', () => {
    expect(periodCanHaveLateEvents('2026-03-31', new Date('2026-12-02T03:00:00Z'))).toBe(false);
    expect(periodCanHaveLateEvents('2026-12-01', new Date('2026-12-02T03:00:00Z'))).toBe(false);
  });

  it('is true for a period still running or ending on or after the day of the first arrival', () => {
    expect(periodCanHaveLateEvents('2026-12-02', new Date('2026-12-02T03:00:00Z'))).toBe(true);
    expect(periodCanHaveLateEvents('2026-12-31', new Date('2026-12-02T03:00:00Z'))).toBe(true);
  });

  it("judges the first arrival's day on Vietnam's calendar", () => {
    // 2026-03-31T18:00Z is 2026-04-01 01:00 in Hà Nội: March had ended.
    expect(periodCanHaveLateEvents('2026-03-31', new Date('2026-03-31T18:00:00Z'))).toBe(false);
    // 2026-03-31T16:59:59.999Z is the last millisecond of March 31 there.
    expect(periodCanHaveLateEvents('2026-03-31', new Date('2026-03-31T16:59:59.999Z'))).toBe(true);
  });
});
