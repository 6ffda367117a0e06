import { FakeTimers } from '@dvc/testing';
import { EventsWatermark, EventsWatermarkWatcher } from './events-watermark';

const OPTIONS = { everyMs: 1000, marginMs: 120_000, rebaseEveryMs: 600_000 };

/** A store of events by ingestion time (ms), read as the repository reads `dossier_touches`. */
function aStore(timers: FakeTimers) {
  const ingested: number[] = [];
  const reads: number[] = [];
  const read = (since: number): Promise<EventsWatermark> => {
    reads.push(since);
    const seen = ingested.filter((at) => at >= since);
    return Promise.resolve({ count: seen.length, latest: seen.length ? String(Math.max(...seen)) : null });
  };
  return { ingested, reads, read, write: (at = timers.now()) => ingested.push(at) };
}

describe('EventsWatermarkWatcher', () => {
  it('reads once a second and tells when events landed, not when nothing did', async () => {
    const timers = new FakeTimers();
    await timers.advance(1_000_000);
    const store = aStore(timers);
    let landed = 0;
    const watcher = new EventsWatermarkWatcher(store.read, () => landed++, timers, OPTIONS);
    store.write();
    watcher.start();
    await timers.advance(5500);
    expect(store.reads).toHaveLength(6);
    expect(landed).toBe(0); // the events stored before it started are the baseline
    store.write();
    await timers.advance(1000);
    expect(landed).toBe(1);
    store.write();
    store.write();
    await timers.advance(1000);
    expect(landed).toBe(2);
    await timers.advance(10_000);
    expect(landed).toBe(2);
  });

  it('sees a write stamped before the last read but stored after it (a batch in flight)', async () => {
    const timers = new FakeTimers();
    await timers.advance(1_000_000);
    const store = aStore(timers);
    let landed = 0;
    const watcher = new EventsWatermarkWatcher(store.read, () => landed++, timers, OPTIONS);
    store.write();
    watcher.start();
    await timers.advance(3000);
    store.write(timers.now() - 2500); // stamped on arrival, written 2.5 s later
    await timers.advance(1000);
    expect(landed).toBe(1);
  });

  it('moves the counted range up every rebaseEveryMs, and counts that as a change', async () => {
    const timers = new FakeTimers();
    await timers.advance(1_000_000);
    const store = aStore(timers);
    let landed = 0;
    const watcher = new EventsWatermarkWatcher(store.read, () => landed++, timers, OPTIONS);
    watcher.start();
    await timers.advance(600_500);
    expect(new Set(store.reads)).toEqual(new Set([1_000_000 - 120_000, 1_600_000 - 120_000]));
    expect(landed).toBe(1);
  });

  it('reads nothing once stopped, and starts again from a fresh baseline', async () => {
    const timers = new FakeTimers();
    const store = aStore(timers);
    let landed = 0;
    const watcher = new EventsWatermarkWatcher(store.read, () => landed++, timers, OPTIONS);
    watcher.start();
    watcher.start(); // a second subscriber: still one read a second
    await timers.advance(2500);
    expect(store.reads).toHaveLength(3);
    watcher.stop();
    store.write();
    await timers.advance(10_000);
    expect(store.reads).toHaveLength(3);
    expect(timers.waiting).toBe(0);
    watcher.start();
    await timers.advance(2500);
    expect(landed).toBe(0);
  });

  it('keeps reading after a failed read', async () => {
    const timers = new FakeTimers();
    const store = aStore(timers);
    let fail = true;
    const errors: unknown[] = [];
    let landed = 0;
    const watcher = new EventsWatermarkWatcher(
      (since) => (fail ? Promise.reject(new Error('ClickHouse is away')) : store.read(since)),
      () => landed++,
      timers,
      OPTIONS,
      (error) => errors.push(error),
    );
    watcher.start();
    await timers.advance(1500);
    fail = false;
    await timers.advance(1000);
    store.write();
    await timers.advance(1000);
    expect(errors).toHaveLength(2);
    expect(landed).toBe(1);
  });

  it("reads at once when nudged and tells after that read, and that read is the next one's baseline", async () => {
    const timers = new FakeTimers();
    await timers.advance(1_000_000);
    const store = aStore(timers);
    const told: { at: number; reads: number }[] = [];
    const watcher = new EventsWatermarkWatcher(
      store.read,
      () => told.push({ at: timers.now(), reads: store.reads.length }),
      timers,
      { ...OPTIONS, everyMs: 300_000 },
    );
    watcher.start();
    await timers.advance(500);
    expect(store.reads).toHaveLength(1);
    store.write(); // by this process, which says so
    watcher.nudge();
    await timers.advance(0);
    // Told at once, after a read that saw the write (not at the next periodic read, five minutes away).
    expect(told).toEqual([{ at: 1_000_500, reads: 2 }]);
    // The periodic reads go on from that read: the same write is not told again.
    await timers.advance(300_000);
    expect(store.reads).toHaveLength(3);
    expect(told).toHaveLength(1);
  });

  it('reads again right after a read in flight when nudged during it (that read may predate the write)', async () => {
    const timers = new FakeTimers();
    await timers.advance(1_000_000);
    const store = aStore(timers);
    const started: number[] = [];
    let landed = 0;
    const slowRead = async (since: number) => {
      started.push(timers.now());
      await new Promise<void>((resolve) => timers.setTimeout(resolve, 100));
      return store.read(since);
    };
    const watcher = new EventsWatermarkWatcher(slowRead, () => landed++, timers, OPTIONS);
    watcher.start();
    await timers.advance(1150); // the second read is in flight (1,001,100 to 1,001,200)
    watcher.nudge();
    watcher.nudge(); // two inserts during it: still one more read
    await timers.advance(60);
    expect(started).toEqual([1_000_000, 1_001_100, 1_001_200]);
    expect(landed).toBe(0);
    await timers.advance(100);
    expect(landed).toBe(1);
    await timers.advance(1000); // the periodic pace again, a second after that read
    expect(started).toEqual([1_000_000, 1_001_100, 1_001_200, 1_002_300]);
    expect(landed).toBe(1);
  });

  it('tells a nudge even when its read fails, and does nothing when nudged while stopped', async () => {
    const timers = new FakeTimers();
    const store = aStore(timers);
    let fail = false;
    let landed = 0;
    const watcher = new EventsWatermarkWatcher(
      (since) => (fail ? Promise.reject(new Error('ClickHouse is away')) : store.read(since)),
      () => landed++,
      timers,
      OPTIONS,
    );
    watcher.nudge();
    await timers.advance(0);
    expect(store.reads).toHaveLength(0);
    watcher.start();
    await timers.advance(500);
    fail = true;
    watcher.nudge();
    await timers.advance(0);
    expect(landed).toBe(1);
    watcher.stop();
    watcher.nudge();
    await timers.advance(10_000);
    expect(landed).toBe(1);
    expect(timers.waiting).toBe(0);
  });
});
