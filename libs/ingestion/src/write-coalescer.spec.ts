import { WriteCoalescer, WriteCoalescerOptions } from './write-coalescer';

/** A store whose writes the test settles by hand, in any order. */
function manualStore() {
  const writes: { rows: number[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  const write = (rows: number[]) =>
    new Promise<void>((resolve, reject) => writes.push({ rows: [...rows], resolve, reject }));
  return { writes, write };
}

/** Whether a promise has settled, and how, without waiting for it. */
function track(promise: Promise<void>) {
  const state: { settled: 'pending' | 'resolved' | 'rejected'; error?: unknown } = { settled: 'pending' };
  promise.then(
    () => (state.settled = 'resolved'),
    (error: unknown) => Object.assign(state, { settled: 'rejected', error }),
  );
  return state;
}

const flushPromises = () =>
  new Promise<void>((resolve) => jest.requireActual('timers').setImmediate(resolve));

const options = (overrides: Partial<WriteCoalescerOptions> = {}): WriteCoalescerOptions => ({
  maxWaitMs: 5,
  maxRows: 10,
  maxConcurrentWrites: 1,
  ...overrides,
});

describe('WriteCoalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the rows of callers arriving within maxWaitMs as one write, after the wait', async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options());
    const first = track(coalescer.write([1, 2]));
    jest.advanceTimersByTime(3);
    const second = track(coalescer.write([3]));
    expect(store.writes).toHaveLength(0);

    jest.advanceTimersByTime(2);
    expect(store.writes.map((write) => write.rows)).toEqual([[1, 2, 3]]);
    await flushPromises();
    expect([first.settled, second.settled]).toEqual(['pending', 'pending']);

    store.writes[0].resolve();
    await flushPromises();
    expect([first.settled, second.settled]).toEqual(['resolved', 'resolved']);
  });

  it('answers no caller before the write holding its rows has finished', async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options());
    const caller = track(coalescer.write([1]));
    jest.advanceTimersByTime(60_000);
    await flushPromises();
    expect(store.writes).toHaveLength(1);
    expect(caller.settled).toBe('pending');
  });

  it('fails exactly the callers of a failed write, with its error', async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options({ maxConcurrentWrites: 2 }));
    const a = track(coalescer.write([1]));
    const b = track(coalescer.write([2]));
    jest.advanceTimersByTime(5);
    const c = track(coalescer.write([3]));
    jest.advanceTimersByTime(5);
    expect(store.writes.map((write) => write.rows)).toEqual([[1, 2], [3]]);

    const refused = new Error('storage refused the insert');
    store.writes[0].reject(refused);
    store.writes[1].resolve();
    await flushPromises();
    expect([a.settled, b.settled, c.settled]).toEqual(['rejected', 'rejected', 'resolved']);
    expect(a.error).toBe(refused);
    expect(b.error).toBe(refused);
  });

  it('fails the callers of a write that throws instead of rejecting', async () => {
    const coalescer = new WriteCoalescer<number>(() => {
      throw new Error('no connection');
    }, options());
    const caller = track(coalescer.write([1]));
    jest.advanceTimersByTime(5);
    await flushPromises();
    expect(caller.settled).toBe('rejected');
    expect((caller.error as Error).message).toBe('no connection');
  });

  it('writes at once when a batch reaches maxRows, without waiting', async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options({ maxRows: 4 }));
    void coalescer.write([1, 2]);
    void coalescer.write([3, 4]);
    expect(store.writes.map((write) => write.rows)).toEqual([[1, 2, 3, 4]]);
  });

  it("never splits a caller's rows: one that would overflow the batch starts the next", async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options({ maxRows: 4, maxConcurrentWrites: 3 }));
    void coalescer.write([1, 2, 3]);
    void coalescer.write([4, 5]);
    void coalescer.write([6, 7, 8, 9, 10, 11]);
    jest.advanceTimersByTime(5);
    expect(store.writes.map((write) => write.rows)).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7, 8, 9, 10, 11],
    ]);
  });

  it('keeps filling the next batch while a write runs, and writes it when the write ends', async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options({ maxRows: 100 }));
    void coalescer.write([1]);
    jest.advanceTimersByTime(5);
    expect(store.writes).toHaveLength(1);

    void coalescer.write([2]);
    jest.advanceTimersByTime(50);
    void coalescer.write([3]);
    jest.advanceTimersByTime(50);
    expect(store.writes).toHaveLength(1);

    store.writes[0].resolve();
    await flushPromises();
    expect(store.writes.map((write) => write.rows)).toEqual([[1], [2, 3]]);
  });

  it('queues full batches in order while every write slot is taken', async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options({ maxRows: 2 }));
    void coalescer.write([1, 2]);
    void coalescer.write([3, 4]);
    void coalescer.write([5]);
    jest.advanceTimersByTime(5);
    expect(store.writes.map((write) => write.rows)).toEqual([[1, 2]]);

    store.writes[0].resolve();
    await flushPromises();
    store.writes[1].resolve();
    await flushPromises();
    expect(store.writes.map((write) => write.rows)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('answers an empty write at once, without a write', async () => {
    const store = manualStore();
    const coalescer = new WriteCoalescer(store.write, options());
    await coalescer.write([]);
    jest.advanceTimersByTime(5);
    expect(store.writes).toHaveLength(0);
  });

  it('refuses options that could never write', () => {
    const write = () => Promise.resolve();
    expect(() => new WriteCoalescer(write, options({ maxRows: 0 }))).toThrow(/maxRows/);
    expect(() => new WriteCoalescer(write, options({ maxConcurrentWrites: 0 }))).toThrow(
      /maxConcurrentWrites/,
    );
  });
});
