import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { BatchControl, IncomingBatch, MessageBroker, RunningConsumer } from './message-broker';

export interface KafkaBatchTransportOptions {
  groupId: string;
  maxBytesPerPartition?: number;
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  retry: { initialMs: number; maxMs: number };
}

/** Events the transport reports through Nest's `Server.on()`. */
export type KafkaBatchTransportEvents = {
  /** A batch failed and will be handed over again after a pause. */
  retry: (batch: IncomingBatch, error: unknown) => void;
};

/**
 * A Nest microservice transport that hands whole partition batches to `@EventPattern(topic)` handlers.
 * (Nest's stock Kafka transport delivers one message at a time, too slow for ClickHouse inserts.)
 *
 * The offset is committed only after the handler resolves. A handler that throws (ClickHouse down, the
 * dead-letter topic unreachable) gets the same batch again after a growing pause, heartbeating meanwhile;
 * nothing is skipped and nothing unwritten is committed. On close the batch in hand finishes first.
 */
export class KafkaBatchTransport
  extends Server<KafkaBatchTransportEvents>
  implements CustomTransportStrategy
{
  protected override readonly logger = new Logger(KafkaBatchTransport.name);
  private consumer?: RunningConsumer;
  private readonly retryListeners: KafkaBatchTransportEvents['retry'][] = [];

  constructor(
    private readonly broker: MessageBroker,
    private readonly options: KafkaBatchTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = [...this.messageHandlers.keys()];
      this.consumer = await this.broker.consume(
        {
          groupId: this.options.groupId,
          topics,
          maxBytesPerPartition: this.options.maxBytesPerPartition,
          partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
          sessionTimeoutMs: this.options.sessionTimeoutMs,
        },
        (batch, control) => this.deliver(batch, control),
      );
      this.logger.log(`consuming ${topics.join(', ')} as group ${this.options.groupId}`);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  on<EventKey extends keyof KafkaBatchTransportEvents>(
    _event: EventKey,
    callback: KafkaBatchTransportEvents[EventKey],
  ): void {
    this.retryListeners.push(callback);
  }

  unwrap<T>(): T {
    return this.broker as T;
  }

  private async deliver(batch: IncomingBatch, control: BatchControl): Promise<void> {
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) throw new Error(`no handler for topic ${batch.topic}`);
    let pause = this.options.retry.initialMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await lastValueFrom(this.transformToObservable(await handler(batch)), { defaultValue: undefined });
        return;
      } catch (error) {
        if (!control.isRunning()) throw error;
        for (const listener of this.retryListeners) listener(batch, error);
        this.logger.warn(
          `batch ${batch.topic}[${batch.partition}] from offset ${batch.messages[0].offset} failed ` +
            `(attempt ${attempt}), retrying in ${pause} ms: ${(error as Error).message.slice(0, 300)}`,
        );
        await this.pauseWithHeartbeats(pause, control);
        pause = Math.min(pause * 2, this.options.retry.maxMs);
      }
    }
  }

  private async pauseWithHeartbeats(ms: number, control: BatchControl): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && control.isRunning()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, until - Date.now())));
      await control.heartbeat().catch(() => undefined);
    }
  }
}
