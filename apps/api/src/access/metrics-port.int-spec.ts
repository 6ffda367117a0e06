import { ApiTokensService, Role } from '@dvc/access';
import { MetricsListener } from '@dvc/observability';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

const issueToken = (api: TestApiApp, role: Role) =>
  api.app
    .get(ApiTokensService)
    .issue({
      owner: `prometheus ${role}`,
      scope: { role, agencyCode: role === 'department' ? '000.00.30.H12' : null, sourceId: null },
      createdBy: 'test',
    })
    .then(({ token }) => token);

describe('/metrics on the public port (METRICS_PORT unset): token-protected', () => {
  let api: TestApiApp;
  beforeAll(async () => (api = await startTestApiApp()));
  afterAll(() => api.stop());

  it('answers a scraper with an operator token, 401 without one, 403 to a role that may not read it', async () => {
    const scrape = await api.as(await issueToken(api, 'operator')).get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    expect(scrape.text).toMatch(/^dvc_health_status\{status="up"\} [01]$/m);
    expect((await api.anonymous().get('/metrics')).status).toBe(401);
    expect((await api.as(await issueToken(api, 'analyst')).get('/metrics')).status).toBe(403);
    expect(api.app.get(MetricsListener).url).toBeNull();
  });
});

describe('/metrics off the public port (METRICS_PORT set)', () => {
  let api: TestApiApp;
  let url: string;
  beforeAll(async () => {
    api = await startTestApiApp({ env: { METRICS_PORT: '0' } });
    url = api.app.get(MetricsListener).url!;
  });
  afterAll(() => api.stop());

  it('serves the metrics on their own loopback listener without credentials', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const scrape = await fetch(url);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await scrape.text()).toMatch(/^dvc_process_cpu_seconds_total [\d.e-]+$/m);
  });

  it('serves nothing else there', async () => {
    for (const path of ['/', '/health', '/v1/indicators', '/metrics/../v1/tokens'])
      expect((await fetch(new URL(path, url))).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);
  });

  it('no longer serves /metrics on the public port, whoever asks', async () => {
    expect((await api.anonymous().get('/metrics')).status).toBe(404);
    expect((await api.http().get('/metrics')).status).toBe(404);
  });

  it('closes the listener with the app', async () => {
    const listener = api.app.get(MetricsListener);
    await listener.beforeApplicationShutdown();
    await expect(fetch(url)).rejects.toThrow();
  });
});
