import { LiveTimers, REAL_TIMERS } from './live-hub';

/** What `EventsWatermarkRepository.read` answers: the events stored at or after `since`, how many and the latest. */
export interface EventsWatermark {
  count: number;
  latest: string | null;
}

export interface EventsWatermarkOptions {
  /** How often the watermark is read while anyone watches (1 s). */
  everyMs: number;
  /**
   * How far behind now the counted range starts, and how often it moves up: an event is stamped on arrival and
   * written a moment later, so a range starting at the last read would miss a write in flight.
   */
  marginMs: number;
  rebaseEveryMs: number;
}

export const EVENTS_WATERMARK_DEFAULTS: EventsWatermarkOptions = {
  everyMs: 1000,
  marginMs: 120_000,
  rebaseEveryMs: 600_000,
};

/**
 * Tells when new events landed, whichever process wrote them (the API over HTTP, the ingest service from Kafka,
 * the feed): while started, one read every `everyMs` of how many events were stored since a moment a little
 * behind now (one index range of `dossier_touches`, whatever the number of scopes and subscribers), and a call
 * of `landed` when that changes. Moving the start of the range up counts as a change (one spare computation).
 */
export class EventsWatermarkWatcher {
  private timer: unknown = undefined;
  private since = 0;
  private rebasedAt = -Infinity;
  private last: EventsWatermark | undefined = undefined;
  private running = false;

  constructor(
    private readonly read: (since: number) => Promise<EventsWatermark>,
    private readonly landed: () => void,
    private readonly timers: LiveTimers = REAL_TIMERS,
    private readonly options: EventsWatermarkOptions = EVENTS_WATERMARK_DEFAULTS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Starts watching (again); a no-op while started. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.last = undefined;
    this.rebasedAt = -Infinity;
    void this.check();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async check(): Promise<void> {
    this.timer = undefined;
    const now = this.timers.now();
    let rebased = false;
    if (now - this.rebasedAt >= this.options.rebaseEveryMs) {
      this.since = now - this.options.marginMs;
      this.rebasedAt = now;
      rebased = this.last !== undefined;
    }
    try {
      const seen = await this.read(this.since);
      if (!this.running) return;
      const changed =
        rebased ||
        (this.last !== undefined && (seen.count !== this.last.count || seen.latest !== this.last.latest));
      this.last = seen;
      if (changed) this.landed();
    } catch (error) {
      this.onError(error);
    }
    if (this.running) this.timer = this.timers.setTimeout(() => void this.check(), this.options.everyMs);
  }
}
