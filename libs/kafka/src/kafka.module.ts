import { Global, Inject, Injectable, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { KafkaBatchTransport } from './kafka-batch.transport';
import { KafkajsBroker } from './kafkajs-broker';
import { MessageBroker } from './message-broker';

@Injectable()
class BrokerLifecycle implements OnApplicationShutdown {
  constructor(@Optional() @Inject(MessageBroker) private readonly broker: MessageBroker | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.broker?.close();
  }
}

/**
 * Provides the broker when KAFKA_BROKERS is set (null otherwise: HTTP-only ingestion) and the batch
 * transport built on it.
 */
@Global()
@Module({
  providers: [
    {
      provide: MessageBroker,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.KAFKA_BROKERS
          ? new KafkajsBroker({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID })
          : null,
    },
    {
      provide: KafkaBatchTransport,
      inject: [AppConfig, MessageBroker],
      useFactory: (config: AppConfig, broker: MessageBroker | null) =>
        broker &&
        new KafkaBatchTransport(broker, {
          groupId: config.KAFKA_GROUP_ID,
          maxBytesPerPartition: config.KAFKA_MAX_BYTES_PER_PARTITION,
          partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
          sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
          retry: { initialMs: config.INGEST_RETRY_INITIAL_MS, maxMs: config.INGEST_RETRY_MAX_MS },
        }),
    },
    BrokerLifecycle,
  ],
  exports: [MessageBroker, KafkaBatchTransport],
})
export class KafkaModule {}
