export * from './audit-context';
export * from './audit-entry.schema';
export * from './audit-trail.service';
export * from './audit.module';
