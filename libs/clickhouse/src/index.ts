export * from './clickhouse-client.factory';
export * from './clickhouse-migration';
export * from './clickhouse-migrator';
export * from './clickhouse-time';
export * from './dossier-fact-columns';
export * from './clickhouse.module';
export * from './migrations';
export * from './clickhouse-schema-dump';
