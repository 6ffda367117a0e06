import { DomainError } from '@dvc/domain-errors';
import { reportCommandQueries } from './report-options';

const options = (overrides: object = {}) => ({ period: '2026-03', format: 'xlsx' as const, ...overrides });

describe('dvc report: options to queries', () => {
  it('gives one query per agency (or the province), with --sheets unit passed on as sheets=unit', () => {
    expect(reportCommandQueries('ii06a', options({ sheets: 'unit' }))).toEqual([
      { period: '2026-03', sheets: 'unit', structure: 'reported', format: 'xlsx' },
    ]);
    const both = reportCommandQueries(
      'ii06a',
      options({ sheets: 'unit', format: 'json', agency: ['000.00.12.H12', '000.00.13.H12'] }),
    );
    expect(both.map((query) => [query.agency, query.sheets, query.format])).toEqual([
      ['000.00.12.H12', 'unit', 'json'],
      ['000.00.13.H12', 'unit', 'json'],
    ]);
    expect(reportCommandQueries('ii06a', options({ rows: 'agency', format: 'csv' }))[0]).toMatchObject({
      rows: 'agency',
      format: 'csv',
    });
    expect(reportCommandQueries('ii06a', options())[0].sheets).toBeUndefined();
  });

  it('refuses --sheets unit as CSV or PDF, by child unit, for another kind or issued, in the command line’s terms', () => {
    const refused = (kind: string, overrides: object) => {
      try {
        reportCommandQueries(kind, options(overrides));
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused('ii06a', { sheets: 'unit', format: 'csv' })).toBe(
      '--sheets unit is a workbook of sheets and cannot be one CSV: ask --format xlsx (or json) for it, ' +
        'or --rows agency for one table with a row per child unit',
    );
    expect(refused('ii06a', { sheets: 'unit', format: 'pdf' })).toMatch(
      /^--sheets unit .* cannot be one PDF: /,
    );
    expect(refused('ii06a', { sheets: 'unit', rows: 'agency' })).toBe(
      '--sheets unit lays each child unit out by field; --rows agency already gives one row per unit on one sheet',
    );
    expect(refused('dvctt', { sheets: 'unit' })).toBe(
      '--sheets unit does not apply to dvctt (only ii06a has one sheet per unit)',
    );
    expect(refused('ranking', { rows: 'field' })).toBe(
      '--rows field does not apply to ranking (its rows: agency)',
    );
    expect(refused('ii06a', { sheets: 'unit', issue: true })).toBe(
      '--sheets unit is not issued: an issued report keeps the single sheet',
    );
  });
});
