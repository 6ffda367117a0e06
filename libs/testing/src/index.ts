export * from './dossier-event.builder';
export * from './kafka-mock-cluster';
export * from './test-clickhouse';
export * from './test-postgres';
export * from './wait-for';
export * from './test-postgres-engines';
export * from './test-smtp-server';
export * from './test-webhook-receiver';
