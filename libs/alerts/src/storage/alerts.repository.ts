import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@dvc/audit';
import { DomainError } from '@dvc/domain-errors';
import { DeliveryResult } from '@dvc/notifications';
import { releaseLease, renewLease, tryAcquireLease } from '@dvc/postgres';
import { AlertRule, AlertRuleSpec } from '../rules/alert-rule.schema';
import { AlertInstanceState, AlertStateName, NotificationKind } from '../state/alert-state';
import { UnitFigures } from '../evaluation/recovery-needs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The alerts evaluator's row of the named leases. */
const EVALUATOR_LEASE = 'evaluator';

export interface AlertRow {
  id: string;
  ruleId: string;
  ruleKey: string;
  unitCode: string;
  unitName: string;
  state: AlertStateName;
  machine: AlertInstanceState;
  figures: (UnitFigures & { period: { from: string; to: string } }) | null;
  labels: Record<string, string>;
  evaluatedAt: string;
}

export interface HistoryEntry {
  alertId: string;
  at: Date;
  fromState: AlertStateName;
  toState: AlertStateName;
  notification: NotificationKind | null;
  figures: unknown;
  note: string | null;
}

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'webhook';
  destination: string;
  alertIds: string[];
  message: unknown;
}

export interface Contact {
  id: string;
  agencyCode: string;
  email: string;
  name: string;
  role: 'head' | 'member';
}

