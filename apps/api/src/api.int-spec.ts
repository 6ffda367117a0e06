import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { parseAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { EmbeddedPostgres } from '@dvc/postgres';
import { aReceived, createTestClickHouse, TestClickHouse } from '@dvc/testing';
import { ApiModule } from './api.module';
import { configureHttpApp } from './http/configure-http-app';
import { TEST_ADMIN_TOKEN } from './testing/test-api-app';

describe('HTTP API on chDB and PGlite', () => {
  let clickhouse: TestClickHouse;
  let postgres: EmbeddedPostgres;
  let app: INestApplication;

  beforeEach(async () => {
    [clickhouse, postgres] = await Promise.all([createTestClickHouse(), EmbeddedPostgres.start('memory://')]);
    const config = parseAppConfig({
      ...clickhouse.env,
      DATABASE_URL: postgres.url,
      DVC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    });
    @Module({ imports: [PlatformModule.forRoot(config), ApiModule] })
    class ApiAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [ApiAppModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureHttpApp(app);
    await app.init();
  });
  afterEach(async () => {
    await app.close();
    await Promise.all([clickhouse.drop(), postgres.stop()]);
  });

  const asAdmin = () => request.agent(app.getHttpServer()).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
  const send = (events: unknown[]) =>
    asAdmin().post('/v1/events').set('content-type', 'application/json').send(JSON.stringify(events));

  it('answers 503, acknowledging nothing, while ClickHouse refuses writes; the same request succeeds later', async () => {
    const events = [aReceived('A', 'online'), aReceived('B', 'direct')];
    await clickhouse.client.command({ query: `DETACH TABLE ${clickhouse.database}.dossier_events` });
    const refused = await send(events);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ statusCode: 503, message: expect.stringMatching(/send it again later/) });

    await clickhouse.client.command({ query: `ATTACH TABLE ${clickhouse.database}.dossier_events` });
    expect((await send(events)).body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const indicator = await asAdmin().get('/v1/indicators/dossiers.online?from=2026-03-01&to=2026-03-31');
    expect(indicator.body).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('reports health per engine and 503 when one is down', async () => {
    expect((await request(app.getHttpServer()).get('/health')).body).toEqual({
      status: 'up',
      components: { clickhouse: { status: 'up' }, postgres: { status: 'up' } },
    });
    await postgres.stop();
    const down = await request(app.getHttpServer()).get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'down', components: { postgres: { status: 'down' } } });
    postgres = await EmbeddedPostgres.start('memory://');
  });

  it('refuses unknown query parameters with a clear message', async () => {
    const response = await asAdmin().get(
      '/v1/indicators/dossiers.online?from=2026-03-01&to=2026-03-31&agnecy=X',
    );
    expect(response.status).toBe(400);
    expect(response.body.errors.join()).toMatch(/agnecy/);
  });
});
