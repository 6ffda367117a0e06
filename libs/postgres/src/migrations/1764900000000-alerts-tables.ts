import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts: rules (their specification as validated JSON), one row per alert (a rule on one unit) carrying the
 * state machine's whole state so a restart carries on, its history with the figures read, the outbox of
 * notifications (written with the state in one transaction, sent after), silences, the contacts of each agency,
 * and the lease that lets one evaluator run at a time across replicas.
 */
export class AlertsTables1764900000000 implements MigrationInterface {
  name = 'AlertsTables1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE SCHEMA IF NOT EXISTS alerts;

      CREATE TABLE alerts.rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        spec jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE alerts.alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id uuid NOT NULL REFERENCES alerts.rules (id) ON DELETE CASCADE,
        unit_code text NOT NULL,
        unit_name text NOT NULL,
        state text NOT NULL,
        machine jsonb NOT NULL,
        figures jsonb,
        labels jsonb NOT NULL,
        evaluated_at timestamptz NOT NULL,
        UNIQUE (rule_id, unit_code)
      );
      CREATE INDEX alerts_by_state ON alerts.alerts (state);

      CREATE TABLE alerts.history (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alerts.alerts (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        from_state text NOT NULL,
        to_state text NOT NULL,
        notification text,
        figures jsonb,
        note text
      );
      CREATE INDEX history_by_alert ON alerts.history (alert_id, at);

      CREATE TABLE alerts.notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        channel text NOT NULL,
        destination text NOT NULL,
        alert_ids uuid[] NOT NULL,
        message jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        sent_at timestamptz
      );
      CREATE INDEX notifications_pending ON alerts.notifications (created_at) WHERE status = 'pending';

      CREATE TABLE alerts.silences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        matchers jsonb NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        created_by text NOT NULL,
        comment text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE alerts.contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_code text NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('head', 'member')),
        UNIQUE (agency_code, email)
      );

      CREATE TABLE alerts.evaluator_lease (
        name text PRIMARY KEY,
        holder text NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SCHEMA alerts CASCADE');
  }
}
