import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DOSSIER_EVENTS_TOPIC } from '@dvc/dossier-events';
import { DossierSnapshotScheduler, localDateOf } from '@dvc/indicators';
import { MessageBroker } from '@dvc/kafka';
import { ProvinceFeed, WireEvent } from '@dvc/synthetic-province';
import type { FeedCredentials } from './first-start-access';

const BATCH = 5_000;
const DAY = 86_400_000;

/**
 * Plays a synthetic province into the running pipeline the way a vendor would: over Kafka when
 * KAFKA_BROKERS is set, otherwise as NDJSON to this process's own POST /v1/events. History first, then live:
 * each dossier's later events when their moment comes, and each day's new dossiers through its working hours.
 * Deterministic by calendar day: a restart re-sends what already happened, which the pipeline recognises as
 * duplicates.
 */
@Injectable()
export class SyntheticFeedRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('SyntheticFeed');
  private liveTimer?: NodeJS.Timeout;
  private stopped = false;
  private credentials: FeedCredentials = { sourceToken: '', readerToken: '' };

  constructor(
    private readonly config: AppConfig,
    @Optional() @Inject(MessageBroker) private readonly broker: MessageBroker | null,
    // Named: a union type gives decorator metadata no class to inject by.
    @Optional() @Inject(DossierSnapshotScheduler) private readonly snapshots: DossierSnapshotScheduler | null,
  ) {}

  /** Sends with a source token, as a vendor's system does, and reads its indicator with an analyst's. */
  async start(baseUrl: string, credentials: FeedCredentials): Promise<void> {
    this.credentials = credentials;
    const feed = new ProvinceFeed({
      seed: this.config.GENERATOR_SEED,
      dossiersPerDay: this.config.GENERATOR_DOSSIERS_PER_DAY,
      historyDays: this.config.GENERATOR_HISTORY_DAYS,
    });
    const started = Date.now();
    const to = localDateOf(new Date(started));
    const from = localDateOf(new Date(started - this.config.GENERATOR_HISTORY_DAYS * DAY));
    let sent = 0;
    for (const day of feed.advance(started)) {
      for (let offset = 0; offset < day.length && !this.stopped; offset += BATCH) {
        await this.send(baseUrl, day.slice(offset, offset + BATCH));
      }
      sent += day.length;
    }
    const seconds = (Date.now() - started) / 1000;
    this.logger.log(`history ${from}..${to}: ${sent} events sent in ${seconds.toFixed(1)} s`);
    const url = `${baseUrl}/v1/indicators/dossiers.online?from=${from}&to=${to}`;
    // The start-up snapshot was built before the history arrived: until the next one every query would fold it
    // all from dossier_state. Over HTTP every event is written once acknowledged; over Kafka once the figures settle.
    if (!this.broker) await this.rebuildSnapshot(new Date());
    const settled = await this.settledIndicator(url);
    if (this.broker) await this.rebuildSnapshot(settled.since);
    this.logger.log(`${url} → ${JSON.stringify(settled.answer)}`);
    if (this.config.GENERATOR_LIVE) this.playLive(baseUrl, feed);
  }

  private async rebuildSnapshot(watermark: Date): Promise<void> {
    if (this.snapshots && this.config.DOSSIER_SNAPSHOT_EVERY_SECONDS > 0 && !this.stopped)
      await this.snapshots.rebuildCovering(watermark);
  }

  /**
   * Over Kafka the consumer may still be catching up: wait until two readings a second apart agree; `since`: the
   * first of them, by when everything sent had been consumed.
   */
  private async settledIndicator(url: string): Promise<{ answer: unknown; since: Date }> {
    let previous = '';
    let previousAt = new Date();
    for (let attempt = 0; attempt < 60 && !this.stopped; attempt++) {
      const at = new Date();
      const current = await fetch(url, {
        headers: { authorization: `Bearer ${this.credentials.readerToken}` },
      }).then((response) => response.text());
      if (current === previous) return { answer: JSON.parse(current), since: previousAt };
      previous = current;
      previousAt = at;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return { answer: JSON.parse(previous), since: previousAt };
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.liveTimer);
  }

  /** Every second, what has happened since: later steps of dossiers under way and today's new dossiers. */
  private playLive(baseUrl: string, feed: ProvinceFeed): void {
    if (this.stopped) return;
    let sending = false;
    this.liveTimer = setInterval(() => {
      if (sending) return;
      const events = feed.advance(Date.now()).flat();
      if (!events.length) return;
      sending = true;
      this.send(baseUrl, events)
        .catch((error: Error) => this.logger.warn(`live events: ${error.message}`))
        .finally(() => (sending = false));
    }, 1000);
  }

  private async send(baseUrl: string, events: WireEvent[]): Promise<void> {
    if (this.broker) {
      await this.broker.produce(
        DOSSIER_EVENTS_TOPIC,
        events.map((event) => ({ key: String(event.dossierCode), value: JSON.stringify(event) })),
      );
      return;
    }
    const response = await fetch(`${baseUrl}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        authorization: `Bearer ${this.credentials.sourceToken}`,
      },
      body: events.map((event) => JSON.stringify(event)).join('\n'),
    });
    if (!response.ok)
      throw new Error(`POST /v1/events answered ${response.status}: ${await response.text()}`);
  }
}
