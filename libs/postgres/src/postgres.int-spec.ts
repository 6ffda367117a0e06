import { DataSource } from 'typeorm';
import { POSTGRES_ENGINES, TestPostgres } from '@dvc/testing';
import { postgresDataSourceOptions } from './data-source.options';
import { postgresMigrations } from './migrations';

describe.each(POSTGRES_ENGINES)('PostgreSQL migrations on %s', (_name, start) => {
  let engine: TestPostgres;
  beforeEach(async () => {
    engine = await start();
  });
  afterEach(() => engine.stop());

  const open = async () => new DataSource(postgresDataSourceOptions(engine.url)).initialize();

  it('runs every migration at start-up and records it', async () => {
    const dataSource = await open();
    const recorded = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(recorded.map((row: { name: string }) => row.name)).toEqual(postgresMigrations.map((m) => m.name));
    const schemas = await dataSource.query(
      "SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'catalogue'",
    );
    expect(schemas).toHaveLength(1);
    await dataSource.destroy();
  });

  it('runs nothing again on the next start', async () => {
    await (await open()).destroy();
    const dataSource = await open();
    expect(await dataSource.showMigrations()).toBe(false);
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM schema_migrations');
    expect(count).toBe(postgresMigrations.length);
    await dataSource.destroy();
  });
});
