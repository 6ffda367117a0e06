import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issued reports (chốt số liệu): a report once issued is kept as it was sent, its table and figures as the exact
 * JSON text it was downloaded as (text, not jsonb, so the bytes stay), the XLSX bytes, the moment of ingestion
 * it was counted at, who issued it and a SHA-256 of the JSON. One issue per kind, scope, period and layout.
 */
export class IssuedReports1763810000000 implements MigrationInterface {
  name = 'IssuedReports1763810000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE SCHEMA IF NOT EXISTS reports;
      CREATE TABLE reports.issued_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        agency_code text,
        scope_key text NOT NULL,
        period_key text NOT NULL,
        period_cut text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        rows_by text NOT NULL,
        structure text NOT NULL,
        as_of timestamptz NOT NULL,
        content text NOT NULL,
        xlsx bytea NOT NULL,
        checksum text NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT issued_reports_once UNIQUE (kind, scope_key, period_key, period_cut, rows_by, structure)
      );
      CREATE INDEX issued_reports_by_period ON reports.issued_reports (period_from, period_to);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE reports.issued_reports; DROP SCHEMA reports;`);
  }
}
