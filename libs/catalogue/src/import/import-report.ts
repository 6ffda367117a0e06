import { z } from 'zod';

/** What a file (or a workbook's sheet) holds, in the order an import writes them: each needs the ones before. */
export const IMPORT_KINDS = ['agencies', 'lineage', 'procedures', 'targets'] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKindSchema>;

const count = z.number().int().min(0);

export const importCountsSchema = z.object({
  agencies: count,
  lineage: count,
  procedures: count,
  offerings: count,
  levels: count,
  targets: count,
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const noCounts = (): ImportCounts => ({
  agencies: 0,
  lineage: 0,
  procedures: 0,
  offerings: 0,
  levels: 0,
  targets: 0,
});

export const importErrorSchema = z.object({
  sheet: z.string().describe('Worksheet name (for a CSV file: the kind)'),
  row: z
    .number()
    .int()
    .min(1)
    .describe('Row number as the spreadsheet shows it (the header is usually row 1)'),
  column: z.string().nullable().describe('Column header as written in the file'),
  value: z.string().nullable().describe('What the cell holds'),
  reason: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importWarningSchema = z.object({
  sheet: z.string(),
  row: z.number().int().min(1).nullable().describe('Null for a remark about the whole sheet'),
  column: z.string().nullable(),
  reason: z.string(),
});
export type ImportWarning = z.infer<typeof importWarningSchema>;

/** The answer to one import: what was read, what was wrong row by row, what changed. */
export const importReportSchema = z.object({
  kinds: z.array(importKindSchema).describe('What the file held, in the order it was imported'),
  dryRun: z.boolean().describe('Checked everything, wrote nothing'),
  ok: z.boolean().describe('Every row was valid and, unless a dry run, written'),
  failure: z
    .string()
    .nullable()
    .describe('Why the write failed; then nothing at all was written (the import is one transaction)'),
  rows: count.describe('Data rows read (blank rows are not counted)'),
  valid: count.describe('Rows without errors'),
  changes: importCountsSchema.describe(
    'Catalogue rows the valid rows add or change; rows equal to the catalogue are not counted',
  ),
  written: importCountsSchema.describe(
    'Catalogue rows written: the changes, or zeros for a dry run or a failure',
  ),
  errors: z.array(importErrorSchema).describe('One entry per bad cell or row; bad rows are not written'),
  warnings: z.array(importWarningSchema).describe('Accepted, but worth a look'),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** A sheet as the report names it, with its headers as written (canonical column → header). */
export interface SheetInfo {
  name: string;
  kind: ImportKind;
  headers: ReadonlyMap<string, string>;
}

/** A row's place, for messages that point at another row: `row 12`, or `row 12 of sheet "Cơ quan"`. */
export interface RowPlace {
  sheet: SheetInfo;
  row: number;
}

export const placeOf = (place: RowPlace, from?: SheetInfo): string =>
  from && from.name === place.sheet.name
    ? `row ${place.row}`
    : `row ${place.row} of sheet "${place.sheet.name}"`;

/** Collects errors and warnings while an import is checked, and which rows are bad. */
export class ImportProblems {
  readonly errors: ImportError[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly badRows = new Set<string>();

  /** `cells` are the row's cells by canonical column, to show what the cell held. */
  error(
    place: RowPlace,
    column: string | null,
    reason: string,
    cells: Readonly<Record<string, string>> = {},
  ): void {
    this.errors.push({
      sheet: place.sheet.name,
      row: place.row,
      column: column === null ? null : (place.sheet.headers.get(column) ?? column),
      value: column === null ? null : (cells[column] ?? null),
      reason,
    });
    this.badRows.add(`${place.sheet.name}\u0000${place.row}`);
  }

  /** A problem with the header row: its data rows are marked bad one by one (`markBad`). */
  headerError(place: RowPlace, column: string, reason: string): void {
    this.error(place, column, reason);
    this.badRows.delete(`${place.sheet.name}\u0000${place.row}`);
  }

  warning(sheet: SheetInfo | string, row: number | null, column: string | null, reason: string): void {
    const info = typeof sheet === 'string' ? null : sheet;
    this.warnings.push({
      sheet: info?.name ?? (sheet as string),
      row,
      column: column === null ? null : (info?.headers.get(column) ?? column),
      reason,
    });
  }

  /** Rows that cannot be read at all (their sheet lacks a column): bad, with one error on the header row. */
  markBad(place: RowPlace): void {
    this.badRows.add(`${place.sheet.name}\u0000${place.row}`);
  }

  isBad(place: RowPlace): boolean {
    return this.badRows.has(`${place.sheet.name}\u0000${place.row}`);
  }

  get badRowCount(): number {
    return this.badRows.size;
  }

  /** Errors and warnings in the order of the file: sheet by sheet, row by row. */
  sorted(sheetOrder: readonly string[]): { errors: ImportError[]; warnings: ImportWarning[] } {
    const sheetIndex = (name: string) => sheetOrder.indexOf(name);
    const byPlace = <T extends { sheet: string; row: number | null }>(a: T, b: T) =>
      sheetIndex(a.sheet) - sheetIndex(b.sheet) || (a.row ?? 0) - (b.row ?? 0);
    return { errors: [...this.errors].sort(byPlace), warnings: [...this.warnings].sort(byPlace) };
  }
}
