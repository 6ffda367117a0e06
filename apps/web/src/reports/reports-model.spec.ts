import {
  canIssueLayout,
  canIssueReports,
  canListIssued,
  chosenLayout,
  headerRows,
  latestEndedMonth,
  layoutFormats,
  layoutParams,
  reportLayouts,
  vietnamDay,
} from './reports-model';

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

  it('offers rows by field, rows by child unit and one sheet per child unit for II.06a, one layout elsewhere', () => {
    const ii06a = { rows: ['field', 'agency'] as const, sheets: ['single', 'unit'] as const };
    const asIds = (kind: Parameters<typeof reportLayouts>[0]) =>
      reportLayouts(kind).map((layout) => layout.id);
    expect(asIds({ rows: [...ii06a.rows], sheets: [...ii06a.sheets] })).toEqual(['field', 'agency', 'unit']);
    expect(asIds({ rows: ['agency'] })).toEqual(['agency']);
    expect(asIds({ rows: ['target'], sheets: ['single'] })).toEqual(['target']);
    // One sheet per unit lays each unit out by field: not offered to a kind without rows by field.
    expect(asIds({ rows: ['agency'], sheets: ['single', 'unit'] })).toEqual(['agency']);

    const kind = { rows: [...ii06a.rows], sheets: [...ii06a.sheets] };
    const unit = chosenLayout(kind, 'unit');
    expect(unit).toEqual({ id: 'unit', rows: 'field', sheets: 'unit' });
    expect(layoutParams(unit)).toEqual({ rows: 'field', sheets: 'unit' });
    expect(layoutParams(chosenLayout(kind, 'agency'))).toEqual({ rows: 'agency' });
    // A layout the kind has not (after switching kinds) falls back to its default.
    expect(chosenLayout({ rows: ['agency'] }, 'unit')).toEqual({
      id: 'agency',
      rows: 'agency',
      sheets: 'single',
    });
    expect(chosenLayout(kind, null).id).toBe('field');
  });

  it('downloads one sheet per unit as XLSX or JSON only, and issues the single sheet only', () => {
    const kind = {
      rows: ['field', 'agency'] as ('field' | 'agency')[],
      sheets: ['single', 'unit'] as ('single' | 'unit')[],
    };
    expect(layoutFormats(chosenLayout(kind, 'unit'))).toEqual(['xlsx', 'json']);
    expect(layoutFormats(chosenLayout(kind, 'agency'))).toEqual(['xlsx', 'pdf', 'csv', 'json']);
    expect(canIssueLayout(chosenLayout(kind, 'unit'))).toBe(false);
    expect(canIssueLayout(chosenLayout(kind, 'field'))).toBe(true);
    expect(canIssueLayout(chosenLayout(kind, 'agency'))).toBe(true);
  });
});
