import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { AlertEvaluator } from './alert-evaluator';

/**
 * Runs an evaluation every ALERTS_EVALUATE_EVERY_SECONDS in every replica; the lease lets one of them evaluate.
 * Rounds never overlap; shutdown waits for the round in hand and hands the lease back.
 */
@Injectable()
export class AlertsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly evaluator: AlertEvaluator,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.ALERTS_EVALUATE_EVERY_SECONDS;
    if (seconds === 0) return;
    this.timer = setInterval(() => this.tick(), seconds * 1000);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.evaluator
      .evaluateOnce()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`alert evaluation failed: ${String(error)}`))
      .finally(() => {
        this.running = null;
      });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    if (this.timer) await this.evaluator.releaseLease().catch(() => undefined);
  }
}
