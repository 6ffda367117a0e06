export * from './health-report.schema';
export * from './health.service';
export * from './metrics.registry';
export * from './observability.module';
export * from './json-logger';
export * from './health-verdict';
export * from './metrics-listener';
