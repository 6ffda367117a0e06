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
});
