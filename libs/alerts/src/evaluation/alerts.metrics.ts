import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '@dvc/observability';

@Injectable()
export class AlertsMetrics {
  readonly states: Gauge<'state'>;
  readonly evaluations: Counter<'outcome'>;
  readonly evaluationSeconds: Histogram;
  readonly notificationFailures: Counter<'channel'>;

  constructor(registry: MetricsRegistry) {
    this.states = new Gauge({
      name: 'dvc_alerts',
      help: 'Alerts (a rule on one unit) by state, as of the latest evaluation made by this process',
      labelNames: ['state'],
      registers: [registry],
    });
    this.evaluations = new Counter({
      name: 'dvc_alert_evaluations_total',
      help: 'Evaluation rounds: evaluated (this process held the lease), skipped (another replica holds it)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.evaluationSeconds = new Histogram({
      name: 'dvc_alert_evaluation_seconds',
      help: 'Time for one round over every rule, sending included',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
    this.notificationFailures = new Counter({
      name: 'dvc_alert_notification_failures_total',
      help: 'Alert messages given up on, by channel',
      labelNames: ['channel'],
      registers: [registry],
    });
  }
}
