import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Histogram } from 'prom-client';
import { AppConfig, AppConfigValues, loadAppConfig } from '@dvc/config';
import { createJsonLogger, MetricsRegistry } from '@dvc/observability';
import { PlatformModule } from '@dvc/platform';
import { ApiModule } from '../../../apps/api/src/api.module';
import { configureHttpApp } from '../../../apps/api/src/http/configure-http-app';
import { connectKafkaConsumer } from '../../../apps/ingest/src/connect-kafka-consumer';
import { IngestModule } from '../../../apps/ingest/src/ingest.module';

type Overrides = Partial<Record<keyof AppConfigValues, string>>;

/** The apps' config for a benchmark run: quiet, no synthetic feed, the given overrides on top. */
export function benchConfig(overrides: Overrides): AppConfig {
  return loadAppConfig({ LOG_LEVEL: 'warn', GENERATOR: 'false', PORT: '0', ...overrides });
}

@Module({})
class BenchIngestAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: BenchIngestAppModule, imports: [PlatformModule.forRoot(config), IngestModule] };
  }
}

@Module({})
class BenchApiAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: BenchApiAppModule, imports: [PlatformModule.forRoot(config), ApiModule] };
  }
}

/**
 * The Kafka ingest service as apps/ingest/src/main.ts builds it (PlatformModule + IngestModule), initialised
 * (so ClickHouse migrations have run) but not yet consuming: `startConsumer()` attaches the batch transport.
 */
export async function createIngestApp(config: AppConfig): Promise<{
  app: INestApplication;
  startConsumer: () => Promise<void>;
}> {
  const app = await NestFactory.create(BenchIngestAppModule.forRoot(config), {
    logger: createJsonLogger(config),
  });
  await app.init();
  return { app, startConsumer: () => connectKafkaConsumer(app) };
}

/** The HTTP API as apps/api/src/main.ts builds it, listening on a free loopback port. */
export async function createApiApp(config: AppConfig): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await NestFactory.create(BenchApiAppModule.forRoot(config), {
    bodyParser: false,
    logger: createJsonLogger(config),
  });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${address.port}` };
}

/** Count and total seconds of `dvc_ingest_batch_write_seconds` for one transport, from the app's registry. */
export async function batchWriteStats(
  app: INestApplication,
  via: 'kafka' | 'http',
): Promise<{ batches: number; seconds: number }> {
  const registry = app.get(MetricsRegistry);
  const histogram = registry.getSingleMetric('dvc_ingest_batch_write_seconds') as
    Histogram<'via'> | undefined;
  if (!histogram) return { batches: 0, seconds: 0 };
  const { values } = await histogram.get();
  const pick = (suffix: string) =>
    values.find(
      (value) => value.metricName === `dvc_ingest_batch_write_seconds_${suffix}` && value.labels.via === via,
    )?.value ?? 0;
  return { batches: pick('count'), seconds: pick('sum') };
}

/** `dvc_ingest_events_total` by outcome for one transport. */
export async function ingestedEvents(
  app: INestApplication,
  via: 'kafka' | 'http',
): Promise<Record<string, number>> {
  const registry = app.get(MetricsRegistry);
  const counter = registry.getSingleMetric('dvc_ingest_events_total');
  if (!counter) return {};
  const { values } = await counter.get();
  const outcomes: Record<string, number> = {};
  for (const value of values) {
    if (value.labels.via === via) outcomes[String(value.labels.outcome)] = value.value;
  }
  return outcomes;
}
