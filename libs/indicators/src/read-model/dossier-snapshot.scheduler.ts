import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';

/**
 * Rebuilds the dossier snapshot at start and every DOSSIER_SNAPSHOT_EVERY_SECONDS (0: never), one build at a
 * time, with a watermark DOSSIER_SNAPSHOT_MARGIN_SECONDS in the past. Between builds, queries read the dossiers
 * changed since the watermark from `dossier_state`; the longer the interval, the more of them.
 *
 * Every replica of the ingest service runs this, so a tick skips the build when the latest one (whoever made
 * it) started less than half an interval ago: one replica builds, the others take over if it stops, and a
 * rolling restart does not rebuild once per replica. Two replicas starting a build at the same moment still
 * both build; builds keep apart, so that costs work, not correctness.
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
    void this.rebuildIfDue();
    this.timer = setInterval(() => void this.rebuildIfDue(), every * 1000);
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

  /** `rebuild`, unless the latest build started less than half an interval ago. */
  async rebuildIfDue(): Promise<void> {
    try {
      const latest = await this.snapshots.latest();
      const startedAt =
        latest && latest.watermark.getTime() + this.config.DOSSIER_SNAPSHOT_MARGIN_SECONDS * 1000;
      if (startedAt && Date.now() - startedAt < (this.config.DOSSIER_SNAPSHOT_EVERY_SECONDS * 1000) / 2)
        return;
    } catch (error) {
      this.logger.error(`dossier snapshot: reading the latest build failed: ${(error as Error).message}`);
      return;
    }
    await this.rebuild();
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
