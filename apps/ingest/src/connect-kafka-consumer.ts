import { INestApplication } from '@nestjs/common';
import { IngestionMetrics } from '@dvc/ingestion';
import { KafkaBatchTransport } from '@dvc/kafka';

/** Attaches the Kafka batch transport to an initialised app (migrations applied) and starts consuming. */
export async function connectKafkaConsumer(app: INestApplication): Promise<void> {
  const transport = app.get(KafkaBatchTransport, { strict: false });
  if (!transport) throw new Error('KAFKA_BROKERS is not set: the Kafka consumer has no broker to read from');
  const metrics = app.get(IngestionMetrics, { strict: false });
  transport.on('retry', (batch) => metrics.batchRetries.inc({ topic: batch.topic }));
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
