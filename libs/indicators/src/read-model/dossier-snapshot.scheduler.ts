import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';

/** A rebuild a burst calls for waits at least this many times as long as the last build took: builds take a third of the time at most. */
const PAUSE_PER_BUILD = 2;

/**
 * Rebuilds the dossier snapshot at start and every DOSSIER_SNAPSHOT_EVERY_SECONDS (0: never), one build at a
 * time, with a watermark DOSSIER_SNAPSHOT_MARGIN_SECONDS in the past. Between builds, queries fold the dossiers
 * changed since the watermark into a correction set, whose cost grows with them; so every
 * DOSSIER_SNAPSHOT_CHECK_SECONDS it also counts the events ingested since the watermark, and past
 * DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES rebuilds at once, with a watermark DOSSIER_SNAPSHOT_BURST_MARGIN_SECONDS
 * behind now (README.md, "What a query costs"). That bounds a query's fold whatever arrives: a backlog caught up,
 * a vendor re-sending a day.
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
  private burstTimer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  /** When this process's last build ended and how long it took: a burst's rebuild keeps its pause after it. */
  private lastBuild = { endedAt: 0, tookMs: 0 };

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
    if (this.config.DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES === 0) return;
    this.burstTimer = setInterval(
      () => void this.rebuildIfBurst(),
      this.config.DOSSIER_SNAPSHOT_CHECK_SECONDS * 1000,
    );
    this.burstTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.burstTimer);
    await this.running;
  }

  /** Runs one build unless one is running; a failed build is logged and retried at the next tick. */
  rebuild(): Promise<void> {
    this.running ??= this.build().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * A build covering every event ingested by `watermark`, for a caller that saw them all written (a backlog just
   * landed): no margin, and not the build already running, whose watermark is older.
   */
  async rebuildCovering(watermark: Date): Promise<void> {
    await this.running;
    this.running ??= this.build(watermark).finally(() => (this.running = null));
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

  /**
   * Rebuilds, with the burst margin, when DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES events or more were ingested
   * between the latest build's watermark and that margin behind now; not while a build runs, nor within twice the
   * last build's time after it ended. Says whether it built.
   */
  async rebuildIfBurst(): Promise<boolean> {
    if (this.running) return false;
    if (Date.now() - this.lastBuild.endedAt < PAUSE_PER_BUILD * this.lastBuild.tookMs) return false;
    const watermark = new Date(Date.now() - this.config.DOSSIER_SNAPSHOT_BURST_MARGIN_SECONDS * 1000);
    try {
      const latest = await this.snapshots.latest();
      if (!latest || latest.watermark >= watermark) return false;
      const changes = await this.snapshots.changesBetween(latest.watermark, watermark);
      if (changes < this.config.DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES) return false;
      this.logger.log(`dossier snapshot: ${changes} events since the watermark, rebuilding`);
    } catch (error) {
      this.logger.error(`dossier snapshot: counting the changes failed: ${(error as Error).message}`);
      return false;
    }
    if (this.running) return false;
    await (this.running = this.build(watermark).finally(() => (this.running = null)));
    return true;
  }

  private async build(
    watermark = new Date(Date.now() - this.config.DOSSIER_SNAPSHOT_MARGIN_SECONDS * 1000),
  ): Promise<void> {
    const started = Date.now();
    try {
      const build = await this.snapshots.rebuild(watermark);
      this.logger.log(
        `dossier snapshot: ${build.dossiers} dossiers as of ${watermark.toISOString()} in ${build.buildMs} ms`,
      );
    } catch (error) {
      this.logger.error(`dossier snapshot rebuild failed: ${(error as Error).message}`);
    } finally {
      this.lastBuild = { endedAt: Date.now(), tookMs: Date.now() - started };
    }
  }
}
