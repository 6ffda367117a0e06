/** Timers the hub runs on: the real ones in the app, a fake clock in the specs. */
export interface LiveTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: LiveTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A pending refresh or heartbeat never keeps the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One subscriber of a scope: what it is sent. */
export interface LiveListener<Figures> {
  figures(figures: Figures): void;
  heartbeat(at: number): void;
}

export interface LiveHubOptions {
  /** Fewest milliseconds between the end of one computation of a scope and the start of the next (1 s). */
  minIntervalMs: number;
  /** A scope watched without new events is counted again this often (time-bound figures: due within 24 h). */
  refreshEveryMs: number;
  /** Every subscriber is sent a heartbeat this often (proxies close silent connections). */
  heartbeatEveryMs: number;
}

export const LIVE_HUB_DEFAULTS: LiveHubOptions = {
  minIntervalMs: 1000,
  refreshEveryMs: 60_000,
  heartbeatEveryMs: 15_000,
};

interface ScopeState<Scope, Figures> {
  scope: Scope;
  listeners: Set<LiveListener<Figures>>;
  latest: Figures | undefined;
  computing: boolean;
  /** New events landed since the running (or last) computation started. */
  dirty: boolean;
  /** When the last computation ended (-Infinity: none yet). */
  lastEndedAt: number;
  timer: unknown;
  /** When `timer` fires. */
  dueAt: number;
}

/**
 * The live figures of every watched scope, one computation per scope at a time shared by all of its subscribers:
 * a computation starts when the first subscriber arrives, when events land (`eventsLanded`), and at the latest
 * `refreshEveryMs` after the last; never sooner than `minIntervalMs` after the previous one ended, so a scope gets
 * at most one update a second however many events land and however many watch it. A subscriber arriving while
 * figures are known is sent them at once (their own moment says how old they are).
 */
export class LiveHub<Scope, Figures> {
  private readonly scopes = new Map<string, ScopeState<Scope, Figures>>();
  private heartbeatTimer: unknown = undefined;

  constructor(
    private readonly compute: (scope: Scope) => Promise<Figures>,
    private readonly timers: LiveTimers = REAL_TIMERS,
    private readonly options: LiveHubOptions = LIVE_HUB_DEFAULTS,
    private readonly onError: (error: unknown, scope: Scope) => void = () => undefined,
  ) {}

  /** Registers `listener` for the scope named `key`; returns the unsubscribe. */
  subscribe(key: string, scope: Scope, listener: LiveListener<Figures>): () => void {
    let state = this.scopes.get(key);
    if (!state) {
      state = {
        scope,
        listeners: new Set(),
        latest: undefined,
        computing: false,
        dirty: false,
        lastEndedAt: -Infinity,
        timer: undefined,
        dueAt: Infinity,
      };
      this.scopes.set(key, state);
      this.request(key, state);
    }
    state.listeners.add(listener);
    if (state.latest !== undefined) listener.figures(state.latest);
    this.keepHeartbeat();
    const watched = state;
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size > 0 || this.scopes.get(key) !== watched) return;
      if (watched.timer !== undefined) this.timers.clearTimeout(watched.timer);
      this.scopes.delete(key);
      this.keepHeartbeat();
    };
  }

  /** New events are stored: every watched scope is counted again, within its pace. */
  eventsLanded(): void {
    for (const [key, state] of this.scopes) this.request(key, state);
  }

  /** Scopes watched now and their subscribers (for the metrics and the specs). */
  get watching(): { scopes: number; subscribers: number } {
    let subscribers = 0;
    for (const state of this.scopes.values()) subscribers += state.listeners.size;
    return { scopes: this.scopes.size, subscribers };
  }

  /** Stops every timer; subscribers are the caller's to end. */
  close(): void {
    for (const state of this.scopes.values())
      if (state.timer !== undefined) this.timers.clearTimeout(state.timer);
    this.scopes.clear();
    this.keepHeartbeat();
  }

  private request(key: string, state: ScopeState<Scope, Figures>): void {
    state.dirty = true;
    if (state.computing) return;
    this.schedule(
      key,
      state,
      Math.max(0, state.lastEndedAt + this.options.minIntervalMs - this.timers.now()),
    );
  }

  /** (Re)arms the scope's one timer to fire in `wait` ms unless it already fires sooner. */
  private schedule(key: string, state: ScopeState<Scope, Figures>, wait: number): void {
    if (state.timer !== undefined) {
      if (state.dueAt <= this.timers.now() + wait) return;
      this.timers.clearTimeout(state.timer);
    }
    state.dueAt = this.timers.now() + wait;
    state.timer = this.timers.setTimeout(() => {
      state.timer = undefined;
      void this.run(key, state);
    }, wait);
  }

  private async run(key: string, state: ScopeState<Scope, Figures>): Promise<void> {
    if (this.scopes.get(key) !== state) return;
    state.dirty = false;
    state.computing = true;
    try {
      const figures = await this.compute(state.scope);
      if (this.scopes.get(key) === state) {
        state.latest = figures;
        for (const listener of [...state.listeners]) listener.figures(figures);
      }
    } catch (error) {
      this.onError(error, state.scope);
    } finally {
      state.computing = false;
      state.lastEndedAt = this.timers.now();
    }
    if (this.scopes.get(key) !== state) return;
    if (state.dirty) this.schedule(key, state, this.options.minIntervalMs);
    else this.schedule(key, state, this.options.refreshEveryMs);
  }

  private keepHeartbeat(): void {
    const anyone = this.scopes.size > 0;
    if (anyone && this.heartbeatTimer === undefined) {
      const beat = () => {
        const at = this.timers.now();
        for (const state of this.scopes.values())
          for (const listener of [...state.listeners]) listener.heartbeat(at);
        this.heartbeatTimer = this.timers.setTimeout(beat, this.options.heartbeatEveryMs);
      };
      this.heartbeatTimer = this.timers.setTimeout(beat, this.options.heartbeatEveryMs);
    } else if (!anyone && this.heartbeatTimer !== undefined) {
      this.timers.clearTimeout(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
    }
  }
}
