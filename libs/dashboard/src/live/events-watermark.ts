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
 *
 * Events stored by this very process need not wait for the next read: `nudge` reads at once (or right after the
 * read in flight, which may have started before the insert) and calls `landed` after that read whatever it finds.
 * That read is the new baseline, and `landed` comes after it, so what a computation started on `landed` counts
 * includes every event the baseline does: the same events are not told twice, and none written meanwhile by
 * another process is lost (the next read sees them).
 */
export class EventsWatermarkWatcher {
  private timer: unknown = undefined;
  private since = 0;
  private rebasedAt = -Infinity;
  private last: EventsWatermark | undefined = undefined;
  private running = false;
  /** Bumped by every start and stop: a read that returns into another run is dropped. */
  private run = 0;
  private reading = false;
  private nudged = false;

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
    this.run += 1;
    this.last = undefined;
    this.rebasedAt = -Infinity;
    this.reading = false;
    this.nudged = false;
    void this.check();
  }

  stop(): void {
    this.running = false;
    this.run += 1;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Events were just stored by this process: read now, then call `landed` (a no-op while stopped). */
  nudge(): void {
    if (!this.running) return;
    this.nudged = true;
    if (this.reading) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    void this.check();
  }

  private async check(): Promise<void> {
    const run = this.run;
    this.timer = undefined;
    this.reading = true;
    const nudged = this.nudged;
    this.nudged = false;
    const now = this.timers.now();
    let rebased = false;
    if (now - this.rebasedAt >= this.options.rebaseEveryMs) {
      this.since = now - this.options.marginMs;
      this.rebasedAt = now;
      rebased = this.last !== undefined;
    }
    try {
      const seen = await this.read(this.since);
      if (run !== this.run) return;
      const changed =
        nudged ||
        rebased ||
        (this.last !== undefined && (seen.count !== this.last.count || seen.latest !== this.last.latest));
      this.last = seen;
      if (changed) this.landed();
    } catch (error) {
      if (run !== this.run) return;
      this.onError(error);
      // The events of a nudge are stored whatever the read says.
      if (nudged) this.landed();
    }
    this.reading = false;
    if (!this.running) return;
    if (this.nudged) void this.check();
    else this.timer = this.timers.setTimeout(() => void this.check(), this.options.everyMs);
  }
}
