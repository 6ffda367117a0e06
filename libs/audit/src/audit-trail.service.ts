import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, currentAuditScope } from './audit-context';
import { AuditEntry, AuditFilter, AuditPage } from './audit-entry.schema';

/** An event that changes no audited row by itself (the tables' trigger records row changes). */
export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who, when not the request's caller (a sign-in: the user signing in; a failed one: nobody). */
  actor?: AuditActor | null;
}

interface EntryRow {
  id: string;
  at: Date;
  principal_name: string | null;
  principal_role: string | null;
  principal_via: string | null;
  principal_id: string | null;
  request_id: string | null;
  route: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

const toEntry = (row: EntryRow): AuditEntry => ({
  id: String(row.id),
  at: new Date(row.at).toISOString(),
  principal:
    row.principal_name === null
      ? null
      : {
          name: row.principal_name,
          role: row.principal_role ?? '',
          via: row.principal_via ?? '',
          id: row.principal_id,
        },
  requestId: row.request_id,
  route: row.route,
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  before: row.before ?? null,
  after: row.after ?? null,
});

/**
 * The audit log (audit.entries, append-only in the database). Writes that should be attributed go through
 * `transaction` (or `stamp` an existing transaction): the audited tables' trigger then records each row change
 * with the request's caller. Always the transaction's own manager: PGlite serves every connection through one
 * backend, so a query beside an open transaction would wait for it.
 */
@Injectable()
export class AuditTrail {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A transaction whose changes are attributed to the current request's caller. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.stamp(manager);
      return work(manager);
    });
  }

  /** Names the current request's caller for the rest of this transaction (nothing outside a request). */
  async stamp(manager: EntityManager): Promise<void> {
    const scope = currentAuditScope();
    if (!scope) return;
    const actor = scope.actor();
    await manager.query(`SELECT set_config('dvc.audit_actor', $1, true)`, [
      JSON.stringify({ ...actor, requestId: scope.requestId, route: scope.route }),
    ]);
  }

  /** Records an event inside the caller's transaction. */
  async record(manager: EntityManager, event: AuditEvent): Promise<void> {
    const scope = currentAuditScope();
    const actor = event.actor === undefined ? (scope?.actor() ?? null) : event.actor;
    await manager.query(
      `INSERT INTO audit.entries
         (principal_name, principal_role, principal_via, principal_id, request_id, route,
          action, entity, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        actor?.name ?? null,
        actor?.role ?? null,
        actor?.via ?? null,
        actor?.id ?? null,
        scope?.requestId ?? null,
        scope?.route ?? null,
        event.action,
        event.entity,
        event.entityId ?? null,
        event.before === undefined ? null : JSON.stringify(event.before),
        event.after === undefined ? null : JSON.stringify(event.after),
      ],
    );
  }

  /** Records an event in a transaction of its own (one that goes with no write, e.g. a failed sign-in). */
  recordNow(event: AuditEvent): Promise<void> {
    return this.dataSource.transaction((manager) => this.record(manager, event));
  }

  /** Newest first; `nextCursor` continues with older entries. */
  async list(filter: AuditFilter): Promise<AuditPage> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (filter.principal) where('principal_name = ?', filter.principal);
    if (filter.action) where('action = ?', filter.action);
    if (filter.entity) where('entity = ?', filter.entity);
    if (filter.entityId) where('entity_id = ?', filter.entityId);
    if (filter.requestId) where('request_id = ?', filter.requestId);
    if (filter.from) where('at >= ?', filter.from);
    if (filter.to) where('at < ?', filter.to);
    if (filter.cursor) where('id < ?', filter.cursor);
    parameters.push(filter.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT * FROM audit.entries ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT $${parameters.length}`,
      parameters,
    )) as EntryRow[];
    const page = rows.slice(0, filter.limit).map(toEntry);
    return { entries: page, nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null };
  }
}
