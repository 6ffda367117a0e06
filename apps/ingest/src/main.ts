import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@dvc/config';
import { createJsonLogger } from '@dvc/observability';
import { PlatformModule } from '@dvc/platform';
import { connectKafkaConsumer } from './connect-kafka-consumer';
import { IngestModule } from './ingest.module';

/** The Kafka ingestion service: a Nest microservice, plus HTTP for /health and /metrics. */
async function bootstrap(): Promise<void> {
  const config = loadAppConfig();
  if (!config.KAFKA_BROKERS) throw new Error('the ingest service needs KAFKA_BROKERS');
  @Module({ imports: [PlatformModule.forRoot(config), IngestModule] })
  class IngestAppModule {}

  const app = await NestFactory.create(IngestAppModule, { logger: createJsonLogger(config) });
  app.enableShutdownHooks();
  // init first: ClickHouse migrations run in module init and must precede the first batch.
  await app.init();
  await connectKafkaConsumer(app);
  await app.listen(config.PORT);
}

void bootstrap();
