import type { ReportKindDescription, RowGrouping, SheetLayout } from './kinds/report-kind';
import type { ReportFormat } from './report-query.schema';

/** How an option is written where it was asked: `rows=agency` in a query, `--rows agency` on the command line. */
export type OptionSpelling = (name: string, value: string) => string;
export const queryOption: OptionSpelling = (name, value) => `${name}=${value}`;

/**
 * What is wrong with asking a kind for these rows, sheets and format, or null: the grouping must be one of the
 * kind's; one sheet per unit only for a kind that has it, rows by field, and a workbook format (XLSX or JSON).
 */
export function reportLayoutProblem(
  kind: ReportKindDescription,
  asked: { rows: RowGrouping; sheets: SheetLayout; format: ReportFormat },
  option: OptionSpelling = queryOption,
): string | null {
  const { rows, sheets, format } = asked;
  if (!kind.rows.includes(rows))
    return `${option('rows', rows)} does not apply to ${kind.id} (its rows: ${kind.rows.join(', ')})`;
  if (sheets !== 'unit') return null;
  if (!kind.sheets?.includes('unit'))
    return `${option('sheets', 'unit')} does not apply to ${kind.id} (only ii06a has one sheet per unit)`;
  if (rows !== 'field')
    return (
      `${option('sheets', 'unit')} lays each child unit out by field; ${option('rows', 'agency')} already gives ` +
      'one row per unit on one sheet'
    );
  if (format === 'csv' || format === 'pdf')
    return (
      `${option('sheets', 'unit')} is a workbook of sheets and cannot be one ${format.toUpperCase()}: ask ` +
      `${option('format', 'xlsx')} (or json) for it, or ${option('rows', 'agency')} for one table with a row ` +
      'per child unit'
    );
  return null;
}
