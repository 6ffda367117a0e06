export * from './dashboard.module';
export * from './overview/overview.schema';
export * from './overview/overview-tiles';
export * from './overview/overview-queries';
export * from './overview/overview.service';
