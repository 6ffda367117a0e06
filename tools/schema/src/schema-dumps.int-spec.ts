import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestClickHouse } from '@dvc/testing';
import { freshClickHouseSchema, freshPostgresSchema, SCHEMA_DUMPS } from './schema-dumps';

/** The checked-in schema dumps are what the migrations make: a migration without its dump fails here. */
describe('schema dumps (docs/schema)', () => {
  const checkedIn = (path: string) => readFileSync(join(__dirname, '..', '..', '..', path), 'utf8');
  const stale = 'docs/schema is stale: run `npm run schema:dump` and commit the result';

  it('ClickHouse: the dump is the schema of a freshly migrated database', async () => {
    const clickhouse = await createTestClickHouse({ migrate: false });
    try {
      const fresh = await freshClickHouseSchema(clickhouse.client);
      if (fresh !== checkedIn(SCHEMA_DUMPS.clickhouse)) throw new Error(stale);
      expect(fresh).toContain('CREATE TABLE {db}.dossier_snapshot');
    } finally {
      await clickhouse.drop();
    }
  }, 120_000);

  it('PostgreSQL: the dump is the schema of a freshly migrated database', async () => {
    const fresh = await freshPostgresSchema();
    if (fresh !== checkedIn(SCHEMA_DUMPS.postgres)) throw new Error(stale);
    expect(fresh).toContain('CREATE TABLE catalogue.');
  }, 120_000);
});
