import { FakeTimers } from '@dvc/testing';
import { LiveHub, LiveListener } from './live-hub';

const OPTIONS = { minIntervalMs: 1000, refreshEveryMs: 60_000, heartbeatEveryMs: 15_000 };

/** A scope's figures: which computation of it produced them, and when it started. */
interface Figures {
  scope: string;
  run: number;
  startedAt: number;
}

/** A hub over computations that take `computeMs` each, recording each start. */
function aHub(computeMs = 200) {
  const timers = new FakeTimers();
  const starts: { scope: string; at: number }[] = [];
  const runs = new Map<string, number>();
  let failNext = false;
  const hub = new LiveHub<string, Figures>(
    async (scope) => {
      const startedAt = timers.now();
      starts.push({ scope, at: startedAt });
      const run = (runs.get(scope) ?? 0) + 1;
      runs.set(scope, run);
      await new Promise<void>((resolve) => timers.setTimeout(resolve, computeMs));
      if (failNext) {
        failNext = false;
        throw new Error('ClickHouse is away');
      }
      return { scope, run, startedAt };
    },
    timers,
    OPTIONS,
  );
  return { hub, timers, starts, failOnce: () => (failNext = true) };
}

function aListener() {
  const received: { figures: Figures; at: number }[] = [];
  const heartbeats: number[] = [];
  let clock: FakeTimers | undefined;
  const listener: LiveListener<Figures> = {
    figures: (figures) => received.push({ figures, at: clock?.now() ?? NaN }),
    heartbeat: (at) => heartbeats.push(at),
  };
  return { listener, received, heartbeats, on: (timers: FakeTimers) => ((clock = timers), listener) };
}

describe('LiveHub', () => {
  it('counts a scope once for its first subscriber and sends the figures to it', async () => {
    const { hub, timers, starts } = aHub();
    const wall = aListener();
    hub.subscribe('P', 'P', wall.on(timers));
    await timers.advance(200);
    expect(starts).toEqual([{ scope: 'P', at: 0 }]);
    expect(wall.received).toEqual([{ figures: { scope: 'P', run: 1, startedAt: 0 }, at: 200 }]);
  });

  it('shares one computation between every subscriber of a scope, joining ones get the known figures at once', async () => {
    const { hub, timers, starts } = aHub();
    const [first, second, third] = [aListener(), aListener(), aListener()];
    hub.subscribe('P', 'P', first.on(timers));
    await timers.advance(100);
    hub.subscribe('P', 'P', second.on(timers)); // while the first computation runs
    await timers.advance(400);
    hub.subscribe('P', 'P', third.on(timers)); // after it
    expect(starts).toHaveLength(1);
    expect(first.received.map(({ figures }) => figures.run)).toEqual([1]);
    expect(second.received.map(({ figures }) => figures.run)).toEqual([1]);
    expect(third.received).toEqual([{ figures: { scope: 'P', run: 1, startedAt: 0 }, at: 500 }]);

    hub.eventsLanded();
    await timers.advance(1500);
    expect(starts).toHaveLength(2);
    for (const listener of [first, second, third])
      expect(listener.received.map(({ figures }) => figures.run)).toEqual([1, 2]);
  });

  it('counts each watched scope apart, and only the watched ones', async () => {
    const { hub, timers, starts } = aHub();
    hub.subscribe('P', 'P', aListener().on(timers));
    hub.subscribe('S1', 'S1', aListener().on(timers));
    await timers.advance(1500);
    hub.eventsLanded();
    await timers.advance(1500);
    expect(starts.map(({ scope }) => scope).sort()).toEqual(['P', 'P', 'S1', 'S1']);
  });

  it('debounces a burst of events to at most one update a second per scope', async () => {
    const { hub, timers, starts } = aHub(200);
    const wall = aListener();
    hub.subscribe('P', 'P', wall.on(timers));
    await timers.advance(200);
    // Events land every 50 ms for 5 s.
    for (let at = 0; at < 5000; at += 50) {
      hub.eventsLanded();
      await timers.advance(50);
    }
    await timers.advance(2000);
    const gaps = wall.received.slice(1).map(({ at }, index) => at - wall.received[index].at);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    // ... yet not slower than a second plus the computation: a wall screen moves within seconds.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1200);
    // Events that landed during the last computation are counted by one more after it.
    const lastStart = starts[starts.length - 1].at;
    expect(lastStart).toBeGreaterThanOrEqual(5000);
  });

  it('answers events that land during a computation with one more computation, a second after it', async () => {
    const { hub, timers, starts } = aHub(300);
    hub.subscribe('P', 'P', aListener().on(timers));
    await timers.advance(100);
    hub.eventsLanded();
    hub.eventsLanded();
    await timers.advance(5000);
    expect(starts.map(({ at }) => at)).toEqual([0, 1300]);
  });

  it('counts a quiet scope again every refreshEveryMs (figures bound to the clock: due within 24 h)', async () => {
    const { hub, timers, starts } = aHub(200);
    hub.subscribe('P', 'P', aListener().on(timers));
    await timers.advance(130_000);
    expect(starts.map(({ at }) => at)).toEqual([0, 60_200, 120_400]);
  });

  it('keeps the last figures and tries again after a failed computation', async () => {
    const { hub, timers, starts, failOnce } = aHub(200);
    const wall = aListener();
    hub.subscribe('P', 'P', wall.on(timers));
    await timers.advance(200);
    failOnce();
    hub.eventsLanded();
    await timers.advance(1500);
    expect(wall.received.map(({ figures }) => figures.run)).toEqual([1]);
    hub.eventsLanded();
    await timers.advance(1500);
    expect(wall.received.map(({ figures }) => figures.run)).toEqual([1, 3]);
    expect(starts).toHaveLength(3);
  });

  it('sends heartbeats to every subscriber while anyone watches, and stops every timer when nobody does', async () => {
    const { hub, timers, starts } = aHub(200);
    const [wall, laptop] = [aListener(), aListener()];
    const leaveWall = hub.subscribe('P', 'P', wall.on(timers));
    const leaveLaptop = hub.subscribe('S1', 'S1', laptop.on(timers));
    await timers.advance(31_000);
    expect(wall.heartbeats).toEqual([15_000, 30_000]);
    expect(laptop.heartbeats).toEqual([15_000, 30_000]);
    leaveWall();
    await timers.advance(15_000);
    expect(wall.heartbeats).toHaveLength(2);
    expect(laptop.heartbeats).toHaveLength(3);
    expect(hub.watching).toEqual({ scopes: 1, subscribers: 1 });
    leaveLaptop();
    expect(hub.watching).toEqual({ scopes: 0, subscribers: 0 });
    expect(timers.waiting).toBe(0);
    const counted = starts.length;
    hub.eventsLanded();
    await timers.advance(120_000);
    expect(starts).toHaveLength(counted);
  });

  it('sends nothing to a subscriber that left while its scope was being counted', async () => {
    const { hub, timers } = aHub(500);
    const wall = aListener();
    const leave = hub.subscribe('P', 'P', wall.on(timers));
    await timers.advance(100);
    leave();
    await timers.advance(1000);
    expect(wall.received).toEqual([]);
    // A new subscriber of the scope gets a fresh computation, not the orphaned one's result.
    const laptop = aListener();
    hub.subscribe('P', 'P', laptop.on(timers));
    await timers.advance(500);
    expect(laptop.received.map(({ figures }) => figures.startedAt)).toEqual([1100]);
  });
});
