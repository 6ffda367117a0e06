import type { ImportCounts, ImportReport } from '@dvc/catalogue';

const MAX_LISTED = 100;

/** Columns padded to their widest cell; the last column is not padded (long reasons wrap in the terminal). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((text) => `  ${text}`).join('\n');
}

const shorten = (text: string | null, max = 32) =>
  text === null ? '' : text.length > max ? `${text.slice(0, max - 1)}…` : text.replace(/\n/g, ' ');

const counts = (of: ImportCounts) =>
  Object.entries(of)
    .filter(([, count]) => count > 0)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ') || 'nothing';

/** An import report for a person at a terminal: totals, then errors and warnings as tables. */
export function formatReport(report: ImportReport, file: string): string {
  const lines: string[] = [];
  const mode = report.dryRun ? ' (dry run: nothing written)' : '';
  lines.push(`${file}: ${report.kinds.join(', ')}${mode}`);
  const bad = report.rows - report.valid;
  lines.push(
    `  ${report.rows} ${report.rows === 1 ? 'row' : 'rows'}: ${report.valid} valid` +
      (bad ? `, ${bad} with errors (not imported)` : ''),
  );
  lines.push(`  ${report.dryRun ? 'would change' : 'changes'}: ${counts(report.changes)}`);
  if (!report.dryRun && !report.failure) lines.push(`  written: ${counts(report.written)}`);
  if (report.failure) lines.push(`  FAILED: ${report.failure}`);

  if (report.errors.length) {
    lines.push('', `Errors (${report.errors.length}):`);
    const listed = report.errors.slice(0, MAX_LISTED);
    lines.push(
      formatTable(
        ['sheet', 'row', 'column', 'value', 'reason'],
        listed.map((error) => [
          error.sheet,
          String(error.row),
          error.column ?? '',
          shorten(error.value),
          error.reason,
        ]),
      ),
    );
    if (report.errors.length > listed.length) {
      lines.push(`  … and ${report.errors.length - listed.length} more (--json lists them all)`);
    }
  }
  if (report.warnings.length) {
    lines.push('', `Warnings (${report.warnings.length}):`);
    const listed = report.warnings.slice(0, MAX_LISTED);
    lines.push(
      formatTable(
        ['sheet', 'row', 'column', 'reason'],
        listed.map((warning) => [
          warning.sheet,
          warning.row === null ? '' : String(warning.row),
          warning.column ?? '',
          warning.reason,
        ]),
      ),
    );
    if (report.warnings.length > listed.length) {
      lines.push(`  … and ${report.warnings.length - listed.length} more (--json lists them all)`);
    }
  }
  if (report.ok) lines.push('', report.dryRun ? 'OK: every row is valid.' : 'OK: imported.');
  return lines.join('\n');
}
