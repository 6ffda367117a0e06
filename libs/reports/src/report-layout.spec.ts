import { REPORT_KINDS } from './kinds/report-kinds';
import { reportLayoutProblem } from './report-layout';

const kind = (id: string) => REPORT_KINDS.find((known) => known.id === id)!;
const cli = (name: string, value: string) => `--${name} ${value}`;

describe('reportLayoutProblem', () => {
  it('passes the kinds’ own groupings, and one sheet per unit of ii06a by field in XLSX or JSON', () => {
    for (const format of ['json', 'csv', 'xlsx', 'pdf'] as const) {
      expect(reportLayoutProblem(kind('ii06a'), { rows: 'agency', sheets: 'single', format })).toBeNull();
      expect(reportLayoutProblem(kind('ranking'), { rows: 'agency', sheets: 'single', format })).toBeNull();
    }
    for (const format of ['json', 'xlsx'] as const)
      expect(reportLayoutProblem(kind('ii06a'), { rows: 'field', sheets: 'unit', format })).toBeNull();
  });

  it('names what is wrong, spelt as the API’s query or as the command line’s options', () => {
    expect(reportLayoutProblem(kind('ranking'), { rows: 'field', sheets: 'single', format: 'json' })).toBe(
      'rows=field does not apply to ranking (its rows: agency)',
    );
    expect(
      reportLayoutProblem(kind('ranking'), { rows: 'agency', sheets: 'unit', format: 'xlsx' }, cli),
    ).toBe('--sheets unit does not apply to ranking (only ii06a has one sheet per unit)');
    expect(reportLayoutProblem(kind('ii06a'), { rows: 'agency', sheets: 'unit', format: 'xlsx' })).toBe(
      'sheets=unit lays each child unit out by field; rows=agency already gives one row per unit on one sheet',
    );
    expect(reportLayoutProblem(kind('ii06a'), { rows: 'field', sheets: 'unit', format: 'csv' })).toBe(
      'sheets=unit is a workbook of sheets and cannot be one CSV: ask format=xlsx (or json) for it, ' +
        'or rows=agency for one table with a row per child unit',
    );
    expect(reportLayoutProblem(kind('ii06a'), { rows: 'field', sheets: 'unit', format: 'pdf' }, cli)).toBe(
      '--sheets unit is a workbook of sheets and cannot be one PDF: ask --format xlsx (or json) for it, ' +
        'or --rows agency for one table with a row per child unit',
    );
  });
});
