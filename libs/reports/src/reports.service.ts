import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import { DomainError } from '@dvc/domain-errors';
import { IndicatorClock, IndicatorsService } from '@dvc/indicators';
import { TargetStatusService } from '@dvc/target-status';
import { DossierFlowRepository } from './figures/dossier-flow.repository';
import { OfferedProceduresRepository } from './figures/offered-procedures.repository';
import { reportCsv } from './formats/report-csv';
import { reportJson } from './formats/report-json';
import { reportPdf } from './formats/report-pdf';
import { reportWorkbook, reportXlsx, wantedSheetName } from './formats/report-xlsx';
import { ReportKind, ReportKindDescription, ReportRevisions, ReportSources } from './kinds/report-kind';
import { REPORT_KIND_REGISTRY, REPORT_KINDS } from './kinds/report-kinds';
import { reportPeriod } from './periods/report-period';
import { reportLayoutProblem } from './report-layout';
import { ReportFormat, ReportQuery } from './report-query.schema';
import { ReportTable } from './report-table';

/** A report computed for one scope, period and moment: the table every format lays out, and its figures. */
export interface ComputedReport {
  kind: string;
  /** The agency code of the scope; null: the province. */
  scope: string | null;
  /** The grouping its rows were laid out by. */
  rows: string;
  table: ReportTable;
  /** The figures behind the rows, as the kind counted them (kept with an issued report for its revisions). */
  figures: unknown;
  /** With sheets=unit: one table per child unit, beside the total `table` (XLSX and JSON only). */
  sheets?: ReportTable[];
}

export interface RenderedReport {
  contentType: string;
  filename: string;
  bytes: Buffer;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Turns the engine's figures into report tables (pure code in kinds/) and tables into files (formats/). */
@Injectable()
export class ReportsService {
  private readonly sources: ReportSources;

  constructor(
    flows: DossierFlowRepository,
    indicators: IndicatorsService,
    targetStatus: TargetStatusService,
    private readonly agencies: AgenciesService,
    private readonly clock: IndicatorClock,
    private readonly config: AppConfig,
    offeredProcedures: OfferedProceduresRepository,
  ) {
    this.sources = { flows, indicators, targetStatus, agencies, offeredProcedures };
  }

  kinds(): readonly ReportKindDescription[] {
    return REPORT_KINDS;
  }

  kind(id: string): ReportKindDescription {
    return this.registered(id).description;
  }

  async compute(kindId: string, query: ReportQuery): Promise<ComputedReport> {
    const kind = this.registered(kindId);
    const rows = query.rows ?? kind.description.rows[0];
    const sheets = query.sheets ?? 'single';
    const problem = reportLayoutProblem(kind.description, { rows, sheets, format: query.format });
    if (problem) throw new DomainError('invalid', problem);
    const period = reportPeriod(query.period, query.cut ?? this.config.REPORT_PERIOD_CUT);
    const scopeAgency = query.agency ? await this.agencies.get(query.agency) : null;
    const scopeName = scopeAgency?.name ?? this.config.REPORT_PROVINCE_NAME;
    const built = await kind.build(this.sources, {
      period,
      agency: query.agency ?? null,
      structure: query.structure,
      rows,
      sheets,
      asOf: query.asOf ?? null,
      now: this.clock.now(),
      context: {
        period,
        scope: { agency: query.agency ?? null, agencyName: scopeName },
        reporter: scopeName,
        recipient: this.config.REPORT_RECIPIENT,
      },
    });
    const { table, figures } = built;
    return {
      kind: kindId,
      scope: query.agency ?? null,
      rows,
      table,
      figures,
      ...(built.sheets ? { sheets: built.sheets } : {}),
    };
  }

  /** What moved between an issued report and the same report counted now, as its kind compares them. */
  revisions(issued: ComputedReport, now: ComputedReport): ReportRevisions {
    return this.registered(issued.kind).revisions(issued, now);
  }

  private registered(id: string): ReportKind {
    const kind = REPORT_KIND_REGISTRY.find((known) => known.description.id === id);
    if (!kind) {
      const known = REPORT_KINDS.map((known) => known.id).join(', ');
      throw new DomainError('not_found', `unknown report kind "${id}"; known: ${known}`);
    }
    return kind;
  }

  async render(report: ComputedReport, format: ReportFormat): Promise<RenderedReport> {
    const { table } = report;
    const form = table.formCode.replace(/^Biểu số /, '').replace(/\//g, '-');
    const scope = report.scope ?? 'province';
    const units = report.sheets ? '_units' : '';
    const filename = `${form}_${scope}_${table.period.key}_${table.period.cut}${units}.${format}`;
    if (report.sheets && (format === 'csv' || format === 'pdf'))
      throw new DomainError(
        'invalid',
        `a report with one sheet per unit cannot be one ${format.toUpperCase()}`,
      );
    const bytes =
      format === 'xlsx'
        ? report.sheets
          ? await reportWorkbook([
              { name: wantedSheetName(table), table },
              ...report.sheets.map((sheet) => ({ name: wantedSheetName(sheet), table: sheet })),
            ])
          : await reportXlsx(table)
        : report.sheets && format === 'json'
          ? reportJson(table, { figures: report.figures, sheets: report.sheets })
          : format === 'pdf'
            ? await reportPdf(table)
            : format === 'csv'
              ? reportCsv(table)
              : reportJson(table, { figures: report.figures });
    return { contentType: CONTENT_TYPES[format], filename, bytes };
  }
}
