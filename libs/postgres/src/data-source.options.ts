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
    logging: ['error', 'migration'],
  };
}
