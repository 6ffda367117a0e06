import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import { DomainError } from '@dvc/domain-errors';
import { IndicatorClock } from '@dvc/indicators';
import { emptyFlow, FlowGroup } from './figures/dossier-flow';
import { DossierFlowRepository } from './figures/dossier-flow.repository';
import { reportCsv } from './formats/report-csv';
import { reportJson } from './formats/report-json';
import { reportPdf } from './formats/report-pdf';
import { reportXlsx } from './formats/report-xlsx';
import { ii06aReport } from './kinds/ii06a.report';
import { REPORT_KINDS, ReportKindDescription } from './kinds/report-kinds';
import { reportPeriod } from './periods/report-period';
import { ReportFormat, ReportQuery } from './report-query.schema';
import { ReportTable } from './report-table';

/** A report computed for one scope, period and moment: the table every format lays out, and its figures. */
export interface ComputedReport {
  kind: string;
  /** The agency code of the scope; null: the province. */
  scope: string | null;
  table: ReportTable;
  /** The counts behind the rows, by group key (null: not placed by the catalogue), and the total's. */
  figures: { rows: FlowGroup[]; total: FlowGroup['flow'] };
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

const UNKNOWN_FIELD = 'Chưa xác định lĩnh vực';

/** Turns the engine's figures into report tables (pure code in kinds/) and tables into files (formats/). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly flows: DossierFlowRepository,
    private readonly agencies: AgenciesService,
    private readonly clock: IndicatorClock,
    private readonly config: AppConfig,
  ) {}

  kinds(): readonly ReportKindDescription[] {
    return REPORT_KINDS;
  }

  kind(id: string): ReportKindDescription {
    const kind = REPORT_KINDS.find((known) => known.id === id);
    if (!kind) {
      const known = REPORT_KINDS.map((known) => known.id).join(', ');
      throw new DomainError('not_found', `unknown report kind "${id}"; known: ${known}`);
    }
    return kind;
  }

  async compute(kindId: string, query: ReportQuery): Promise<ComputedReport> {
    this.kind(kindId);
    const period = reportPeriod(query.period, query.cut ?? this.config.REPORT_PERIOD_CUT);
    const scopeAgency = query.agency ? await this.agencies.get(query.agency) : null;
    const [answer, total] = await Promise.all(
      [query.rows, null].map((groupBy) =>
        this.flows.flows({
          period,
          agency: query.agency ?? null,
          structure: query.structure,
          groupBy,
          asOf: query.asOf ?? null,
          now: this.clock.now(),
        }),
      ),
    );
    const names =
      query.rows === 'agency'
        ? new Map((await this.agencies.list()).map((agency) => [agency.code, agency.name]))
        : new Map<string, string>();
    const scopeName = scopeAgency?.name ?? this.config.REPORT_PROVINCE_NAME;
    const table = ii06aReport(
      {
        period,
        scope: { agency: query.agency ?? null, agencyName: scopeName },
        reporter: scopeName,
        recipient: this.config.REPORT_RECIPIENT,
        asOf: total.asOf,
      },
      {
        rows: query.rows,
        groups: answer.groups,
        labelOf: (key) =>
          query.rows === 'field'
            ? (key ?? UNKNOWN_FIELD)
            : key === null
              ? UNKNOWN_FIELD
              : (names.get(key) ?? key),
      },
    );
    return {
      kind: kindId,
      scope: query.agency ?? null,
      table,
      figures: { rows: answer.groups, total: total.groups[0]?.flow ?? emptyFlow() },
    };
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
