import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose every write is a person's (or a script's) change, with the columns naming a row. */
const AUDITED_TABLES: { table: string; key: string; hidden?: string; ignored?: string }[] = [
  { table: 'catalogue.agencies', key: 'code' },
  { table: 'catalogue.agency_lineage', key: 'from_code,to_code' },
  { table: 'catalogue.procedures', key: 'code' },
  { table: 'catalogue.offerings', key: 'procedure_code,agency_code' },
  { table: 'catalogue.offering_levels', key: 'procedure_code,agency_code,effective_from' },
  { table: 'catalogue.targets', key: 'id' },
  { table: 'access.users', key: 'username', hidden: 'password_hash' },
  // A token's use moves last_used_at: not a change anyone made.
  { table: 'access.api_tokens', key: 'prefix', hidden: 'secret_hash', ignored: 'last_used_at' },
  { table: 'alerts.rules', key: 'key' },
  { table: 'alerts.silences', key: 'id' },
  { table: 'alerts.contacts', key: 'agency_code,email' },
  // The report itself (JSON text, XLSX bytes) stays in its table; its checksum names it.
  { table: 'reports.issued_reports', key: 'id', hidden: 'content,xlsx' },
];

/**
 * The audit log: one row per change, append-only by the database itself (a trigger refuses UPDATE, DELETE and
 * TRUNCATE, whoever asks). Row changes of the audited tables are written by a trigger, so no write path can
 * forget them: the row before and after (secrets left out), and the actor the transaction names with
 * `set_config('dvc.audit_actor', <json>, true)` (libs/audit); a write without one (a migration, a script on the
 * database) is kept with no principal. Events that change no audited row (sign-in, failed sign-in, an alert's
 * acknowledgement, an import) are inserted by the application in the same transaction.
 */
export class AuditLog1765000000000 implements MigrationInterface {
  name = 'AuditLog1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE SCHEMA IF NOT EXISTS audit;

      CREATE TABLE audit.entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        principal_name text,
        principal_role text,
        principal_via text,
        principal_id text,
        request_id text,
        route text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb
      );
      CREATE INDEX entries_by_time ON audit.entries (at);
      CREATE INDEX entries_by_principal ON audit.entries (principal_name, at);
      CREATE INDEX entries_by_entity ON audit.entries (entity, entity_id);
      CREATE INDEX entries_by_request ON audit.entries (request_id);

      CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit.entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON audit.entries
        FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
      CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON audit.entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

      -- Arguments: the key columns, the columns never copied (secrets, bulk), the columns whose change alone is
      -- no change (comma-separated each).
      CREATE FUNCTION audit.record_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        actor jsonb := nullif(current_setting('dvc.audit_actor', true), '')::jsonb;
        hidden text[] := string_to_array(coalesce(TG_ARGV[1], ''), ',');
        ignored text[] := string_to_array(coalesce(TG_ARGV[2], ''), ',');
        old_row jsonb;
        new_row jsonb;
        named jsonb;
        entity_id text;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - hidden; END IF;
        IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - hidden; END IF;
        IF TG_OP = 'UPDATE' AND (old_row - ignored) = (new_row - ignored) THEN RETURN NULL; END IF;
        named := coalesce(new_row, old_row);
        SELECT string_agg(named ->> key, '/') INTO entity_id
          FROM unnest(string_to_array(TG_ARGV[0], ',')) AS key;
        INSERT INTO audit.entries
          (principal_name, principal_role, principal_via, principal_id, request_id, route,
           action, entity, entity_id, before, after)
        VALUES
          (actor ->> 'name', actor ->> 'role', actor ->> 'via', actor ->> 'id', actor ->> 'requestId',
           actor ->> 'route', lower(TG_OP), TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, entity_id, old_row, new_row);
        RETURN NULL;
      END $$;
    `);
    for (const { table, key, hidden = '', ignored = '' } of AUDITED_TABLES) {
      await runner.query(
        `CREATE TRIGGER audited AFTER INSERT OR UPDATE OR DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION audit.record_change('${key}', '${hidden}', '${ignored}')`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const { table } of AUDITED_TABLES) await runner.query(`DROP TRIGGER audited ON ${table}`);
    await runner.query('DROP SCHEMA audit CASCADE');
  }
}
