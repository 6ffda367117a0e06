import { Logger } from '@nestjs/common';
import {
  Admin,
  CompressionTypes,
  Consumer,
  Kafka,
  logLevel,
  LogEntry,
  Partitioners,
  Producer,
} from 'kafkajs';
import {
  BatchHandler,
  ConsumeOptions,
  MessageBroker,
  OutgoingMessage,
  RunningConsumer,
} from './message-broker';

const headerText = (value: Buffer | string | (Buffer | string)[] | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? headerText(value[0]) : value.toString();

const MAX_MESSAGES_PER_SEND = 10_000;

/** The kafkajs adapter of our broker port. */
export class KafkajsBroker extends MessageBroker {
  private readonly logger = new Logger('Kafka');
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();

  constructor(options: { brokers: string[]; clientId: string }) {
    super();
    this.kafka = new Kafka({
      brokers: options.brokers,
      clientId: options.clientId,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
      retry: { retries: 8, initialRetryTime: 200 },
    });
  }

  async produce(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await (this.producer ??= this.connect(
      // Java-compatible murmur2 on the key: a dossier's events land on the partition any client would pick.
      this.kafka.producer({
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    ));
    // kafkajs groups a send's messages per partition in quadratic time: keep each send moderate.
    for (let offset = 0; offset < messages.length; offset += MAX_MESSAGES_PER_SEND) {
      const chunk = messages.slice(offset, offset + MAX_MESSAGES_PER_SEND);
      await producer.send({ topic, messages: chunk, acks: -1, compression: CompressionTypes.GZIP });
    }
  }

  async consume(options: ConsumeOptions, handler: BatchHandler): Promise<RunningConsumer> {
    // Batches being handled: stop() lets them finish and commit before leaving the group.
    const inFlight = new Set<Promise<void>>();
    let stopping = false;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      maxBytesPerPartition: options.maxBytesPerPartition,
      sessionTimeout: options.sessionTimeoutMs,
      rebalanceTimeout: options.sessionTimeoutMs,
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: true,
      // After a crash kafkajs restarts the consumer by itself (never once we are stopping), after its last
      // backoff: capped at 5 s so a broker blip or a rebalance storm costs seconds, not half a minute.
      retry: {
        retries: 10,
        initialRetryTime: 300,
        maxRetryTime: 5000,
        restartOnFailure: async () => !stopping,
      },
    });
    this.consumers.add(consumer);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.logger.log(
        `joined group ${payload.groupId} as ${payload.memberId} (leader: ${payload.isLeader}), ` +
          `assigned ${JSON.stringify(payload.memberAssignment)}`,
      ),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (batch.messages.length === 0 || stopping) return;
        const work = (async () => {
          const messages = batch.messages.map((message) => ({
            key: message.key?.toString() ?? null,
            value: message.value,
            offset: message.offset,
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, headerText(value)]),
            ),
          }));
          await handler(
            { topic: batch.topic, partition: batch.partition, messages, lag: Number(batch.offsetLag()) },
            { heartbeat, isRunning: () => !stopping && isRunning() && !isStale() },
          );
          const last = batch.messages[batch.messages.length - 1].offset;
          resolveOffset(last);
          await consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
          ]);
        })();
        inFlight.add(work);
        try {
          await work;
        } finally {
          inFlight.delete(work);
        }
      },
    });
    return {
      stop: async () => {
        stopping = true;
        await Promise.allSettled([...inFlight]);
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async ping(): Promise<void> {
    const admin = await (this.admin ??= this.connect(this.kafka.admin()));
    await admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    await Promise.all(
      [this.producer, this.admin].map(async (client) => (client ? (await client).disconnect() : undefined)),
    );
    this.producer = this.admin = undefined;
  }

  private async connect<T extends { connect(): Promise<void> }>(client: T): Promise<T> {
    await client.connect();
    return client;
  }

  private log({ level, log }: LogEntry): void {
    const text = `${log.message}${log.error ? `: ${log.error}` : ''}`;
    if (level === logLevel.ERROR) this.logger.error(text);
    else if (level === logLevel.WARN) this.logger.warn(text);
    else this.logger.debug(text);
  }
}
