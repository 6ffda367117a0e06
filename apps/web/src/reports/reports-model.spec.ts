import { canIssueReports, canListIssued, headerRows, latestEndedMonth, vietnamDay } from './reports-model';

describe('reports page model', () => {
  it('offers the latest ended month: calendar months end on their last day, statutory ones on the 14th', () => {
    expect(latestEndedMonth('2026-12-02', 'calendar')).toBe('2026-11');
    expect(latestEndedMonth('2026-12-31', 'calendar')).toBe('2026-11');
    expect(latestEndedMonth('2026-12-14', 'statutory')).toBe('2026-11');
    expect(latestEndedMonth('2026-12-15', 'statutory')).toBe('2026-12');
    expect(latestEndedMonth('2027-01-02', 'calendar')).toBe('2026-12');
    expect(latestEndedMonth('2027-01-10', 'statutory')).toBe('2026-12');
  });

  it('lays the two-level header like the form', () => {
    const [upper, lower] = headerRows([
      { key: 'index', label: 'TT', kind: 'text' },
      { key: 'group', label: 'Lĩnh vực', kind: 'text' },
      { key: 'a', label: 'Tổng số', group: 'Nhận', kind: 'count' },
      { key: 'b', label: 'Trực tuyến', group: 'Nhận', kind: 'count' },
      { key: 'c', label: 'Tổng số', group: 'Đã giải quyết', kind: 'count' },
      { key: 'd', label: 'Ghi chú', kind: 'text' },
    ]);
    expect(upper).toEqual([
      { label: 'TT', colSpan: 1, rowSpan: 2 },
      { label: 'Lĩnh vực', colSpan: 1, rowSpan: 2 },
      { label: 'Nhận', colSpan: 2, rowSpan: 1 },
      { label: 'Đã giải quyết', colSpan: 1, rowSpan: 1 },
      { label: 'Ghi chú', colSpan: 1, rowSpan: 2 },
    ]);
    expect(lower.map((cell) => cell.label)).toEqual(['Tổng số', 'Trực tuyến', 'Tổng số']);
  });

  it('lets analysts and administrators issue, and the province’s staff list what was issued', () => {
    const roles = ['admin', 'analyst', 'operator', 'department', 'source'] as const;
    expect(roles.map(canIssueReports)).toEqual([true, true, false, false, false]);
    expect(roles.map(canListIssued)).toEqual([true, true, true, false, false]);
  });
});

describe('vietnamDay', () => {
  it('is the day in Vietnam (UTC+7), not the viewer’s', () => {
    expect(vietnamDay(new Date('2026-11-30T16:59:59Z'))).toBe('2026-11-30');
    expect(vietnamDay(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });
});
