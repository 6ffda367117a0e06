export * from './data-quality.module';
export * from './data-quality.repository';
export * from './data-quality.schema';
export * from './data-quality.service';
export * from './reporting-window';
