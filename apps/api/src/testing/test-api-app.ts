import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { parseAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { createTestClickHouse, startEmbeddedTestPostgres, TestClickHouse, TestPostgres } from '@dvc/testing';
import { ApiModule } from '../api.module';
import { configureHttpApp } from '../http/configure-http-app';

export interface TestApiApp {
  app: INestApplication;
  clickhouse: TestClickHouse;
  postgres: TestPostgres;
  http(): ReturnType<typeof request>;
  stop(): Promise<void>;
}

/** The API app, configured as in production, on a fresh chDB database and a fresh PostgreSQL (PGlite unless told). */
export async function startTestApiApp(
  options: { postgres?: () => Promise<TestPostgres>; env?: Record<string, string> } = {},
): Promise<TestApiApp> {
  const [clickhouse, postgres] = await Promise.all([
    createTestClickHouse(),
    (options.postgres ?? startEmbeddedTestPostgres)(),
  ]);
  const config = parseAppConfig({ ...clickhouse.env, DATABASE_URL: postgres.url, ...options.env });
  @Module({ imports: [PlatformModule.forRoot(config), ApiModule] })
  class ApiAppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [ApiAppModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureHttpApp(app);
  await app.init();
  return {
    app,
    clickhouse,
    postgres,
    http: () => request(app.getHttpServer()),
    async stop() {
      await app.close();
      await Promise.all([clickhouse.drop(), postgres.stop()]);
    },
  };
}
