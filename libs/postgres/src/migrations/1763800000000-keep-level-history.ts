import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Removing a procedure or an offering no longer takes its level history with it: the history is what procedure
 * indicators count, so a procedure or an offering that ends is given a validTo instead. The catalogue refuses
 * such a removal with a message first; these keys refuse it even when a write slips past that check.
 */
export class KeepLevelHistory1763800000000 implements MigrationInterface {
  name = 'KeepLevelHistory1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE catalogue.offerings
        DROP CONSTRAINT offerings_procedure_code_fkey,
        ADD CONSTRAINT offerings_procedure_code_fkey FOREIGN KEY (procedure_code)
          REFERENCES catalogue.procedures (code) ON DELETE RESTRICT;
      ALTER TABLE catalogue.offering_levels
        DROP CONSTRAINT offering_levels_procedure_code_agency_code_fkey,
        ADD CONSTRAINT offering_levels_procedure_code_agency_code_fkey FOREIGN KEY (procedure_code, agency_code)
          REFERENCES catalogue.offerings (procedure_code, agency_code) ON DELETE RESTRICT;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE catalogue.offerings
        DROP CONSTRAINT offerings_procedure_code_fkey,
        ADD CONSTRAINT offerings_procedure_code_fkey FOREIGN KEY (procedure_code)
          REFERENCES catalogue.procedures (code) ON DELETE CASCADE;
      ALTER TABLE catalogue.offering_levels
        DROP CONSTRAINT offering_levels_procedure_code_agency_code_fkey,
        ADD CONSTRAINT offering_levels_procedure_code_agency_code_fkey FOREIGN KEY (procedure_code, agency_code)
          REFERENCES catalogue.offerings (procedure_code, agency_code) ON DELETE CASCADE;
    `);
  }
}
