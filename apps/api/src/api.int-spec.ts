import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { parseAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { EmbeddedPostgres } from '@dvc/postgres';
import { IngestionMetrics } from '@dvc/ingestion';
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
    // A busy test machine must not make the engines look slow: the threshold is judged in health-verdict.spec.
    const config = parseAppConfig({
      ...clickhouse.env,
      DATABASE_URL: postgres.url,
      HEALTH_SLOW_ROUND_TRIP_MS: '60000',
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

  it('reports readiness per engine and 503 when one is down (the detail to operators only); liveness apart', async () => {
    const http = () => request(app.getHttpServer());
    const engineUp = { status: 'up', roundTripMs: expect.any(Number) };
    // An API replica alone: nothing has built a snapshot yet, so every query folds every dossier.
    for (const path of ['/health', '/health/ready']) {
      const response = await http().get(path);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: { status: 'degraded' },
      });
    }
    {
      const response = await asAdmin().get('/health/details');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'degraded',
        reasons: ['no dossier snapshot built yet: every query reads every dossier'],
        components: {
          clickhouse: engineUp,
          postgres: engineUp,
          snapshot: { status: 'up', ageSeconds: null },
        },
      });
    }
    expect((await http().get('/health/details')).status).toBe(401);
    await postgres.stop();
    const downProbe = await http().get('/health/ready');
    expect({ status: downProbe.status, body: downProbe.body }).toEqual({
      status: 503,
      body: { status: 'down' },
    });
    const down = await asAdmin().get('/health/details');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'down',
      reasons: [
        expect.stringMatching(/^postgres does not answer/),
        expect.stringMatching(/no dossier snapshot/),
      ],
      components: { postgres: { status: 'down' } },
    });
    const live = await http().get('/health/live');
    expect({ status: live.status, body: live.body }).toEqual({ status: 200, body: { status: 'up' } });
    postgres = await EmbeddedPostgres.start('memory://');
  });

  it('says degraded when the snapshot rebuild is overdue or the consumer lags, in /health and /metrics', async () => {
    const http = asAdmin;
    const recordBuild = (secondsAgo: number) =>
      clickhouse.client.insert({
        table: `${clickhouse.database}.dossier_snapshot_builds`,
        values: [
          {
            watermark: Date.now() - secondsAgo * 1000,
            built_at: Date.now(),
            dossiers: 0,
            build_ms: 1,
            build_id: 1,
          },
        ],
        format: 'JSONEachRow',
      });
    // Rebuilt every 900 s with a 300 s margin: overdue past 2,100 s.
    await recordBuild(2500);
    expect((await http().get('/health/details')).body).toMatchObject({
      status: 'degraded',
      reasons: [
        expect.stringMatching(/^snapshot rebuild overdue: the latest covers events up to 25\d\d s ago/),
      ],
      components: { snapshot: { status: 'up', ageSeconds: expect.any(Number) } },
    });
    await recordBuild(600);
    app.get(IngestionMetrics).consumerLag.set({ topic: 'dvc.dossier-events.v1', partition: '0' }, 250_000);
    const lagging = await http().get('/health/details');
    expect(lagging.status).toBe(200);
    expect(lagging.body).toMatchObject({
      status: 'degraded',
      reasons: ['Kafka consumer 250000 messages behind, over 100000'],
      components: { consumer: { status: 'up', lag: 250_000 } },
    });
    const metrics = (await http().get('/metrics')).text;
    expect(metrics).toMatch(/^dvc_health_status\{status="degraded"\} 1$/m);
    expect(metrics).toMatch(/^dvc_health_status\{status="up"\} 0$/m);
    expect(metrics).toMatch(/^dvc_health_snapshot_age_seconds 6\d\d$/m);
    expect(metrics).toMatch(/^dvc_health_round_trip_seconds\{component="clickhouse"\} [\d.e-]+$/m);

    app.get(IngestionMetrics).consumerLag.set({ topic: 'dvc.dossier-events.v1', partition: '0' }, 10);
    expect((await http().get('/health/details')).body).toMatchObject({ status: 'up', reasons: [] });
    expect((await request(app.getHttpServer()).get('/health')).body).toEqual({ status: 'up' });
  });

  it('refuses unknown query parameters with a clear message', async () => {
    const response = await asAdmin().get(
      '/v1/indicators/dossiers.online?from=2026-03-01&to=2026-03-31&agnecy=X',
    );
    expect(response.status).toBe(400);
    expect(response.body.errors.join()).toMatch(/agnecy/);
  });
});
