/**
 * Our port to the log broker. The services speak only this; `KafkajsBroker` adapts kafkajs to it, so the
 * client library can be swapped without touching ingestion.
 */
export interface IncomingMessage {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  offset: string;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
  /** Messages in the partition after this batch's last one, when the fetch told us. */
  lag: number;
}

export interface OutgoingMessage {
  key?: string | null;
  value: Buffer | string | null;
  headers?: Record<string, string>;
}

export interface BatchControl {
  /** Keeps the group membership alive during a long retry. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or lost the partition: abandon the batch, commit nothing. */
  isRunning(): boolean;
}

export interface ConsumeOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  maxBytesPerPartition?: number;
  partitionsConsumedConcurrently?: number;
  /** How long the group waits for a silent member before handing its partitions to others. */
  sessionTimeoutMs?: number;
}

/**
 * Called once per fetched partition batch. When it resolves, the offset after the batch's last message is
 * committed; when it rejects, nothing is committed and the batch will be delivered again.
 */
export type BatchHandler = (batch: IncomingBatch, control: BatchControl) => Promise<void>;

export interface RunningConsumer {
  /** Lets the batch in hand finish (and commit), then leaves the group. */
  stop(): Promise<void>;
}

export abstract class MessageBroker {
  abstract produce(topic: string, messages: OutgoingMessage[]): Promise<void>;
  abstract consume(options: ConsumeOptions, handler: BatchHandler): Promise<RunningConsumer>;
  /** Resolves when a broker answers. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
