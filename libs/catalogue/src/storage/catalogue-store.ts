import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditTrail } from '@dvc/audit';
import { DomainError } from '@dvc/domain-errors';
import { findParentCycle } from '../agencies/agency-rollup';
import { AgencyEntity } from '../agencies/agency.entity';

/**
 * Every catalogue write goes through here: one transaction, attributed to the caller in the audit log, that also
 * bumps `catalogue.revision` and checks the agency tree has no loop, then a change notice (the ClickHouse mirror
 * listens). Database refusals become
 * domain errors with the offending key.
 */
@Injectable()
export class CatalogueStore {
  /** Emits after each committed write. */
  readonly changed = new Subject<void>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.audit.transaction(async (manager) => {
        const value = await work(manager);
        await assertNoParentCycle(manager);
        await manager.query('UPDATE catalogue.revision SET revision = revision + 1 WHERE id = 1');
        return value;
      });
    } catch (error) {
      throw toDomainError(error);
    }
    this.changed.next();
    return result;
  }

  async revision(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT revision FROM catalogue.revision WHERE id = 1');
    return Number(row.revision);
  }
}

async function assertNoParentCycle(manager: EntityManager): Promise<void> {
  const agencies = await manager.find(AgencyEntity, { select: { code: true, parentCode: true } });
  const cycle = findParentCycle(agencies);
  if (cycle) throw new DomainError('invalid', `agency parents form a loop: ${cycle.join(' → ')}`);
}

/** PostgreSQL's refusals, in words an official can act on. */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driverError = error.driverError as { code?: string; detail?: string; constraint?: string };
  const detail = describeKey(driverError.detail);
  switch (driverError.code) {
    case '23505':
      // The detail says it all, e.g. "key national-766.dossiers-online already exists".
      return new DomainError('conflict', driverError.detail ? detail : 'already exists');
    case '23503':
      return driverError.detail?.includes('is still referenced')
        ? new DomainError('conflict', `still in use: ${detail}`)
        : new DomainError('invalid', `refers to something not in the catalogue: ${detail}`);
    case '23514':
    case '23502':
    case '22007':
    case '22008':
      return new DomainError(
        'invalid',
        `refused by the catalogue: ${driverError.constraint ?? error.message}`,
      );
    default:
      return error;
  }
}

/** `Key (parent_code)=(X) is not present in table "agencies".` → `parent_code X is not present in table agencies` */
function describeKey(detail: string | undefined): string {
  if (!detail) return 'a key';
  return detail
    .replace(/^Key \(([^)]*)\)=\(([^)]*)\)/, '$1 $2')
    .replaceAll('"', '')
    .replace(/\.$/, '');
}
