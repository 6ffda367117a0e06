export * from './data-source.options';
export * from './embedded-postgres';
export * from './postgres.module';
export * from './postgres-schema-dump';
export * from './lease/named-lease';
