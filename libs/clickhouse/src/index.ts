export * from './clickhouse-client.factory';
export * from './clickhouse-migration';
export * from './clickhouse-migrator';
export * from './clickhouse.module';
export * from './migrations';
