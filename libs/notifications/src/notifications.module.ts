import { Module } from '@nestjs/common';
import { EmailSender } from './email/email-sender';
import { NotificationsMetrics } from './notifications.metrics';
import { WebhookSender } from './webhook/webhook-sender';

/** Channels to reach people and systems: email over SMTP and signed webhooks. Needs ConfigModule and ObservabilityModule. */
@Module({
  providers: [EmailSender, WebhookSender, NotificationsMetrics],
  exports: [EmailSender, WebhookSender],
})
export class NotificationsModule {}
