import { ReportPeriod } from './periods/report-period';

/** One column of a report: its number on the form, its label, and the header group it sits under (if any). */
export interface ReportColumn {
  key: string;
  label: string;
  /** The upper header cell spanning this column and its neighbours with the same group; none: spans both rows. */
  group?: string;
  /** percent: a share written in percent (52.35); decimal: another number with two decimals. */
  kind: 'text' | 'count' | 'percent' | 'decimal';
}

export type ReportCell = string | number | null;

/** A row: one cell per column, in column order, and what it stands for (a unit's code, a target's key). */
export interface ReportRow {
  key?: string | null;
  cells: ReportCell[];
}

/**
 * A report as every format lays it out (XLSX, CSV, JSON, PDF): the form's title block, the period, a table
 * with a two-level header, numbered columns and a total row, notes, and the signature block.
 */
export interface ReportTable {
  kind: string;
  /** Top left of the form: "Biểu số II.06a/VPCP/KSTT". */
  formCode: string;
  /** The XLSX sheet's name when the form code would not read well as one (Excel cuts names at 31 characters). */
  sheetName?: string;
  /** Under the form code: the regulation it belongs to. */
  formBasis: string;
  title: string;
  /** The scope under the title ("Tại: Sở Tư pháp"). */
  scopeLine: string;
  reporter: string;
  recipient: string;
  period: ReportPeriod;
  unit: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  total: ReportRow;
  /** Lines under the table: what the counts mean, what is not in a column. */
  notes: string[];
  /** ISO instant: events ingested by then are counted. */
  asOf: string;
}

/** Where a report's header, scope and period come from, beside its figures. */
export interface ReportContext {
  period: ReportPeriod;
  scope: { agency: string | null; agencyName: string };
  reporter: string;
  recipient: string;
  asOf: string;
}
