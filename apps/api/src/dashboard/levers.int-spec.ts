import { ApiTokensService } from '@dvc/access';
import { anEvent, aReceived, waitFor, WireEvent } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/**
 * Department S offers four procedures; T is another department. In March 2026 S receives 16 dossiers:
 *   BUILD (level 4): 1 online, 4 in person  -> a lever of 4
 *   LAND  (level 3): 0 online, 2 in person  -> a lever of 2
 *   PAPER (level 2): 5 in person            -> not offered online: no lever
 *   ONLINE(level 4): 3 online, 1 in person  -> already mostly online: no lever
 *   T: 1 in person of BUILD (outside S).
 * Due 2026-03-16; BUILD's five resolve late (03-20), LAND's two on time (03-10); the other nine are still open
 * at the end of March, so overdue: on time is 2 of 16.
 */
const P = '000.00.00.H12';
const S = '000.00.01.H12';
const T = '000.00.02.H12';
const BUILD = '1.000001';
const LAND = '1.000002';
const PAPER = '1.000003';
const ONLINE = '1.000004';

const received = (code: string, procedureCode: string, channel: 'online' | 'direct', agencyCode = S) =>
  aReceived(code, channel, { procedureCode, agencyCode, occurredAt: '2026-03-02T09:00:00+07:00' });
const resolved = (code: string, day: string) =>
  anEvent('resolved', code, { occurredAt: `2026-03-${day}T15:00:00+07:00`, outcome: 'approved' });

