import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subscription } from 'rxjs';
import { AgenciesService } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import { EventsStoredSignal } from '@dvc/ingestion';
import { Overview, OverviewQuery } from '../overview/overview.schema';
import { OverviewService } from '../overview/overview.service';
import { EVENTS_WATERMARK_DEFAULTS, EventsWatermarkWatcher } from './events-watermark';
import { EventsWatermarkRepository } from './events-watermark.repository';
import { LiveHub } from './live-hub';

/** One message of the live stream, as the SSE route sends it (`event:` type, `data:` JSON). */
export type LiveMessage =
  { type: 'overview'; id: string; data: Overview } | { type: 'heartbeat'; data: { at: string } };

/** Milliseconds the browser waits before reconnecting a dropped stream (the SSE `retry:` field). */
export const LIVE_RETRY_MS = 2000;

/**
 * The overview of each watched scope, pushed when events land: one `LiveHub` for the process (one computation
 * per scope at a time, shared by every subscriber, at most one a second), told of new events by this process's
 * own inserts at once (`EventsStoredSignal`: the HTTP route, and the Kafka consumer and the feed when they run in
 * it), and of any other process's by a watermark read every `LIVE_WATERMARK_EVERY_MS` while anyone watches.
 */
@Injectable()
export class LiveOverviewService implements OnModuleDestroy {
  private readonly logger = new Logger(LiveOverviewService.name);
  private readonly hub: LiveHub<OverviewQuery, Overview>;
  private readonly watcher: EventsWatermarkWatcher;
  private readonly ends = new Set<() => void>();
  private readonly signalled: Subscription;

  constructor(
    overviews: OverviewService,
    watermarks: EventsWatermarkRepository,
    private readonly agencies: AgenciesService,
    signal: EventsStoredSignal,
    config: AppConfig,
  ) {
    this.hub = new LiveHub(
      (scope) => overviews.overview(scope),
      undefined,
      undefined,
      (error, scope) =>
        this.logger.warn(`live overview of ${scope.agency ?? 'the province'}: ${(error as Error).message}`),
    );
    this.watcher = new EventsWatermarkWatcher(
      (since) => watermarks.read(since),
      () => this.hub.eventsLanded(),
      undefined,
      { ...EVENTS_WATERMARK_DEFAULTS, everyMs: config.LIVE_WATERMARK_EVERY_MS },
      (error) => this.logger.warn(`events watermark: ${(error as Error).message}`),
    );
    this.signalled = signal.stored$.subscribe(() => this.watcher.nudge());
  }

  /**
   * The scope's overview now and whenever events land, with heartbeats; ends when the subscriber leaves. An
   * unknown agency is refused here (404), before the stream opens.
   */
  async watch(scope: OverviewQuery): Promise<Observable<LiveMessage>> {
    if (scope.agency) await this.agencies.get(scope.agency);
    return new Observable<LiveMessage>((subscriber) => {
      const key = `${scope.agency ?? ''}\0${scope.structure}`;
      const unsubscribe = this.hub.subscribe(key, scope, {
        figures: (overview) => subscriber.next({ type: 'overview', id: overview.asOf, data: overview }),
        heartbeat: (at) => subscriber.next({ type: 'heartbeat', data: { at: new Date(at).toISOString() } }),
      });
      const end = () => subscriber.complete();
      this.ends.add(end);
      this.watcher.start();
      return () => {
        this.ends.delete(end);
        unsubscribe();
        if (this.hub.watching.scopes === 0) this.watcher.stop();
      };
    });
  }

  /** Scopes and subscribers watched now. */
  get watching(): { scopes: number; subscribers: number } {
    return this.hub.watching;
  }

  /** Ends every stream so that the HTTP server can close. */
  onModuleDestroy(): void {
    this.signalled.unsubscribe();
    for (const end of [...this.ends]) end();
    this.watcher.stop();
    this.hub.close();
  }
}
