import { DataSourceOptions, EntitySchema } from 'typeorm';
import { postgresMigrations } from './migrations';

/**
 * Options for a server URL, embedded or not: migrations run at start-up and are recorded by TypeORM. Apps
 * register entities through their feature modules (autoLoadEntities); a bare DataSource passes them here.
 */
export function postgresDataSourceOptions(
  url: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: postgresMigrations,
    migrationsRun: true,
    migrationsTableName: 'schema_migrations',
    // One transaction per migration: PGlite serves every pooled connection through one backend.
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Not 'error': refusals the catalogue expects (duplicate key, unknown reference) would be logged with their
    // whole SQL; unexpected failures reach the HTTP error filter, which logs them.
    logging: ['migration', 'warn'],
    // Ids come from gen_random_uuid(), built into PostgreSQL 13+; PGlite cannot install extensions anyway.
    installExtensions: false,
  };
}
