import type { ReportColumn, ReportKind, Role } from '../api/types';

export type PeriodCut = 'statutory' | 'calendar';

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The latest month that has ended by `today` (YYYY-MM-DD) on a cut: what a monthly report made today covers.
 * Statutory months (Decree 09/2019) end on the 14th, so from the 15th this month's has ended.
 */
export function latestEndedMonth(today: string, cut: PeriodCut): string {
  const [year, month, day] = today.split('-').map(Number);
  const back = cut === 'statutory' && day >= 15 ? 0 : 1;
  const index = year * 12 + (month - 1) - back;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export interface HeaderCell {
  label: string;
  colSpan: number;
  rowSpan: number;
}

/**
 * The form's two-level header: a column without a group spans both rows; neighbouring columns of one group
 * share an upper cell and each has its own lower one.
 */
export function headerRows(columns: readonly ReportColumn[]): [HeaderCell[], HeaderCell[]] {
  const upper: HeaderCell[] = [];
  const lower: HeaderCell[] = [];
  columns.forEach((column, index) => {
    if (!column.group) {
      upper.push({ label: column.label, colSpan: 1, rowSpan: 2 });
      return;
    }
    const previous = columns[index - 1];
    if (previous?.group === column.group) upper[upper.length - 1].colSpan += 1;
    else upper.push({ label: column.group, colSpan: 1, rowSpan: 1 });
    lower.push({ label: column.label, colSpan: 1, rowSpan: 1 });
  });
  return [upper, lower];
}

/** Issuing freezes figures for the ministry: the DIC's analysts and the administrators. */
export function canIssueReports(role: Role | undefined): boolean {
  return role === 'admin' || role === 'analyst';
}

/** The issued reports list is province-wide. */
export function canListIssued(role: Role | undefined): boolean {
  return role === 'admin' || role === 'analyst' || role === 'operator';
}

/** A moment's local day in Vietnam (YYYY-MM-DD), whatever the viewer's clock zone. */
export function vietnamDay(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(moment);
}

export const REPORT_FORMATS = ['xlsx', 'pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * How a report is laid out: its rows (by field, by child unit, by target) on one sheet, or (`unit`) the form by
 * field for the scope and then one sheet per child unit, as the API's `sheets=unit`.
 */
export interface ReportLayout {
  id: 'field' | 'agency' | 'target' | 'unit';
  rows: ReportKind['rows'][number];
  sheets: 'single' | 'unit';
}

/** The layouts a kind offers: one per row grouping (its first the default), then one sheet per unit if it has it. */
export function reportLayouts(kind: Pick<ReportKind, 'rows' | 'sheets'>): ReportLayout[] {
  const layouts: ReportLayout[] = kind.rows.map((rows) => ({ id: rows, rows, sheets: 'single' }));
  if (kind.sheets?.includes('unit') && kind.rows.includes('field'))
    layouts.push({ id: 'unit', rows: 'field', sheets: 'unit' });
  return layouts;
}

/** The layout asked for if the kind has it, else its default. */
export function chosenLayout(kind: Pick<ReportKind, 'rows' | 'sheets'>, id: string | null): ReportLayout {
  const layouts = reportLayouts(kind);
  return layouts.find((layout) => layout.id === id) ?? layouts[0];
}

/** The query parameters of a layout: `sheets` only when it is not the single sheet. */
export function layoutParams(layout: ReportLayout): { rows: ReportLayout['rows']; sheets?: 'unit' } {
  return layout.sheets === 'unit' ? { rows: layout.rows, sheets: 'unit' } : { rows: layout.rows };
}

/** A workbook of sheets is XLSX or JSON; CSV and PDF are one table. */
export function layoutFormats(layout: ReportLayout): readonly ReportFormat[] {
  return layout.sheets === 'unit' ? ['xlsx', 'json'] : REPORT_FORMATS;
}

/** Issuing freezes the single sheet: one sheet per unit is a way of downloading, not of issuing. */
export function canIssueLayout(layout: ReportLayout): boolean {
  return layout.sheets === 'single';
}
