export * from './app-config';
export * from './app-config.schema';
export * from './config.module';
export * from './report-schedules.schema';
