import { INestApplication } from '@nestjs/common';
import { KafkaBatchTransport } from '@dvc/kafka';

/** Attaches the Kafka batch transport to an app and starts consuming. */
export async function connectKafkaConsumer(app: INestApplication): Promise<void> {
  const transport = app.get(KafkaBatchTransport, { strict: false });
  if (!transport) throw new Error('KAFKA_BROKERS is not set: the Kafka consumer has no broker to read from');
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
