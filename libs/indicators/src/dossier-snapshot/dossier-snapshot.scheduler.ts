import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';

/**
 * Rebuilds the dossier snapshot at start and every DOSSIER_SNAPSHOT_EVERY_SECONDS (0: never), one build at a
 * time, with a watermark DOSSIER_SNAPSHOT_MARGIN_SECONDS in the past. Between builds, queries read the dossiers
 * changed since the watermark from `dossier_state`; the longer the interval, the more of them.
 */
@Injectable()
export class DossierSnapshotScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DossierSnapshot');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly snapshots: DossierSnapshotRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.DOSSIER_SNAPSHOT_EVERY_SECONDS;
    if (every === 0) return;
    void this.rebuild();
    this.timer = setInterval(() => void this.rebuild(), every * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs one build unless one is running; a failed build is logged and retried at the next tick. */
  rebuild(): Promise<void> {
    this.running ??= this.build().finally(() => (this.running = null));
    return this.running;
  }

  private async build(): Promise<void> {
    const watermark = new Date(Date.now() - this.config.DOSSIER_SNAPSHOT_MARGIN_SECONDS * 1000);
    try {
      const build = await this.snapshots.rebuild(watermark);
      this.logger.log(
        `dossier snapshot: ${build.dossiers} dossiers as of ${watermark.toISOString()} in ${build.buildMs} ms`,
      );
    } catch (error) {
      this.logger.error(`dossier snapshot rebuild failed: ${(error as Error).message}`);
    }
  }
}
