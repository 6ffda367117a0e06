import type { PGlite } from '@electric-sql/pglite';

interface QueuedMessage {
  connection: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const READY_FOR_QUERY = 'Z'.charCodeAt(0);
const IDLE = 'I'.charCodeAt(0);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Feeds the wire messages of every connection to PGlite's one backend, handing the backend to one connection
 * from its first message until the backend says it is idle again (ReadyForQuery `I`): a whole transaction, or a
 * whole Parse/Bind/Execute/Sync batch. pglite-socket's own queue hands it over between any two messages outside a
 * transaction block, so batches of different connections interleave on the shared session: a `BEGIN ISOLATION
 * LEVEL …` then fails, or runs inside another connection's statement (electric-sql/pglite#1046).
 */
export class PgliteSessionQueue {
  private readonly waiting: QueuedMessage[] = [];
  /** The connection the backend is handed to, until it is idle again. */
  private owner: number | null = null;
  private draining = false;

  constructor(private readonly db: PGlite) {}

  enqueue(connection: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ connection, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.waiting.length;
  }

  clearQueueForHandler(connection: number): void {
    for (let index = this.waiting.length - 1; index >= 0; index--) {
      if (this.waiting[index].connection !== connection) continue;
      this.waiting[index].reject(new Error('connection closed'));
      this.waiting.splice(index, 1);
    }
  }

  /** A connection went away while it held the backend: end its batch, roll back its transaction, serve the rest. */
  async clearTransactionIfNeeded(connection: number): Promise<void> {
    if (this.owner !== connection) return;
    await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined }));
    // exec takes the backend itself: inside runExclusive it would wait for itself.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.takeNext(); next; next = this.takeNext()) await this.run(next);
    } finally {
      this.draining = false;
    }
  }

  private takeNext(): QueuedMessage | undefined {
    const index =
      this.owner === null ? 0 : this.waiting.findIndex((queued) => queued.connection === this.owner);
    return index === -1 ? undefined : this.waiting.splice(index, 1)[0];
  }

  private async run(queued: QueuedMessage): Promise<void> {
    this.owner = queued.connection;
    const reply = new ReplyTail();
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(queued.message, {
          onRawData: (data) => {
            reply.add(data);
            queued.onData(data);
          },
        }),
      );
      queued.resolve(reply.bytes);
    } catch (error) {
      queued.reject(error);
    }
    if (reply.endsIdle()) this.owner = null;
  }
}

/** Remembers the last bytes of a reply: ReadyForQuery, when present, is its last message (`Z`, length 5, status). */
class ReplyTail {
  bytes = 0;
  private tail = new Uint8Array(0);

  add(data: Uint8Array): void {
    this.bytes += data.length;
    const joined = new Uint8Array(this.tail.length + data.length);
    joined.set(this.tail);
    joined.set(data, this.tail.length);
    this.tail = joined.slice(-6);
  }

  endsIdle(): boolean {
    const tail = this.tail;
    return (
      tail.length === 6 &&
      tail[0] === READY_FOR_QUERY &&
      tail[1] === 0 &&
      tail[2] === 0 &&
      tail[3] === 0 &&
      tail[4] === 5 &&
      tail[5] === IDLE
    );
  }
}
