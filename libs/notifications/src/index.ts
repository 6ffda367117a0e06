export * from './delivery/backoff';
export * from './delivery/delivery-result';
export * from './email/email-sender';
export * from './notifications.metrics';
export * from './notifications.module';
export * from './webhook/webhook-sender';
export * from './webhook/webhook-signature';
