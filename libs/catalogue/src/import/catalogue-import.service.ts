import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AuditTrail } from '@dvc/audit';
import { DomainError } from '@dvc/domain-errors';
import { AgenciesService } from '../agencies/agencies.service';
import { AgencyEntity, AgencyLineageEntity, toAgency } from '../agencies/agency.entity';
import {
  OfferingEntity,
  OfferingLevelEntity,
  ProcedureEntity,
  toLevelChange,
  toProcedure,
} from '../procedures/procedure.entity';
import { ProceduresService } from '../procedures/procedures.service';
import { CatalogueStore } from '../storage/catalogue-store';
import { TargetEntity, toTarget } from '../targets/target.entity';
import { TargetsService } from '../targets/targets.service';
import {
  CatalogueState,
  catalogueState,
  chooseSheets,
  countPlan,
  ImportPlan,
  planImport,
  readRows,
} from './import-plan';
import { ImportKind, ImportProblems, ImportReport, noCounts } from './import-report';
import { readSheets, refuseOldExcel, SheetFormat } from './sheet-reader';

export type ImportStage = 'read' | 'check' | 'write';

export interface ImportOptions {
  /** What the file holds; required for CSV, picks one sheet of a workbook. */
  kind?: ImportKind;
  /** Check everything (references against the catalogue included) and write nothing. */
  dryRun?: boolean;
  /** Told as rows are checked and as catalogue rows are written. */
  onProgress?: (done: number, total: number, stage: ImportStage) => void;
}

export interface ImportFile {
  content: Buffer;
  format: SheetFormat;
}

const WRITE_CHUNK = 1000;

/**
 * Imports agencies, lineage, procedures with their levels, and targets from a CSV file or an XLSX workbook.
 * Every row is checked first, against the file and the catalogue; then the rows that are new or different are
 * written in one transaction, so an import never half-writes and importing the same file again changes nothing.
 */
@Injectable()
export class CatalogueImportService {
  constructor(
    private readonly store: CatalogueStore,
    private readonly agencies: AgenciesService,
    private readonly procedures: ProceduresService,
    private readonly targets: TargetsService,
    private readonly audit: AuditTrail,
  ) {}

  async import(file: ImportFile, options: ImportOptions = {}): Promise<ImportReport> {
    const dryRun = options.dryRun ?? false;
    const progress = options.onProgress ?? (() => undefined);
    // An .xls file is not a CSV without a kind: say what it is before asking for one.
    refuseOldExcel(file.content);
    if (file.format === 'csv' && !options.kind) {
      throw new DomainError(
        'invalid',
        'say which kind a CSV file holds: agencies, lineage, procedures or targets',
      );
    }
    const problems = new ImportProblems();
    const sheets = await readSheets(file.content, file.format, options.kind);
    const chosen = chooseSheets(sheets, options.kind, problems);
    const total = chosen.reduce((sum, { sheet }) => sum + sheet.records.length, 0);
    progress(0, total, 'read');

    let done = 0;
    const rows = readRows(chosen, problems, () => {
      done++;
      if (done % 500 === 0 || done === total) progress(done, total, 'check');
    });
    const kinds = [...new Set(chosen.map((entry) => entry.kind))];
    const plan = planImport(rows, await this.loadState(kinds), problems);
    const changes = countPlan(plan);

    let failure: string | null = null;
    let written = noCounts();
    const changed = Object.values(changes).reduce((sum, count) => sum + count, 0);
    if (!dryRun && changed > 0) {
      try {
        await this.store.write(async (manager) => {
          await this.write(manager, plan, (count) => progress(count, changed, 'write'));
          // The rows themselves are in the log by the tables' trigger; this names the file they came from.
          await this.audit.record(manager, {
            action: 'import',
            entity: 'catalogue',
            after: {
              format: file.format,
              sha256: createHash('sha256').update(file.content).digest('hex'),
              kinds,
              rows: total,
              changes,
            },
          });
        });
        written = changes;
      } catch (error) {
        if (!(error instanceof DomainError || error instanceof QueryFailedError)) throw error;
        failure = `nothing was written: ${error.message}`;
      }
    }
    const { errors, warnings } = problems.sorted(chosen.map(({ sheet }) => sheet.name));
    return {
      kinds,
      dryRun,
      ok: errors.length === 0 && failure === null,
      failure,
      rows: total,
      valid: total - problems.badRowCount,
      changes,
      written,
      errors,
      warnings,
    };
  }

  /** The parts of the catalogue the file's kinds refer to or may change. Every kind refers to agencies. */
  private async loadState(kinds: readonly ImportKind[]): Promise<CatalogueState> {
    const manager = this.store.manager;
    const has = (kind: ImportKind) => kinds.includes(kind);
    return catalogueState({
      agencies: (await manager.find(AgencyEntity)).map(toAgency),
      lineage: has('lineage') ? await manager.find(AgencyLineageEntity) : [],
      procedures: has('procedures') ? (await manager.find(ProcedureEntity)).map(toProcedure) : [],
      offerings: has('procedures') ? await manager.find(OfferingEntity) : [],
      levels: has('procedures') ? (await manager.find(OfferingLevelEntity)).map(toLevelChange) : [],
      targets: has('targets') ? (await manager.find(TargetEntity)).map(toTarget) : [],
    });
  }

  /** Parents before children: procedures before their offerings, offerings before their levels. */
  private async write(manager: EntityManager, plan: ImportPlan, onWritten: (count: number) => void) {
    let count = 0;
    const inChunks = async <T>(rows: readonly T[], write: (chunk: T[]) => Promise<void>) => {
      for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
        const chunk = rows.slice(start, start + WRITE_CHUNK);
        await write(chunk);
        count += chunk.length;
        onWritten(count);
      }
    };
    await inChunks(plan.agencies, (chunk) => this.agencies.upsertMany(manager, chunk));
    await inChunks(plan.lineage, (chunk) => this.agencies.upsertLineage(manager, chunk));
    await inChunks(plan.procedures, (chunk) => this.procedures.upsertProcedures(manager, chunk));
    await inChunks(plan.offerings, (chunk) => this.procedures.upsertOfferings(manager, chunk));
    await inChunks(plan.levels, (chunk) => this.procedures.upsertLevels(manager, chunk));
    await inChunks(plan.targets, (chunk) => this.targets.upsertMany(manager, chunk));
  }
}
