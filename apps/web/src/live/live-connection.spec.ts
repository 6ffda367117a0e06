import { EventSourceLike, LiveConnection, LiveState, liveUrl, LiveTimersLike } from './live-connection';

const OPTIONS = { silenceMs: 35_000, retryFirstMs: 1000, retryMaxMs: 8000 };

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: { data: string }) => void)[]>();
  addEventListener(type: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown): void {
    this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
  /** The connection dropped: `gaveUp` as the browser does on an HTTP error, else it retries itself. */
  fail(gaveUp: boolean): void {
    this.readyState = gaveUp ? 2 : 0;
    this.onerror?.({});
  }
}

class Clock implements LiveTimersLike {
  time = 0;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private id = 0;
  setTimeout(run: () => void, ms: number): unknown {
    this.timers.push({ at: this.time + ms, run, id: ++this.id });
    return this.id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.clearTimeout(next.id);
      this.time = next.at;
      next.run();
    }
    this.time = until;
  }
}

function aConnection() {
  const clock = new Clock();
  const sources: FakeSource[] = [];
  const figures: unknown[] = [];
  const states: LiveState[] = [];
  const opened: number[] = [];
  const connection = new LiveConnection<{ n: number }>(
    () => {
      const source = new FakeSource();
      sources.push(source);
      opened.push(clock.time);
      return source;
    },
    (received) => figures.push(received),
    (state) => states.push(state),
    clock,
    OPTIONS,
  );
  connection.start();
  return { connection, clock, sources, figures, states, opened, latest: () => sources[sources.length - 1] };
}

describe('LiveConnection', () => {
  it('hands on the figures of each overview event and says it is live', () => {
    const { sources, figures, states } = aConnection();
    sources[0].emit('overview', { n: 1 });
    sources[0].emit('heartbeat', { at: 'x' });
    sources[0].emit('overview', { n: 2 });
    expect(figures).toEqual([{ n: 1 }, { n: 2 }]);
    expect(states).toEqual(['live']);
  });

  it('says it is reconnecting while the browser reconnects by itself, and live again with the next figures', () => {
    const { sources, states } = aConnection();
    sources[0].emit('overview', { n: 1 });
    sources[0].fail(false);
    expect(states).toEqual(['live', 'reconnecting']);
    expect(sources).toHaveLength(1); // EventSource's own reconnection: no new one
    sources[0].emit('overview', { n: 2 });
    expect(states).toEqual(['live', 'reconnecting', 'live']);
  });

  it('opens a new stream when the browser gives up, waiting longer each time, and back to the first wait once live', () => {
    const { sources, clock, opened, latest, states } = aConnection();
    sources[0].emit('overview', { n: 1 });
    for (let attempt = 0; attempt < 5; attempt++) {
      latest().fail(true);
      clock.advance(10_000);
    }
    expect(sources.slice(0, 5).every((source) => source.closed)).toBe(true);
    expect(opened).toEqual([0, 1000, 12_000, 24_000, 38_000, 48_000]);
    // Waits of 1, 2, 4, 8 s, then at most 8 s; figures again reset the wait to 1 s.
    latest().emit('overview', { n: 2 });
    expect(states[states.length - 1]).toBe('live');
    latest().fail(true); // at 50 s
    clock.advance(1000);
    expect(opened[opened.length - 1]).toBe(51_000);
  });

  it('opens a new stream when the one it has falls silent (no heartbeat)', () => {
    const { sources, clock, states } = aConnection();
    sources[0].emit('overview', { n: 1 });
    clock.advance(30_000);
    sources[0].emit('heartbeat', {});
    clock.advance(30_000);
    expect(sources).toHaveLength(1);
    clock.advance(6000);
    expect(sources[0].closed).toBe(true);
    expect(sources).toHaveLength(2);
    expect(states).toEqual(['live', 'reconnecting']);
  });

  it('ignores a replaced stream and opens nothing once stopped', () => {
    const { connection, sources, clock, figures } = aConnection();
    sources[0].fail(true);
    clock.advance(1000);
    sources[0].emit('overview', { n: 9 });
    expect(figures).toEqual([]);
    connection.stop();
    expect(sources[1].closed).toBe(true);
    clock.advance(120_000);
    expect(sources).toHaveLength(2);
  });

  it('addresses the scope', () => {
    expect(liveUrl(null)).toBe('/v1/dashboard/live');
    expect(liveUrl('000.00.01.H12')).toBe('/v1/dashboard/live?agency=000.00.01.H12');
  });
});
