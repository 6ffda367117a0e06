/** One Server-Sent Event as received: its `event:` type (default `message`), `id:` and `data:` text. */
export interface ReceivedEvent {
  type: string;
  id: string | undefined;
  data: string;
  /** When it was read (ms since the epoch). */
  at: number;
}

/**
 * A Server-Sent Events subscriber over fetch, for the tests and the bench: opens `url`, parses the stream as it
 * arrives, and lets the caller wait for an event matching a condition.
 */
export class SseClient {
  readonly events: ReceivedEvent[] = [];
  private waiters: (() => void)[] = [];
  private ended: Error | null = null;

  private constructor(
    readonly status: number,
    private readonly controller: AbortController,
  ) {}

  /** Opens the stream; resolves once the answer's status is known (its body then streams on). */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: controller.signal,
    });
    const client = new SseClient(response.status, controller);
    if (response.ok && response.body) void client.pump(response.body);
    else client.ended = new Error(`status ${response.status}: ${await response.text()}`);
    return client;
  }

  /** Waits for the first event (from `from` on, an index in `events`) for which `done` holds. */
  async next(
    done: (event: ReceivedEvent) => boolean,
    options: { from?: number; timeoutMs?: number; what?: string } = {},
  ): Promise<ReceivedEvent> {
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    for (let index = options.from ?? 0; ;) {
      for (; index < this.events.length; index++) if (done(this.events[index])) return this.events[index];
      if (this.ended)
        throw new Error(`stream ended before ${options.what ?? 'the event'}: ${this.ended.message}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${options.what ?? 'an event'}; received: ${this.events.map((e) => e.type).join(', ')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.controller.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const event = parseBlock(block);
          if (event) this.events.push(event);
        }
        this.wake();
      }
      this.ended = new Error('the server ended the stream');
    } catch (error) {
      this.ended = error as Error;
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function parseBlock(block: string): ReceivedEvent | null {
  let type = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? null : { type, id, data: data.join('\n'), at: Date.now() };
}
