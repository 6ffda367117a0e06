import { ImportReport } from '@dvc/catalogue';
import { formatReport, formatTable } from './report-format';

const nothing = { agencies: 0, lineage: 0, procedures: 0, offerings: 0, levels: 0, targets: 0 };

describe('printing an import report', () => {
  it('pads every column but the last', () => {
    expect(formatTable(['a', 'long header', 'reason'], [['xyz', '1', 'r']])).toBe(
      ['  a    long header  reason', '  xyz  1            r'].join('\n'),
    );
  });

  it('gives totals, then errors and warnings as tables', () => {
    const report: ImportReport = {
      kinds: ['agencies'],
      dryRun: true,
      ok: false,
      failure: null,
      rows: 3,
      valid: 2,
      changes: { ...nothing, agencies: 2 },
      written: nothing,
      errors: [{ sheet: 'Cơ quan', row: 3, column: 'Loại', value: 'bộ', reason: 'expected province, ...' }],
      warnings: [{ sheet: 'Cơ quan', row: 1, column: 'Ghi chú', reason: 'column ignored' }],
    };
    expect(formatReport(report, 'co-quan.xlsx')).toBe(
      [
        'co-quan.xlsx: agencies (dry run: nothing written)',
        '  3 rows: 2 valid, 1 with errors (not imported)',
        '  would change: agencies 2',
        '',
        'Errors (1):',
        '  sheet    row  column  value  reason',
        '  Cơ quan  3    Loại    bộ     expected province, ...',
        '',
        'Warnings (1):',
        '  sheet    row  column   reason',
        '  Cơ quan  1    Ghi chú  column ignored',
      ].join('\n'),
    );
  });

  it('says when the write failed', () => {
    const report: ImportReport = {
      kinds: ['targets'],
      dryRun: false,
      ok: false,
      failure: 'nothing was written: database refused',
      rows: 1,
      valid: 1,
      changes: { ...nothing, targets: 1 },
      written: nothing,
      errors: [],
      warnings: [],
    };
    expect(formatReport(report, 't.csv')).toContain('  FAILED: nothing was written: database refused');
    // One row is a row.
    expect(formatReport(report, 't.csv')).toContain('  1 row: 1 valid\n');
  });
});
