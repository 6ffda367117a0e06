export interface WriteCoalescerOptions {
  /** How long the first rows of a batch wait for company before the batch may be written. */
  maxWaitMs: number;
  /** A batch is closed at this many rows; one caller's rows are never split, so a larger write goes alone. */
  maxRows: number;
  /** Writes in flight at once; while they run, the next batch keeps filling. */
  maxConcurrentWrites: number;
}

interface Batch<T> {
  rows: T[];
  callers: { resolve: () => void; reject: (error: unknown) => void }[];
  timer: NodeJS.Timeout | null;
  /** Its wait is over (or it is full): written as soon as a write slot is free. */
  due: boolean;
}

/**
 * Joins the rows of concurrent callers into one write: every insert into `dossier_events` pays a fixed cost
 * (a new part in it and in each table its materialized views feed), so twenty 1,000-row requests cost far more
 * as twenty inserts than as one. A caller's promise settles when the write holding its rows has: resolved once
 * they are stored, rejected with the write's error if it failed (and then every caller of that write, and no
 * other, is rejected). A caller's rows always go into one write together.
 *
 * Batches form while writes run: with `maxConcurrentWrites` in flight, the open batch keeps taking rows until a
 * slot frees, so the busier the store, the larger the writes. An idle store sees a delay of `maxWaitMs`.
 */
export class WriteCoalescer<T> {
  private open: Batch<T> | null = null;
  /** Full batches closed while every write slot was taken, oldest first. */
  private readonly sealed: Batch<T>[] = [];
  private inFlight = 0;

  constructor(
    private readonly writeRows: (rows: T[]) => Promise<void>,
    private readonly options: WriteCoalescerOptions,
  ) {
    if (options.maxRows < 1 || options.maxConcurrentWrites < 1 || options.maxWaitMs < 0)
      throw new Error('WriteCoalescer: maxRows and maxConcurrentWrites must be ≥ 1, maxWaitMs ≥ 0');
  }

  /** Resolves once `rows` are written (with whatever other callers' rows shared the write). */
  write(rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (this.open && this.open.rows.length + rows.length > this.options.maxRows) this.seal(this.open);
      const batch = this.open ?? this.startBatch();
      for (const row of rows) batch.rows.push(row);
      batch.callers.push({ resolve, reject });
      if (batch.rows.length >= this.options.maxRows) this.seal(batch);
      this.pump();
    });
  }

  private startBatch(): Batch<T> {
    const batch: Batch<T> = { rows: [], callers: [], timer: null, due: false };
    batch.timer = setTimeout(() => {
      batch.timer = null;
      batch.due = true;
      this.pump();
    }, this.options.maxWaitMs);
    this.open = batch;
    return batch;
  }

  private seal(batch: Batch<T>): void {
    if (this.open === batch) this.open = null;
    batch.due = true;
    this.sealed.push(batch);
  }

  private pump(): void {
    while (this.inFlight < this.options.maxConcurrentWrites) {
      let batch = this.sealed.shift();
      if (!batch && this.open?.due) [batch, this.open] = [this.open, null];
      if (!batch) return;
      this.run(batch);
    }
  }

  private run(batch: Batch<T>): void {
    if (batch.timer !== null) clearTimeout(batch.timer);
    this.inFlight++;
    let write: Promise<void>;
    try {
      write = this.writeRows(batch.rows);
    } catch (error) {
      write = Promise.reject(error);
    }
    write.then(
      () => this.settle(batch, (caller) => caller.resolve()),
      (error: unknown) => this.settle(batch, (caller) => caller.reject(error)),
    );
  }

  private settle(batch: Batch<T>, each: (caller: Batch<T>['callers'][number]) => void): void {
    this.inFlight--;
    for (const caller of batch.callers) each(caller);
    this.pump();
  }
}
