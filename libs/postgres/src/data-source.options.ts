import { DataSourceOptions } from 'typeorm';
import { postgresMigrations } from './migrations';

/** Options for a server URL, embedded or not: migrations run at start-up and are recorded by TypeORM. */
export function postgresDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations: postgresMigrations,
    migrationsRun: true,
    migrationsTableName: 'schema_migrations',
    // One transaction per migration: PGlite serves every pooled connection through one backend.
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'migration'],
  };
}
