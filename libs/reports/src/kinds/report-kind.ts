import { z } from 'zod';
import { AgenciesService } from '@dvc/catalogue';
import { IndicatorsService } from '@dvc/indicators';
import { TargetStatusService } from '@dvc/target-status';
import { DossierFlowRepository } from '../figures/dossier-flow.repository';
import { OfferedProceduresRepository } from '../figures/offered-procedures.repository';
import { ReportPeriod } from '../periods/report-period';
import { ReportContext, ReportTable } from '../report-table';

/** How a kind's rows may be grouped: by field, by child unit, or one row per target (the targets report). */
export const ROW_GROUPINGS = ['field', 'agency', 'target'] as const;
export type RowGrouping = (typeof ROW_GROUPINGS)[number];

/** How a report is laid out on sheets: one (the form), or one per child unit of the scope beside the total. */
export const SHEET_LAYOUTS = ['single', 'unit'] as const;
export type SheetLayout = (typeof SHEET_LAYOUTS)[number];

/** What `GET /v1/reports` lists of a kind. */
export const reportKindDescriptionSchema = z.object({
  id: z.string(),
  formCode: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  rows: z
    .array(z.enum(ROW_GROUPINGS))
    .describe('The groupings its rows can be laid out by; the first is the default'),
  sheets: z
    .array(z.enum(SHEET_LAYOUTS))
    .optional()
    .describe('The sheet layouts it offers beside the single sheet (unit: one sheet per child unit)'),
});
export type ReportKindDescription = z.infer<typeof reportKindDescriptionSchema>;

/** One report asked for: its scope, period, grouping, and the moment of ingestion to count at. */
export interface ReportRequest {
  period: ReportPeriod;
  agency: string | null;
  structure: 'reported' | 'current';
  rows: RowGrouping;
  /** unit: also one table per child unit of the scope (`BuiltReport.sheets`). */
  sheets: SheetLayout;
  /** ISO instant: count only events ingested by then; null: everything stored now. */
  asOf: string | null;
  now: Date;
  /** The header's scope, reporter and recipient (the kind adds the moment its figures are as of). */
  context: Omit<ReportContext, 'asOf'>;
}

/** Where kinds read their figures from: the engine's repositories and services. */
export interface ReportSources {
  flows: DossierFlowRepository;
  indicators: IndicatorsService;
  targetStatus: TargetStatusService;
  agencies: AgenciesService;
  offeredProcedures: OfferedProceduresRepository;
}

/** A report's table and the figures behind it (kept with an issued report, compared by its revisions). */
export interface BuiltReport {
  table: ReportTable;
  figures: unknown;
  /** With `sheets: 'unit'`: one table per child unit of the scope, each named by its unit (`sheetName`). */
  sheets?: ReportTable[];
}

/** One count that moved since a report was issued. */
export interface RevisedCount {
  /** The column's number on the form ((3)…(13)), or null for a count beside the form. */
  column: number | null;
  label: string;
  issued: number;
  now: number;
}

/** A row (by its key; "total": the total row) whose figures moved. */
export interface RevisedRow {
  key: string | null;
  counts: RevisedCount[];
}

export interface ReportRevisions {
  /** Rows whose figures moved, in the issued report's order, new rows after; the total last. */
  rows: RevisedRow[];
  /** Dossiers received in the period that the issued report did not count (flow reports only). */
  receivedSince?: number;
}

/**
 * A report kind: one file under kinds/ (pure layout code beside the reads it needs), listed in
 * `report-kinds.ts`. `build` reads the figures and lays them out; `revisions` compares an issued report with the
 * same report counted now.
 */
export interface ReportKind {
  description: ReportKindDescription;
  build(sources: ReportSources, request: ReportRequest): Promise<BuiltReport>;
  revisions(issued: BuiltReport, now: BuiltReport): ReportRevisions;
}
