import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '@dvc/config';
import { DeliveryResult } from '../delivery/delivery-result';
import { errorMessage } from '../delivery/error-message';
import { NotificationsMetrics } from '../notifications.metrics';

export interface EmailMessage {
  to: string[];
  subject: string;
  /** Plain text, always sent; html beside it when given. */
  text: string;
  html?: string;
  /** Files sent with it (an issued report's XLSX). */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Sends mail through the SMTP server of SMTP_URL (`smtp://user:pass@host:587`, `smtps://…` for TLS from the
 * start) with nodemailer, which retries nothing itself: a failure is returned for the caller to record. Without
 * SMTP_URL (the embedded `npm start`) every message is `skipped` and logged.
 */
@Injectable()
export class EmailSender implements OnModuleDestroy {
  private readonly logger = new Logger(EmailSender.name);
  private readonly transport: Transporter | null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: NotificationsMetrics,
  ) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL, { from: config.SMTP_FROM }) : null;
  }

  async send(message: EmailMessage): Promise<DeliveryResult> {
    const destination = message.to.join(', ');
    const result = (outcome: DeliveryResult['outcome'], fields: Partial<DeliveryResult>): DeliveryResult =>
      this.metrics.record({
        channel: 'email',
        destination,
        outcome,
        attempts: 1,
        response: null,
        error: null,
        messageId: null,
        ...fields,
      });
    if (message.to.length === 0) return result('skipped', { attempts: 0, error: 'no recipient' });
    if (this.transport === null) {
      this.logger.log(`SMTP_URL not set; not sent to ${destination}: ${message.subject}`);
      return result('skipped', { attempts: 0, error: 'SMTP_URL not set' });
    }
    try {
      const info = (await this.transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
      })) as { messageId?: string; response?: string };
      return result('delivered', { response: info.response ?? null, messageId: info.messageId ?? null });
    } catch (failure) {
      const error = errorMessage(failure);
      this.logger.warn(`mail to ${destination} failed: ${error}`);
      return result('failed', { error });
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
