import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { z } from 'zod';
import { AuditTrail } from '@dvc/audit';
import { DomainError } from '@dvc/domain-errors';
import { ReportFormat, ReportQuery } from '../report-query.schema';
import { ReportTable } from '../report-table';
import { ComputedReport, CONTENT_TYPES, RenderedReport, ReportsService } from '../reports.service';
import { IssuedReportEntity } from './issued-report.entity';
import { ReportRevisions } from '../kinds/report-kind';

/** An issued report without its content: what lists and headers show. */
export interface IssuedReport {
  id: string;
  kind: string;
  agency: string | null;
  period: { key: string; cut: string; from: string; to: string };
  rows: string;
  structure: string;
  /** The moment of ingestion it was counted at (ISO): events ingested later are not in it. */
  asOf: string;
  checksum: string;
  issuedBy: string;
  issuedAt: string;
}

export const issuedReportFilterSchema = z
  .object({
    kind: z.string().trim().min(1).optional(),
    agency: z.string().trim().min(1).optional(),
    period: z.string().trim().min(1).optional().describe('The period key as issued (2026-03, 2026-Q1, …)'),
  })
  .strict();
export type IssuedReportFilter = z.infer<typeof issuedReportFilterSchema>;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const PROVINCE_SCOPE = 'province';

const describe = (entity: IssuedReportEntity): IssuedReport => ({
  id: entity.id,
  kind: entity.kind,
  agency: entity.agencyCode,
  period: { key: entity.periodKey, cut: entity.periodCut, from: entity.periodFrom, to: entity.periodTo },
  rows: entity.rowsBy,
  structure: entity.structure,
  asOf: entity.asOf.toISOString(),
  checksum: entity.checksum,
  issuedBy: entity.issuedBy,
  issuedAt: entity.issuedAt.toISOString(),
});

/**
 * Issuing (chốt số liệu): a report is counted at one moment of ingestion and kept in PostgreSQL as it was sent;
 * downloading it later gives the same bytes (JSON and XLSX as stored, CSV laid out again from the stored table,
 * which gives the same bytes). Revisions compare it with the figures as they stand now.
 */
@Injectable()
export class IssuedReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly audit: AuditTrail,
  ) {}

  async issue(kind: string, query: ReportQuery, issuedBy: string): Promise<IssuedReport> {
    // Counted at a named moment of ingestion (the wall clock, as ingestion stamps events), so the figures can
    // be counted again exactly (asOf reads each event's first arrival).
    const asOf = query.asOf ?? new Date().toISOString();
    const report = await this.reports.compute(kind, { ...query, asOf });
    const [json, xlsx] = await Promise.all([
      this.reports.render(report, 'json'),
      this.reports.render(report, 'xlsx'),
    ]);
    const { period } = report.table;
    const scopeKey = query.agency ?? PROVINCE_SCOPE;
    const repository = this.dataSource.getRepository(IssuedReportEntity);
    try {
      const entity = repository.create({
        kind,
        agencyCode: query.agency ?? null,
        scopeKey,
        periodKey: period.key,
        periodCut: period.cut,
        periodFrom: period.from,
        periodTo: period.to,
        rowsBy: report.rows,
        structure: query.structure,
        asOf: new Date(asOf),
        content: json.bytes.toString('utf8'),
        xlsx: xlsx.bytes,
        checksum: sha256(json.bytes),
        issuedBy,
        issuedAt: new Date(asOf),
      });
      // Attributed to the caller in the audit log (reports.issued_reports is an audited table).
      const saved = await this.audit.transaction((manager) =>
        manager.getRepository(IssuedReportEntity).save(entity),
      );
      return describe(saved);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        const existing = await repository.findOneByOrFail({
          kind,
          scopeKey,
          periodKey: period.key,
          periodCut: period.cut,
          rowsBy: report.rows,
          structure: query.structure,
        });
        throw new DomainError(
          'conflict',
          `${kind} for ${scopeKey}, ${period.key} (${period.cut}, by ${report.rows}) was issued on ` +
            `${existing.issuedAt.toISOString()} as ${existing.id}; its revisions show what changed since`,
        );
      }
      throw error;
    }
  }

  async list(filter: IssuedReportFilter): Promise<IssuedReport[]> {
    const rows = await this.dataSource.getRepository(IssuedReportEntity).find({
      select: {
        id: true,
        kind: true,
        agencyCode: true,
        periodKey: true,
        periodCut: true,
        periodFrom: true,
        periodTo: true,
        rowsBy: true,
        structure: true,
        asOf: true,
        checksum: true,
        issuedBy: true,
        issuedAt: true,
      },
      where: {
        ...(filter.kind && { kind: filter.kind }),
        ...(filter.agency && { scopeKey: filter.agency }),
        ...(filter.period && { periodKey: filter.period }),
      },
      order: { periodFrom: 'DESC', issuedAt: 'DESC' },
    });
    return rows.map(describe);
  }

  async get(id: string): Promise<IssuedReport> {
    return describe(await this.entity(id));
  }

  /** The issued report as it was sent, byte for byte. */
  async download(id: string, format: ReportFormat): Promise<{ issued: IssuedReport; file: RenderedReport }> {
    const entity = await this.entity(id);
    const stored = this.storedReport(entity);
    // JSON and XLSX as stored; CSV and PDF laid out again from the stored table (CSV: the same bytes).
    const file =
      format === 'json' || format === 'xlsx'
        ? {
            ...(await this.reports.render(stored, 'csv')),
            bytes: format === 'json' ? Buffer.from(entity.content, 'utf8') : entity.xlsx,
          }
        : await this.reports.render(stored, format);
    const filename = file.filename.replace(/\.csv$/, `.${format}`);
    const contentType = CONTENT_TYPES[format];
    return { issued: describe(entity), file: { contentType, filename, bytes: file.bytes } };
  }

  /** What moved since issue: the report counted again now, row by row against the issued figures. */
  async revisions(id: string): Promise<{ issued: IssuedReport; countedAt: string } & ReportRevisions> {
    const entity = await this.entity(id);
    const stored = this.storedReport(entity);
    const now = await this.reports.compute(entity.kind, {
      period: entity.periodKey,
      cut: entity.periodCut as ReportQuery['cut'],
      ...(entity.agencyCode && { agency: entity.agencyCode }),
      rows: entity.rowsBy as ReportQuery['rows'],
      structure: entity.structure as ReportQuery['structure'],
      format: 'json',
    });
    return {
      issued: describe(entity),
      countedAt: now.table.asOf,
      ...this.reports.revisions(stored, now),
    };
  }

  private async entity(id: string): Promise<IssuedReportEntity> {
    if (!z.uuid().safeParse(id).success)
      throw new DomainError('invalid', `"${id}" is not an issued report id`);
    const entity = await this.dataSource.getRepository(IssuedReportEntity).findOneBy({ id });
    if (!entity) throw new DomainError('not_found', `no issued report ${id}`);
    return entity;
  }

  private storedReport(entity: IssuedReportEntity): ComputedReport {
    const content = JSON.parse(entity.content) as ReportTable & { figures: unknown };
    const { figures, ...table } = content;
    return { kind: entity.kind, scope: entity.agencyCode, rows: entity.rowsBy, table, figures };
  }
}
