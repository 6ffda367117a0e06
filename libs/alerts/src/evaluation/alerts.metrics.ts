import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '@dvc/observability';
import { ALERT_STATES } from '../state/alert-state';
import { AlertsRepository } from '../storage/alerts.repository';

/**
 * The alerts' Prometheus metrics. `dvc_alerts` is read from PostgreSQL when scraped, so every replica reports
 * the province's alerts (take `max`, not `sum`, across replicas), the one holding the lease or not, right after
 * a restart too; the counters and the histogram are this process's own rounds.
 */
@Injectable()
export class AlertsMetrics {
  readonly states: Gauge<'state'>;
  readonly evaluations: Counter<'outcome'>;
  readonly evaluationSeconds: Histogram;
  readonly notificationFailures: Counter<'channel'>;

  constructor(registry: MetricsRegistry, repository: AlertsRepository) {
    const states: Gauge<'state'> = new Gauge({
      name: 'dvc_alerts',
      help: 'Alerts (a rule on one unit) by state, as PostgreSQL holds them when scraped (the same in every replica)',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        // A scrape while PostgreSQL is away keeps the last figures rather than failing /metrics.
        const counts = await repository.countByState().catch(() => null);
        if (!counts) return;
        for (const state of ALERT_STATES)
          states.set({ state }, counts.find((count) => count.state === state)?.count ?? 0);
      },
    });
    this.states = states;
    this.evaluations = new Counter({
      name: 'dvc_alert_evaluations_total',
      help:
        'Evaluation rounds: evaluated (this process held the lease), skipped (another replica holds it), ' +
        'failed (an error ended the round: nothing committed, or the lease lost meanwhile)',
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
