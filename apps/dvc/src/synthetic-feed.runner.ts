import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { DOSSIER_EVENTS_TOPIC } from '@dvc/dossier-events';
import { localDateOf } from '@dvc/indicators';
import { MessageBroker } from '@dvc/kafka';
import { liveDossierEvents, provinceHistory, WireEvent } from '@dvc/synthetic-province';
import type { FeedCredentials } from './first-start-access';

const BATCH = 5_000;
const DAY = 86_400_000;

/**
 * Plays a synthetic province into the running pipeline the way a vendor would: over Kafka when
 * KAFKA_BROKERS is set, otherwise as NDJSON to this process's own POST /v1/events. History first, then a
 * live trickle of new dossiers. Deterministic: a restart on the same day re-sends the same history, which
 * the pipeline recognises as duplicates.
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
  ) {}

  /** Sends with a source token, as a vendor's system does, and reads its indicator with an analyst's. */
  async start(baseUrl: string, credentials: FeedCredentials): Promise<void> {
    this.credentials = credentials;
    const now = Date.now();
    const to = localDateOf(new Date(now));
    const from = localDateOf(new Date(now - this.config.GENERATOR_HISTORY_DAYS * DAY));
    const started = Date.now();
    let sent = 0;
    for (const day of provinceHistory({
      seed: this.config.GENERATOR_SEED,
      from,
      to,
      dossiersPerDay: this.config.GENERATOR_DOSSIERS_PER_DAY,
      now,
    })) {
      for (let offset = 0; offset < day.length && !this.stopped; offset += BATCH) {
        await this.send(baseUrl, day.slice(offset, offset + BATCH));
      }
      sent += day.length;
    }
    const seconds = (Date.now() - started) / 1000;
    this.logger.log(`history ${from}..${to}: ${sent} events sent in ${seconds.toFixed(1)} s`);
    const url = `${baseUrl}/v1/indicators/dossiers.online?from=${from}&to=${to}`;
    this.logger.log(`${url} → ${JSON.stringify(await this.settledIndicator(url))}`);
    this.startLiveTrickle(baseUrl);
  }

  /** Over Kafka the consumer may still be catching up: wait until two readings a second apart agree. */
  private async settledIndicator(url: string): Promise<unknown> {
    let previous = '';
    for (let attempt = 0; attempt < 60 && !this.stopped; attempt++) {
      const current = await fetch(url, {
        headers: { authorization: `Bearer ${this.credentials.readerToken}` },
      }).then((response) => response.text());
      if (current === previous) return JSON.parse(current);
      previous = current;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return JSON.parse(previous);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.liveTimer);
  }

  private startLiveTrickle(baseUrl: string): void {
    const perSecond = this.config.GENERATOR_LIVE_EVENTS_PER_SECOND;
    if (perSecond === 0 || this.stopped) return;
    let sequence = 0;
    let credit = 0;
    this.liveTimer = setInterval(() => {
      credit += perSecond;
      const events: WireEvent[] = [];
      // A new dossier yields its submission and intake now; the rest lies in its future.
      while (credit >= 1) {
        const dossier = liveDossierEvents(this.config.GENERATOR_SEED, Date.now(), sequence++);
        events.push(...dossier);
        credit -= dossier.length;
      }
      if (events.length) {
        this.send(baseUrl, events).catch((error: Error) => this.logger.warn(`live events: ${error.message}`));
      }
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
