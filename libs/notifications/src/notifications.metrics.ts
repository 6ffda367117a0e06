import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@dvc/observability';
import { DeliveryResult } from './delivery/delivery-result';

@Injectable()
export class NotificationsMetrics {
  readonly deliveries: Counter<'channel' | 'outcome'>;
  readonly attempts: Counter<'channel'>;

  constructor(registry: MetricsRegistry) {
    this.deliveries = new Counter({
      name: 'dvc_notification_deliveries_total',
      help: 'Notifications by channel and outcome: delivered, failed (given up), skipped (channel not configured)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    });
    this.attempts = new Counter({
      name: 'dvc_notification_attempts_total',
      help: 'Delivery attempts, retries included',
      labelNames: ['channel'],
      registers: [registry],
    });
  }

  record(result: DeliveryResult): DeliveryResult {
    this.deliveries.inc({ channel: result.channel, outcome: result.outcome });
    this.attempts.inc({ channel: result.channel }, result.attempts);
    return result;
  }
}
