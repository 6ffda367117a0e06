import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@dvc/config';
import { createJsonLogger } from '@dvc/observability';
import { PlatformModule } from '@dvc/platform';
import { ApiModule } from './api.module';
import { configureHttpApp } from './http/configure-http-app';

async function bootstrap(): Promise<void> {
  const config = loadAppConfig();
  @Module({ imports: [PlatformModule.forRoot(config), ApiModule] })
  class ApiAppModule {}

  const app = await NestFactory.create(ApiAppModule, {
    bodyParser: false,
    logger: createJsonLogger(config),
  });
  configureHttpApp(app);
  await app.listen(config.PORT);
}

void bootstrap();
