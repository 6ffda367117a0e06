import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies with their lineage, procedures with their offerings and effective-dated levels, targets, and the
 * revision counter every catalogue write bumps (the ClickHouse mirror compares it with what it published).
 * Dates are local calendar days, both ends inclusive; a null end is open. Foreign keys between agencies are
 * deferred so one import can bring a parent after its children. Nothing cascades from an agency: removing one
 * that offerings, lineage or targets still refer to is refused (their history would go with it).
 */
export class CatalogueTables1763790000000 implements MigrationInterface {
  name = 'CatalogueTables1763790000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE catalogue.revision (
        id smallint PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL
      );
      INSERT INTO catalogue.revision (id, revision) VALUES (1, 1);

      CREATE TABLE catalogue.agencies (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL
          CHECK (kind IN ('province', 'department', 'district', 'commune', 'centre', 'other')),
        parent_code text REFERENCES catalogue.agencies (code) DEFERRABLE INITIALLY DEFERRED,
        valid_from date NOT NULL,
        valid_to date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK (parent_code IS DISTINCT FROM code)
      );
      CREATE INDEX agencies_parent_code ON catalogue.agencies (parent_code);

      CREATE TABLE catalogue.agency_lineage (
        from_code text NOT NULL REFERENCES catalogue.agencies (code) DEFERRABLE INITIALLY DEFERRED,
        to_code text NOT NULL REFERENCES catalogue.agencies (code) DEFERRABLE INITIALLY DEFERRED,
        effective_date date NOT NULL,
        PRIMARY KEY (from_code, to_code),
        CHECK (from_code <> to_code)
      );
      CREATE INDEX agency_lineage_to_code ON catalogue.agency_lineage (to_code);

      CREATE TABLE catalogue.procedures (
        code text PRIMARY KEY,
        name text NOT NULL,
        field text NOT NULL,
        valid_to date,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE catalogue.offerings (
        procedure_code text NOT NULL REFERENCES catalogue.procedures (code) ON DELETE CASCADE,
        agency_code text NOT NULL REFERENCES catalogue.agencies (code) DEFERRABLE INITIALLY DEFERRED,
        valid_to date,
        PRIMARY KEY (procedure_code, agency_code)
      );
      CREATE INDEX offerings_agency_code ON catalogue.offerings (agency_code);

      CREATE TABLE catalogue.offering_levels (
        procedure_code text NOT NULL,
        agency_code text NOT NULL,
        effective_from date NOT NULL,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        mode text NOT NULL CHECK (mode IN ('none', 'partial', 'full')),
        portal boolean NOT NULL,
        fee boolean NOT NULL,
        PRIMARY KEY (procedure_code, agency_code, effective_from),
        FOREIGN KEY (procedure_code, agency_code)
          REFERENCES catalogue.offerings (procedure_code, agency_code) ON DELETE CASCADE
      );

      CREATE TABLE catalogue.targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        indicator_id text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        agency_code text REFERENCES catalogue.agencies (code) DEFERRABLE INITIALLY DEFERRED,
        subtree boolean NOT NULL DEFAULT true,
        period_kind text NOT NULL CHECK (period_kind IN ('year', 'quarter', 'month', 'rolling')),
        rolling_days integer CHECK ((period_kind = 'rolling') = (rolling_days IS NOT NULL)),
        comparator text NOT NULL CHECK (comparator IN ('>=', '>', '<=', '<')),
        threshold double precision NOT NULL,
        legal_basis text NOT NULL,
        active_from date NOT NULL,
        active_to date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (active_to IS NULL OR active_to >= active_from)
      );
      CREATE INDEX targets_indicator_id ON catalogue.targets (indicator_id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE catalogue.targets, catalogue.offering_levels, catalogue.offerings, catalogue.procedures,
        catalogue.agency_lineage, catalogue.agencies, catalogue.revision
    `);
  }
}
