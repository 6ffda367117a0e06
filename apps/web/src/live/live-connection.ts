/** What the live indicator shows: the first connection, figures flowing, or the stream lost and sought again. */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** The part of the browser's EventSource the connection uses (a fake one in the specs). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
}

export interface LiveTimersLike {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveConnectionOptions {
  /** No message (figures or heartbeat) for this long: the stream is taken for dead and opened again. */
  silenceMs: number;
  /** Waits before opening again a stream the browser gave up on (an HTTP error, a proxy's 502): doubling. */
  retryFirstMs: number;
  retryMaxMs: number;
}

export const LIVE_CONNECTION_DEFAULTS: LiveConnectionOptions = {
  // Heartbeats come every 15 s: two missed ones.
  silenceMs: 35_000,
  retryFirstMs: 1000,
  retryMaxMs: 30_000,
};

const CLOSED = 2;

/**
 * One scope's live stream in the browser: figures to `onFigures`, the state to `onState`. The browser's
 * EventSource reconnects by itself after a dropped connection; this also opens it again when the browser gives up
 * (it does on an HTTP error) and when the stream falls silent (a connection a proxy holds open but no longer
 * feeds), with a doubling wait.
 */
export class LiveConnection<Figures> {
  private source: EventSourceLike | null = null;
  private silenceTimer: unknown = undefined;
  private retryTimer: unknown = undefined;
  private nextRetryMs: number;
  private state: LiveState = 'connecting';
  private stopped = false;

  constructor(
    private readonly open: () => EventSourceLike,
    private readonly onFigures: (figures: Figures) => void,
    private readonly onState: (state: LiveState) => void,
    private readonly timers: LiveTimersLike = {
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as number),
    },
    private readonly options: LiveConnectionOptions = LIVE_CONNECTION_DEFAULTS,
  ) {
    this.nextRetryMs = options.retryFirstMs;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.source = null;
    this.timers.clearTimeout(this.silenceTimer);
    this.timers.clearTimeout(this.retryTimer);
  }

  private connect(): void {
    if (this.stopped) return;
    const source = this.open();
    this.source = source;
    this.watchSilence();
    source.addEventListener('overview', (event) => {
      if (this.source !== source) return;
      this.heard();
      this.setState('live');
      this.onFigures(JSON.parse(event.data) as Figures);
    });
    source.addEventListener('heartbeat', () => {
      if (this.source !== source) return;
      this.heard();
    });
    source.onerror = () => {
      if (this.source !== source) return;
      this.setState('reconnecting');
      // CONNECTING: the browser tries again by itself. CLOSED: it gave up, so open a new one after a while.
      if (source.readyState === CLOSED) this.reopenLater();
    };
  }

  private heard(): void {
    this.nextRetryMs = this.options.retryFirstMs;
    this.watchSilence();
  }

  private watchSilence(): void {
    this.timers.clearTimeout(this.silenceTimer);
    this.silenceTimer = this.timers.setTimeout(() => {
      this.setState('reconnecting');
      this.reopenLater(0);
    }, this.options.silenceMs);
  }

  private reopenLater(wait = this.nextRetryMs): void {
    this.source?.close();
    this.source = null;
    this.timers.clearTimeout(this.silenceTimer);
    this.timers.clearTimeout(this.retryTimer);
    this.nextRetryMs = Math.min(this.nextRetryMs * 2, this.options.retryMaxMs);
    this.retryTimer = this.timers.setTimeout(() => this.connect(), wait);
  }

  private setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    this.onState(state);
  }
}

/** The stream's address for a scope (same origin: the session cookie goes with it). */
export function liveUrl(agency: string | null): string {
  return agency ? `/v1/dashboard/live?agency=${encodeURIComponent(agency)}` : '/v1/dashboard/live';
}
