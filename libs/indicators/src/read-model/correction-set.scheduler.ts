import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { AppConfig } from '@dvc/config';
import { MetricsRegistry } from '@dvc/observability';
import { IndicatorEngineRepository } from '../engine/indicator-engine.repository';

/** The scheduler waits at least this many times as long as the last preparation took: at most a fifth of the time. */
const PAUSE_PER_PREPARATION = 4;

/**
 * Prepares the correction set for the events since the snapshot's watermark every CORRECTION_SETS_EVERY_SECONDS
 * (0: never), so that a live dashboard's query (`maxLag`) reads one made a few seconds ago
 * instead of making one itself (docs/indicators.md). A set already made for the same events is reused, by this
 * replica and every other, so an idle feed costs a check per tick.
 *
 * The next tick waits the interval or four times as long as the last preparation took, whichever is longer: a
 * backlog being caught up changes many dossiers per tick, and the ingest keeps most of the time.
 */
@Injectable()
export class CorrectionSetScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CorrectionSets');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly seconds: Histogram<'outcome'>;

  constructor(
    private readonly engine: IndicatorEngineRepository,
    private readonly config: AppConfig,
    registry: MetricsRegistry,
  ) {
    this.seconds = new Histogram({
      name: 'dvc_correction_set_prepare_seconds',
      help:
        'Scheduled correction-set preparations by outcome: made, ready (already made for the same events), ' +
        'none (no snapshot or no events since its watermark), failed',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.CORRECTION_SETS_EVERY_SECONDS === 0) return;
    this.schedule(this.config.CORRECTION_SETS_EVERY_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One preparation, unless one is running; a failure is logged and the next tick tries again. */
  prepare(): Promise<void> {
    this.running ??= this.timedPreparation().finally(() => (this.running = null));
    return this.running;
  }

  private async timedPreparation(): Promise<void> {
    const stopTimer = this.seconds.startTimer();
    try {
      stopTimer({ outcome: await this.engine.prepareCorrectionSet() });
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      this.logger.error(`preparing a correction set failed: ${(error as Error).message}`);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      const start = performance.now();
      await this.prepare();
      const tookMs = performance.now() - start;
      this.schedule(
        Math.max(this.config.CORRECTION_SETS_EVERY_SECONDS * 1000, PAUSE_PER_PREPARATION * tookMs),
      );
    }, delayMs);
    this.timer.unref();
  }
}
