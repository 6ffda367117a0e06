import { NestFactory } from '@nestjs/core';
import { runAsProcess } from '@dvc/audit';
import { loadAppConfig } from '@dvc/config';
import { createJsonLogger } from '@dvc/observability';
import { configureHttpApp } from '../../api/src/http/configure-http-app';
import { connectKafkaConsumer } from '../../ingest/src/connect-kafka-consumer';
import { DvcAppModule } from './dvc-app.module';
import { FirstStartAccess } from './first-start-access';
import { SyntheticCatalogueLoader } from './synthetic-catalogue.loader';
import { SyntheticFeedRunner } from './synthetic-feed.runner';

/** `npm start`: the whole pipeline in one process, on embedded engines unless servers are configured. */
async function bootstrap(): Promise<void> {
  const config = loadAppConfig();
  const app = await NestFactory.create(DvcAppModule.forRoot(config), {
    bodyParser: false,
    logger: createJsonLogger(config),
  });
  configureHttpApp(app);
  // init first: ClickHouse migrations run in module init and must precede the first batch.
  await app.init();
  if (config.KAFKA_BROKERS) await connectKafkaConsumer(app);
  await app.listen(config.PORT, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const access = app.get(FirstStartAccess);
  // What the start itself writes (the admin, the demo tokens, the feed's tokens, the synthetic catalogue) is kept
  // in the audit log under `npm start`.
  const firstStartLines = await runAsProcess('npm start', () => access.provisionIfFirstStart());
  console.log(
    `DVC metrics pipeline on ${baseUrl} — try ${baseUrl}/v1/indicators/dossiers.online?year=${new Date().getFullYear()} , ` +
      `${baseUrl}/v1/indicators/procedures.level_growth?year=${new Date().getFullYear()}&level=4 , ` +
      `${baseUrl}/health, ${baseUrl}/metrics, ${baseUrl}/docs ` +
      '(the API asks for a token or a session: POST /v1/auth/login, or Authorization: Bearer <token>)',
  );
  for (const line of firstStartLines) console.log(line);
  if (config.GENERATOR) {
    await runAsProcess('npm start', () => app.get(SyntheticCatalogueLoader).loadIfEmpty());
    const credentials = await runAsProcess('npm start', () => access.feedCredentials());
    await app.get(SyntheticFeedRunner).start(baseUrl, credentials);
  }
}

void bootstrap();
