import type { ReportColumn, Role } from '../api/types';

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
