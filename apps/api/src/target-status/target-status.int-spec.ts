import { aReceived } from '@dvc/testing';
import { auditedWrites } from '../testing/audited-writes';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/*
 * "Today" is 2 July 2026 (day 183 of 365). The province received, in 2025, 10 dossiers (5 online); in 2026 so
 * far 4 dossiers (1 online): one in each of January, February, March and July.
 */
const NOW = '2026-07-02T10:00:00+07:00';
const dossiers2025 = Array.from({ length: 10 }, (_, i) =>
  aReceived(`HS-2025-${i}`, i < 5 ? 'online' : 'direct', {
    occurredAt: `2025-${String(i + 1).padStart(2, '0')}-10T09:00:00+07:00`,
  }),
);
const dossiers2026 = [
  aReceived('HS-2026-1', 'online', { occurredAt: '2026-01-15T09:00:00+07:00' }),
  aReceived('HS-2026-2', 'direct', { occurredAt: '2026-02-15T09:00:00+07:00' }),
  aReceived('HS-2026-3', 'postal', { occurredAt: '2026-03-15T09:00:00+07:00' }),
  aReceived('HS-2026-4', 'direct', { occurredAt: '2026-07-01T09:00:00+07:00' }),
];
const onlineTarget = {
  indicatorId: 'dossiers.online',
  period: { kind: 'year' },
  comparator: '>=',
  threshold: 0.3,
  legalBasis: 'Chỉ thị Bình Thuận 2018',
  activeFrom: '2018-01-01',
};

describe('indicators and target status over HTTP (chDB, PGlite; today pinned)', () => {
  let api: TestApiApp;

  beforeAll(async () => {
    api = await startTestApiApp({ now: NOW });
    await api
      .http()
      .post('/v1/events')
      .set('content-type', 'application/json')
      .send(JSON.stringify([...dossiers2025, ...dossiers2026]))
      .expect(200);
    await api.http().post('/v1/targets').send(onlineTarget).expect(201);
  }, 60_000);
  afterAll(() => api?.stop());

  it('lists every indicator with its names and definition', async () => {
    const { body } = await api.http().get('/v1/indicators').expect(200);
    expect(body.indicators.map((indicator: { id: string }) => indicator.id).sort()).toEqual([
      'dossiers.carried_over',
      'dossiers.closed_without_result',
      'dossiers.on_time',
      'dossiers.online',
      'dossiers.open',
      'dossiers.overdue',
      'dossiers.postal',
      'payments.online',
      'procedures.level3',
      'procedures.level4',
      'procedures.level_growth',
      'procedures.online',
      'procedures.portal',
      'services.uptake',
    ]);
    expect(body.indicators[0]).toEqual(
      expect.objectContaining({ nameVi: expect.any(String), description: expect.any(String) }),
    );
  });

  it('answers a shorthand period grouped by month, every month present', async () => {
    const { body } = await api
      .http()
      .get('/v1/indicators/dossiers.online?period=2026-Q1&groupBy=month')
      .expect(200);
    expect(body).toMatchObject({
      period: { from: '2026-01-01', to: '2026-03-31' },
      numerator: 1,
      denominator: 3,
    });
    expect(body.groups).toEqual([
      {
        key: '2026-01',
        from: '2026-01-01',
        to: '2026-01-31',
        numerator: 1,
        denominator: 1,
        value: 1,
        percent: 100,
        display: '100%',
      },
      {
        key: '2026-02',
        from: '2026-02-01',
        to: '2026-02-28',
        numerator: 0,
        denominator: 1,
        value: 0,
        percent: 0,
        display: '0%',
      },
      {
        key: '2026-03',
        from: '2026-03-01',
        to: '2026-03-31',
        numerator: 0,
        denominator: 1,
        value: 0,
        percent: 0,
        display: '0%',
      },
    ]);
    // Postal left out of the denominator: 1 online of January and February's 2.
    const { body: noPostal } = await api
      .http()
      .get('/v1/indicators/dossiers.online?period=2026-Q1&postal=exclude')
      .expect(200);
    expect(noPostal).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('places ytd against today, and leaves out what was ingested after asOf', async () => {
    const { body } = await api.http().get('/v1/indicators/dossiers.online?period=ytd').expect(200);
    expect(body).toMatchObject({ period: { from: '2026-01-01', to: '2026-07-02' }, denominator: 4 });
    const { body: before } = await api
      .http()
      .get('/v1/indicators/dossiers.online?period=ytd&asOf=2020-01-01T00:00:00%2B07:00')
      .expect(200);
    expect(before).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
      asOf: '2020-01-01T00:00:00+07:00',
    });
  });

  it('refuses options that do not apply (400) and unknown indicators (404)', async () => {
    const { body } = await api.http().get('/v1/indicators/dossiers.on_time?year=2026&level=4').expect(400);
    expect(body.message).toMatch(/"level" does not apply to dossiers.on_time/);
    await api.http().get('/v1/indicators/dossiers.online?period=2026-Q5').expect(400);
    await api.http().get('/v1/indicators/dossiers.speed?year=2026').expect(404);
  });

  it('judges a running year against last year’s volume: at risk, and what share must go online', async () => {
    const { body } = await api.http().get('/v1/targets/status?period=2026&minSample=1').expect(200);
    expect(body).toMatchObject({ today: '2026-07-02', minSample: 1 });
    expect(body.targets).toHaveLength(1);
    const [status] = body.targets;
    // 1 online of 4 = 0.25 < 0.3. Last year brought 10 dossiers, so 6 more are expected; reaching 0.3 of 10
    // needs 3 online, 2 more: 2 of the remaining 6 (a third) must arrive online. Reachable: at risk.
    expect(status).toMatchObject({
      status: 'at_risk',
      actual: 0.25,
      threshold: 0.3,
      periodState: 'running',
      elapsedDays: 183,
      totalDays: 365,
      figures: { numerator: 1, denominator: 4, value: 0.25 },
      lastYear: { numerator: 5, denominator: 10, value: 0.5 },
      evaluatedFor: { agency: null, from: '2026-01-01', to: '2026-12-31' },
      projection: { basis: 'last_year', expectedDenominator: 10, reachable: true },
    });
    expect(status.gap).toBeCloseTo(-0.05, 12);
    expect(status.projection.requiredShareOfRemaining).toBeCloseTo(2 / 6, 12);
    expect(status.required).toEqual({ verdict: 'reachable', display: '33,33%' });
  });

  it('gives an ended year its verdict, and withholds one below the minimum sample', async () => {
    const { body: ended } = await api.http().get('/v1/targets/status?period=2025&minSample=1').expect(200);
    // 2025: 5 online of 10 = 0.5 ≥ 0.3.
    expect(ended.targets[0]).toMatchObject({
      status: 'met',
      actual: 0.5,
      periodState: 'ended',
      projection: null,
    });
    const { body: small } = await api.http().get('/v1/targets/status?period=2025&minSample=11').expect(200);
    expect(small.targets[0]).toMatchObject({ status: 'not_enough_data' });
  });

  it('keeps the target write in the audit log, by its caller', async () => {
    const { writes, audited, principals } = await auditedWrites(api);
    expect(writes.map((write) => write.replace(/^\S+ /, ''))).toEqual(['POST /v1/targets']);
    expect(audited).toEqual(writes);
    expect(principals).toEqual(['DVC_ADMIN_TOKEN']);
  });
});
