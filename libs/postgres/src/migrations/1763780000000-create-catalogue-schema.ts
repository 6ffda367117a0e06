import { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalogue (agencies, procedures, levels, targets) lives in its own schema; its tables come with it. */
export class CreateCatalogueSchema1763780000000 implements MigrationInterface {
  name = 'CreateCatalogueSchema1763780000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SCHEMA IF NOT EXISTS catalogue');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SCHEMA IF EXISTS catalogue CASCADE');
  }
}
