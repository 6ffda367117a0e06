import { Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail.service';

/** The audit log: attributed transactions, events, and the admins' read. */
@Module({ providers: [AuditTrail], exports: [AuditTrail] })
export class AuditModule {}