export interface Silence {
  id: string;
  matchers: { name: string; value: string; isEqual: boolean }[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

/**
 * Moves alert data in and out of PostgreSQL (schema `alerts`); decides nothing. Writes run in transactions the
 * audit log attributes to the caller (rules, silences and contacts are audited tables).
 */
@Injectable()
export class AlertsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  // Rules

  async listRules(): Promise<AlertRule[]> {
    const rows = await this.dataSource.query(`SELECT * FROM alerts.rules ORDER BY key`);
    return rows.map(toRule);
  }

  async getRule(id: string): Promise<AlertRule> {
    const rows = UUID.test(id)
      ? await this.dataSource.query(`SELECT * FROM alerts.rules WHERE id = $1`, [id])
      : [];
    if (rows.length === 0) throw new DomainError('not_found', `no alert rule ${id}`);
    return toRule(rows[0]);
  }

  /** Inserts, or updates the rule with the same key. */
  async upsertRule(spec: AlertRuleSpec, manager?: EntityManager): Promise<AlertRule> {
    const upsert = (inside: EntityManager) =>
      inside.query(
        `INSERT INTO alerts.rules (key, spec) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET spec = EXCLUDED.spec, updated_at = now()
         RETURNING *`,
        [spec.key, JSON.stringify(spec)],
      );
    const rows = await (manager ? upsert(manager) : this.transaction(upsert));
    return toRule(rows[0]);
  }

  async replaceRule(id: string, spec: AlertRuleSpec): Promise<AlertRule> {
    const rows = UUID.test(id)
      ? await this.transaction((manager) =>
          manager.query(
            `UPDATE alerts.rules SET key = $2, spec = $3, updated_at = now() WHERE id = $1 RETURNING *`,
            [id, spec.key, JSON.stringify(spec)],
          ),
        )
      : [[]];
    const [updated] = rows[0] as unknown[];
    if (!updated) throw new DomainError('not_found', `no alert rule ${id}`);
    return toRule(updated as RuleRow);
  }

  async removeRule(id: string): Promise<void> {
    const result = UUID.test(id)
      ? await this.transaction((manager) => manager.query(`DELETE FROM alerts.rules WHERE id = $1`, [id]))
      : [[], 0];
    if (!result[1]) throw new DomainError('not_found', `no alert rule ${id}`);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.audit.transaction(work);
  }

  // The evaluator's lease (libs/postgres's named leases, as the report scheduler's)

  /** Takes or renews the lease for `holder` unless another holder's is still running. */
  tryAcquireLease(holder: string, seconds: number): Promise<boolean> {
    return tryAcquireLease(this.dataSource, EVALUATOR_LEASE, holder, seconds);
  }

  releaseLease(holder: string): Promise<void> {
    return releaseLease(this.dataSource, EVALUATOR_LEASE, holder);
  }

  /**
   * Inside an evaluation's transaction: renews the lease for `holder`, or fails if another holder has taken it
   * meanwhile (a paused evaluator then writes nothing).
   */
  async renewLeaseOrFail(manager: EntityManager, holder: string, seconds: number): Promise<void> {
    if (!(await renewLease(manager, EVALUATOR_LEASE, holder, seconds)))
      throw new DomainError('conflict', `evaluator ${holder} lost its lease to another replica`);
  }

  // Alerts

  async listAlerts(filter: { ruleId?: string; states?: AlertStateName[] } = {}): Promise<AlertRow[]> {
    const rows = await this.dataSource.query(
      `SELECT a.*, r.key AS rule_key FROM alerts.alerts a JOIN alerts.rules r ON r.id = a.rule_id
       WHERE ($1::uuid IS NULL OR a.rule_id = $1) AND ($2::text[] IS NULL OR a.state = ANY($2))
       ORDER BY r.key, a.unit_code`,
      [filter.ruleId ?? null, filter.states ?? null],
    );
    return rows.map(toAlert);
  }

  async countByState(): Promise<{ state: AlertStateName; count: number }[]> {
    return this.dataSource.query(`SELECT state, count(*)::int AS count FROM alerts.alerts GROUP BY state`);
  }

  async getAlert(id: string, manager: EntityManager = this.dataSource.manager): Promise<AlertRow> {
    const rows = UUID.test(id)
      ? await manager.query(
          `SELECT a.*, r.key AS rule_key FROM alerts.alerts a JOIN alerts.rules r ON r.id = a.rule_id WHERE a.id = $1`,
          [id],
        )
      : [];
    if (rows.length === 0) throw new DomainError('not_found', `no alert ${id}`);
    return toAlert(rows[0]);
  }

  async saveAlert(
    manager: EntityManager,
    alert: Omit<AlertRow, 'ruleKey' | 'evaluatedAt'> & { evaluatedAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO alerts.alerts (id, rule_id, unit_code, unit_name, state, machine, figures, labels, evaluated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET unit_name = EXCLUDED.unit_name, state = EXCLUDED.state,
         machine = EXCLUDED.machine, figures = EXCLUDED.figures, labels = EXCLUDED.labels,
         evaluated_at = EXCLUDED.evaluated_at`,
      [
        alert.id,
        alert.ruleId,
        alert.unitCode,
        alert.unitName,
        alert.state,
        JSON.stringify(alert.machine),
        alert.figures === null ? null : JSON.stringify(alert.figures),
        JSON.stringify(alert.labels),
        alert.evaluatedAt,
      ],
    );
  }

  async addHistory(manager: EntityManager, entry: HistoryEntry): Promise<void> {
    await manager.query(
      `INSERT INTO alerts.history (alert_id, at, from_state, to_state, notification, figures, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.alertId,
        entry.at,
        entry.fromState,
        entry.toState,
        entry.notification,
        entry.figures === null ? null : JSON.stringify(entry.figures),
        entry.note,
      ],
    );
  }

  async history(alertId: string): Promise<(Omit<HistoryEntry, 'at'> & { at: string })[]> {
    await this.getAlert(alertId);
    const rows = await this.dataSource.query(
      `SELECT * FROM alerts.history WHERE alert_id = $1 ORDER BY at, id`,
      [alertId],
    );
    return rows.map((row: Record<string, unknown>) => ({
      alertId: row.alert_id as string,
      at: (row.at as Date).toISOString(),
      fromState: row.from_state as AlertStateName,
      toState: row.to_state as AlertStateName,
      notification: row.notification as NotificationKind | null,
      figures: row.figures,
      note: row.note as string | null,
    }));
  }

  // The outbox

  async enqueue(manager: EntityManager, message: Omit<OutboxMessage, 'id'>): Promise<void> {
    await manager.query(
      `INSERT INTO alerts.notifications (channel, destination, alert_ids, message) VALUES ($1, $2, $3, $4)`,
      [message.channel, message.destination, message.alertIds, JSON.stringify(message.message)],
    );
  }

  async pendingMessages(): Promise<OutboxMessage[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM alerts.notifications WHERE status = 'pending' ORDER BY created_at, id`,
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: row.id as string,
      channel: row.channel as OutboxMessage['channel'],
      destination: row.destination as string,
      alertIds: row.alert_ids as string[],
      message: row.message,
    }));
  }

  async recordDelivery(id: string, result: DeliveryResult): Promise<void> {
    await this.dataSource.query(
      `UPDATE alerts.notifications SET status = $2, attempts = attempts + $3, error = $4, sent_at = now() WHERE id = $1`,
      [id, result.outcome, result.attempts, result.error],
    );
  }

  async notifications(filter: { alertId?: string } = {}) {
    const rows = await this.dataSource.query(
      `SELECT * FROM alerts.notifications WHERE ($1::uuid IS NULL OR $1 = ANY(alert_ids)) ORDER BY created_at, id`,
      [filter.alertId ?? null],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: row.id as string,
      createdAt: (row.created_at as Date).toISOString(),
      channel: row.channel as string,
      destination: row.destination as string,
      alertIds: row.alert_ids as string[],
      status: row.status as string,
      attempts: row.attempts as number,
      error: row.error as string | null,
    }));
  }

  // Contacts

  /** Inside the evaluation's transaction: on PGlite (one backend) a query beside it would wait for it forever. */
  async contactsOf(manager: EntityManager, agencyCodes: readonly string[]): Promise<Contact[]> {
    if (agencyCodes.length === 0) return [];
    const rows = await manager.query(
      `SELECT * FROM alerts.contacts WHERE agency_code = ANY($1) ORDER BY agency_code, email`,
      [agencyCodes],
    );
    return rows.map(toContact);
  }

  async listContacts(): Promise<Contact[]> {
    return (await this.dataSource.query(`SELECT * FROM alerts.contacts ORDER BY agency_code, email`)).map(
      toContact,
    );
  }

  async upsertContact(contact: Omit<Contact, 'id'>): Promise<Contact> {
    const rows = await this.transaction((manager) =>
      manager.query(
        `INSERT INTO alerts.contacts (agency_code, email, name, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_code, email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role RETURNING *`,
        [contact.agencyCode, contact.email, contact.name, contact.role],
      ),
    );
    return toContact(rows[0]);
  }

  async removeContact(id: string): Promise<void> {
    const result = UUID.test(id)
      ? await this.transaction((manager) => manager.query(`DELETE FROM alerts.contacts WHERE id = $1`, [id]))
      : [[], 0];
    if (!result[1]) throw new DomainError('not_found', `no contact ${id}`);
  }

  // Silences

  async activeSilences(at: Date): Promise<Silence[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM alerts.silences WHERE starts_at <= $1 AND ends_at > $1 ORDER BY starts_at`,
      [at],
    );
    return rows.map(toSilence);
  }

  async listSilences(): Promise<Silence[]> {
    return (await this.dataSource.query(`SELECT * FROM alerts.silences ORDER BY starts_at DESC`)).map(
      toSilence,
    );
  }

  async createSilence(manager: EntityManager, silence: Omit<Silence, 'id'>): Promise<Silence> {
    const rows = await manager.query(
      `INSERT INTO alerts.silences (matchers, starts_at, ends_at, created_by, comment) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [
        JSON.stringify(silence.matchers),
        silence.startsAt,
        silence.endsAt,
        silence.createdBy,
        silence.comment,
      ],
    );
    return toSilence(rows[0]);
  }

  async getSilence(id: string, manager: EntityManager = this.dataSource.manager): Promise<Silence> {
    const rows = UUID.test(id)
      ? await manager.query(`SELECT * FROM alerts.silences WHERE id = $1`, [id])
      : [];
    if (rows.length === 0) throw new DomainError('not_found', `no silence ${id}`);
    return toSilence(rows[0]);
  }

  /** Ends a silence now (kept for the record). */
  async expireSilence(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE alerts.silences SET ends_at = greatest(starts_at + interval '1 millisecond', $2) WHERE id = $1`,
      [id, at],
    );
  }
}

interface RuleRow {
  id: string;
  spec: AlertRuleSpec;
  created_at: Date;
  updated_at: Date;
}

const toRule = (row: RuleRow): AlertRule => ({
  ...row.spec,
  id: row.id,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toAlert = (row: Record<string, unknown>): AlertRow => ({
  id: row.id as string,
  ruleId: row.rule_id as string,
  ruleKey: row.rule_key as string,
  unitCode: row.unit_code as string,
  unitName: row.unit_name as string,
  state: row.state as AlertStateName,
  machine: row.machine as AlertInstanceState,
  figures: row.figures as AlertRow['figures'],
  labels: row.labels as Record<string, string>,
  evaluatedAt: (row.evaluated_at as Date).toISOString(),
});

const toContact = (row: Record<string, unknown>): Contact => ({
  id: row.id as string,
  agencyCode: row.agency_code as string,
  email: row.email as string,
  name: row.name as string,
  role: row.role as Contact['role'],
});

const toSilence = (row: Record<string, unknown>): Silence => ({
  id: row.id as string,
  matchers: row.matchers as Silence['matchers'],
  startsAt: (row.starts_at as Date).toISOString(),
  endsAt: (row.ends_at as Date).toISOString(),
  createdBy: row.created_by as string,
  comment: row.comment as string,
});
