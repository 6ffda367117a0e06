export * from './target-evaluation-period';
export * from './target-status.module';
export * from './target-status.schema';
export * from './target-status.service';
