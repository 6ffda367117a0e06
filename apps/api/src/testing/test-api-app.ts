import { INestApplication, LoggerService, Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { parseAppConfig } from '@dvc/config';
import { IndicatorClock } from '@dvc/indicators';
import { PlatformModule } from '@dvc/platform';
import { createTestClickHouse, startEmbeddedTestPostgres, TestClickHouse, TestPostgres } from '@dvc/testing';
import { ApiModule } from '../api.module';
import { configureHttpApp } from '../http/configure-http-app';

/** The DVC_ADMIN_TOKEN of test apps: `http()` sends it; `anonymous()` sends nothing. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';

/** One request the app answered: what the audit tests compare the audit log with. */
export interface HttpExchange {
  method: string;
  path: string;
  status: number;
  requestId: string;
}

export interface TestApiApp {
  app: INestApplication;
  /** Every request answered so far, in order. */
  exchanges: readonly HttpExchange[];
  clickhouse: TestClickHouse;
  postgres: TestPostgres;
  /** Requests as an administrator (DVC_ADMIN_TOKEN). */
  http(): ReturnType<typeof request.agent>;
  /** Requests with a given bearer token. */
  as(token: string): ReturnType<typeof request.agent>;
  /** Requests without credentials. */
  anonymous(): ReturnType<typeof request>;
  stop(): Promise<void>;
}

/** The API app, configured as in production, on a fresh chDB database and a fresh PostgreSQL (PGlite unless told). */
export async function startTestApiApp(
  options: {
    postgres?: () => Promise<TestPostgres>;
    env?: Record<string, string>;
    /** Pins "now" for live indicators, relative periods and target status (an ISO instant). */
    now?: string;
    /** Where the app's log goes (default: nowhere). */
    logger?: LoggerService;
  } = {},
): Promise<TestApiApp> {
  const [clickhouse, postgres] = await Promise.all([
    createTestClickHouse(),
    (options.postgres ?? startEmbeddedTestPostgres)(),
  ]);
  const config = parseAppConfig({
    ...clickhouse.env,
    DATABASE_URL: postgres.url,
    DVC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...options.env,
  });
  @Module({ imports: [PlatformModule.forRoot(config), ApiModule] })
  class ApiAppModule {}
  const testing = Test.createTestingModule({ imports: [ApiAppModule] });
  const now = options.now;
  if (now) testing.overrideProvider(IndicatorClock).useValue({ now: () => new Date(now) });
  const moduleRef = await testing.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: options.logger ?? false });
  const exchanges: HttpExchange[] = [];
  app.use((request: Request, response: Response, next: NextFunction) => {
    response.on('finish', () =>
      exchanges.push({
        method: request.method,
        path: request.originalUrl,
        status: response.statusCode,
        requestId: String(response.getHeader('x-request-id') ?? ''),
      }),
    );
    next();
  });
  configureHttpApp(app);
  await app.init();
  return {
    app,
    exchanges,
    clickhouse,
    postgres,
    http: () => request.agent(app.getHttpServer()).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`),
    as: (token: string) => request.agent(app.getHttpServer()).set('authorization', `Bearer ${token}`),
    anonymous: () => request(app.getHttpServer()),
    async stop() {
      await app.close();
      await Promise.all([clickhouse.drop(), postgres.stop()]);
    },
  };
}