describe('GET /v1/levers: what would move a scope most (chDB, PGlite)', () => {
  let api: TestApiApp;
  let departmentOfT: string;

  beforeAll(async () => {
    api = await startTestApiApp({
      env: { CATALOGUE_MIRROR_INTERVAL_MS: '200' },
      now: '2026-03-31T10:00:00Z',
    });
    for (const [code, kind, parentCode] of [
      [P, 'province', null],
      [S, 'department', P],
      [T, 'department', P],
    ])
      await api
        .http()
        .post('/v1/agencies')
        .send({ code, name: `Agency ${code}`, kind, parentCode, validFrom: '2020-01-01' })
        .expect(201);
    for (const [code, name, level] of [
      [BUILD, 'Cấp giấy phép xây dựng', 4],
      [LAND, 'Đăng ký đất đai', 3],
      [PAPER, 'Chứng thực bản sao', 2],
      [ONLINE, 'Cấp phiếu lý lịch tư pháp', 4],
    ] as const) {
      await api.http().post('/v1/procedures').send({ code, name, field: 'Field' }).expect(201);
      for (const agency of [S, T])
        await api
          .http()
          .put(`/v1/procedures/${code}/offerings/${agency}/levels/2026-01-01`)
          .send({
            level,
            mode: level === 4 ? 'full' : level === 3 ? 'partial' : 'none',
            portal: true,
            fee: false,
          })
          .expect(200);
    }
    const events: WireEvent[] = [
      received('b1', BUILD, 'online'),
      ...['b2', 'b3', 'b4', 'b5'].map((code) => received(code, BUILD, 'direct')),
      ...['l1', 'l2'].map((code) => received(code, LAND, 'direct')),
      ...['p1', 'p2', 'p3', 'p4', 'p5'].map((code) => received(code, PAPER, 'direct')),
      ...['o1', 'o2', 'o3'].map((code) => received(code, ONLINE, 'online')),
      received('o4', ONLINE, 'direct'),
      received('t1', BUILD, 'direct', T),
      ...['b1', 'b2', 'b3', 'b4', 'b5'].map((code) => resolved(code, '20')),
      ...['l1', 'l2'].map((code) => resolved(code, '10')),
    ];
    expect((await api.http().post('/v1/events').send(events)).body).toMatchObject({
      accepted: events.length,
    });
    departmentOfT = (
      await api.app
        .get(ApiTokensService)
        .issue({ owner: 'T head', scope: { role: 'department', agencyCode: T }, createdBy: 'test' })
    ).token;
    // The catalogue's levels reach ClickHouse's copy.
    await waitFor(
      async () =>
        (
          await api
            .http()
            .get(`/v1/indicators/dossiers.online?period=2026-03&agency=${S}&denominator=online_procedures`)
        ).body,
      (body: { denominator: number }) => body.denominator === 11,
      { what: 'the levels in ClickHouse', timeoutMs: 15_000 },
    );
  });
  afterAll(() => api.stop());

  it('ranks the procedures offered online whose dossiers still come in person, by points gained', async () => {
    const response = await api.http().get(`/v1/levers?indicator=dossiers.online&agency=${S}&period=2026-03`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      indicator: 'dossiers.online',
      scope: { agency: S, structure: 'reported' },
      period: { from: '2026-03-01', to: '2026-03-31' },
      share: { numerator: 4, denominator: 16 },
      totalLevers: 2,
    });
    const levers = response.body.levers as Record<string, unknown>[];
    expect(
      levers.map(({ procedureCode, procedureName, dossiers, meeting, missing }) => ({
        procedureCode,
        procedureName,
        dossiers,
        meeting,
        missing,
      })),
    ).toEqual([
      { procedureCode: BUILD, procedureName: 'Cấp giấy phép xây dựng', dossiers: 5, meeting: 1, missing: 4 },
      { procedureCode: LAND, procedureName: 'Đăng ký đất đai', dossiers: 2, meeting: 0, missing: 2 },
    ]);
    expect(levers[0].gainPoints).toBeCloseTo((100 * 4) / 16, 10);
    expect(levers[1].cumulativePoints).toBeCloseTo((100 * 6) / 16, 10);
    expect(levers[1].shareIfPulled).toBeCloseTo(10 / 16, 10);
  });

  it('agrees with the indicator the dashboard shows for the same scope', async () => {
    const [levers, indicator] = await Promise.all([
      api.http().get(`/v1/levers?indicator=dossiers.online&agency=${S}&period=2026-03`),
      api.http().get(`/v1/indicators/dossiers.online?period=2026-03&agency=${S}`),
    ]);
    expect(levers.body.share).toEqual({
      numerator: indicator.body.numerator,
      denominator: indicator.body.denominator,
      value: indicator.body.value,
    });
  });

  it('ranks on-time levers by their late and overdue dossiers', async () => {
    const response = await api.http().get(`/v1/levers?indicator=dossiers.on_time&agency=${S}&period=2026-03`);
    expect(response.status).toBe(200);
    expect(response.body.share).toMatchObject({ numerator: 2, denominator: 16 });
    expect(
      (response.body.levers as { procedureCode: string; missing: number }[]).map((lever) => [
        lever.procedureCode,
        lever.missing,
      ]),
    ).toEqual([
      [BUILD, 5],
      [PAPER, 5],
      [ONLINE, 4],
    ]);
  });

  it('keeps a department to its own scope: its own levers by default, 403 for another', async () => {
    const own = await api.as(departmentOfT).get('/v1/levers?indicator=dossiers.online&period=2026-03');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ scope: { agency: T }, share: { numerator: 0, denominator: 1 } });
    expect(own.body.levers).toMatchObject([{ procedureCode: BUILD, missing: 1 }]);
    const other = await api.as(departmentOfT).get(`/v1/levers?indicator=dossiers.online&agency=${S}`);
    expect(other.status).toBe(403);
  });

  it('answers bad questions with a clear 4xx', async () => {
    const unknownIndicator = await api.http().get('/v1/levers?indicator=dossiers.open');
    expect(unknownIndicator.status).toBe(400);
    expect(JSON.stringify(unknownIndicator.body)).toContain('indicator');
    expect((await api.http().get('/v1/levers?indicator=dossiers.online&period=soon')).status).toBe(400);
    expect((await api.http().get('/v1/levers?indicator=dossiers.online&agency=000.99.99.H12')).status).toBe(
      404,
    );
    expect((await api.anonymous().get('/v1/levers?indicator=dossiers.online')).status).toBe(401);
  });
});
