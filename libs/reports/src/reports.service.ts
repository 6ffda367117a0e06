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
import { reportXlsx } from './formats/report-xlsx';
import { ReportKind, ReportKindDescription, ReportRevisions, ReportSources } from './kinds/report-kind';
import { REPORT_KIND_REGISTRY, REPORT_KINDS } from './kinds/report-kinds';
import { reportPeriod } from './periods/report-period';
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
    if (!kind.description.rows.includes(rows))
      throw new DomainError(
        'invalid',
        `rows=${rows} does not apply to ${kindId} (its rows: ${kind.description.rows.join(', ')})`,
      );
    const period = reportPeriod(query.period, query.cut ?? this.config.REPORT_PERIOD_CUT);
    const scopeAgency = query.agency ? await this.agencies.get(query.agency) : null;
    const scopeName = scopeAgency?.name ?? this.config.REPORT_PROVINCE_NAME;
    const { table, figures } = await kind.build(this.sources, {
      period,
      agency: query.agency ?? null,
      structure: query.structure,
      rows,
      asOf: query.asOf ?? null,
      now: this.clock.now(),
      context: {
        period,
        scope: { agency: query.agency ?? null, agencyName: scopeName },
        reporter: scopeName,
        recipient: this.config.REPORT_RECIPIENT,
      },
    });
    return { kind: kindId, scope: query.agency ?? null, rows, table, figures };
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
    const filename = `${form}_${scope}_${table.period.key}_${table.period.cut}.${format}`;
    const bytes =
      format === 'xlsx'
        ? await reportXlsx(table)
        : format === 'pdf'
          ? await reportPdf(table)
          : format === 'csv'
            ? reportCsv(table)
            : reportJson(table, { figures: report.figures });
    return { contentType: CONTENT_TYPES[format], filename, bytes };
  }
}
