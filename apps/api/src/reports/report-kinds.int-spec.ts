import { ApiTokensService } from '@dvc/access';
import { aReceived, anEvent, WireEvent } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';
import {
  catalogueTwoDepartments,
  in2026 as at,
  TWO_DEPARTMENTS,
  untilLevelsMirrored,
} from '../testing/two-department-province';

/*
 * The targets and ranking reports over HTTP for March 2026 (calendar cut). Province P has two departments:
 *   S1 offers 1.000001 at level 4; in March: 3 online, 1 at the counter; one resolved late.
 *   S2 offers 1.000001 at level 2; in March: 1 online, 3 at the counter; all resolved on time.
 * Targets: the province's online share ≥ 50% for 2026, and S2's ≥ 40%.
 */
const NOW = '2026-04-02T10:00:00+07:00';
const { S1, S2 } = TWO_DEPARTMENTS;
const PROCEDURE = '1.000001';

const dossier = (
  code: string,
  agencyCode: string,
  channel: 'online' | 'direct',
  resolvedOn: string,
): WireEvent[] => [
  aReceived(code, channel, {
    agencyCode,
    procedureCode: PROCEDURE,
    occurredAt: at('03-02'),
    dueAt: `2026-03-10T17:00:00+07:00`,
  }),
  anEvent('resolved', code, { occurredAt: at(resolvedOn) }),
];

describe('targets and ranking reports (chDB, PGlite; today pinned)', () => {
  let api: TestApiApp;
  const http = () => api.http();

  beforeAll(async () => {
    api = await startTestApiApp({ now: NOW, env: { CATALOGUE_MIRROR_INTERVAL_MS: '200' } });
    const post = (path: string, body: object) => http().post(path).send(body).expect(201);
    await catalogueTwoDepartments(api);
    await post('/v1/procedures', { code: PROCEDURE, name: 'Chứng thực bản sao', field: 'Tư pháp' });
    for (const [agency, level] of [
      [S1, 4],
      [S2, 2],
    ] as const)
      await http()
        .put(`/v1/procedures/${PROCEDURE}/offerings/${agency}/levels/2026-01-01`)
        .send({ level, mode: level === 4 ? 'full' : 'none', portal: true, fee: false })
        .expect(200);
    const target = (agencyCode: string | null, threshold: number) =>
      post('/v1/targets', {
        indicatorId: 'dossiers.online',
        period: { kind: 'year' },
        comparator: '>=',
        threshold,
        legalBasis: 'Quyết định 766/QĐ-TTg',
        activeFrom: '2022-01-01',
        agencyCode,
      });
    await target(null, 0.5);
    await target(S2, 0.4);
    const events = [
      ...dossier('a1', S1, 'online', '03-05'),
      ...dossier('a2', S1, 'online', '03-05'),
      ...dossier('a3', S1, 'online', '03-12'),
      ...dossier('a4', S1, 'direct', '03-05'),
      ...dossier('b1', S2, 'online', '03-05'),
      ...dossier('b2', S2, 'direct', '03-05'),
      ...dossier('b3', S2, 'direct', '03-05'),
      ...dossier('b4', S2, 'direct', '03-05'),
    ];
    await http().post('/v1/events').send(events).expect(200);
    // The catalogue's levels reach ClickHouse's copy (S2's were written last).
    await untilLevelsMirrored(api, S2, { online: 0, inForce: 1 });
  }, 240_000);
  afterAll(() => api?.stop());

  const report = async (kind: string, query = '') =>
    (await http().get(`/v1/reports/${kind}?period=2026-03&cut=calendar${query}`).expect(200)).body;

  it('ranks the child units on the Decision 766 family with the indicator API’s counts', async () => {
    const ranking = await report('ranking');
    expect(ranking.rows.map((row: { key: string }) => row.key)).toEqual([S1, S2]);
    for (const [offset, id] of [
      [3, 'dossiers.online'],
      [7, 'procedures.online'],
      [11, 'dossiers.on_time'],
    ] as const) {
      const grouped = (
        await http().get(`/v1/indicators/${id}?from=2026-03-01&to=2026-03-31&groupBy=agency`).expect(200)
      ).body;
      for (const row of ranking.rows as { key: string; cells: unknown[] }[]) {
        const group = grouped.groups.find((candidate: { key: string }) => candidate.key === row.key);
        expect([id, row.key, row.cells.slice(offset, offset + 3)]).toEqual([
          id,
          row.key,
          [group.numerator, group.denominator, Math.round(group.value * 10_000) / 100],
        ]);
      }
    }
    // S1: online 75% (1st), level 3/4 100% (1st), on time 75% (2nd); S2: 25%, 0%, 100%.
    expect(ranking.rows.map((row: { cells: unknown[] }) => row.cells.slice(0, 3))).toEqual([
      ['1', 'Sở Một', 1.33],
      ['2', 'Sở Hai', 1.67],
    ]);
    expect(ranking.total.cells.slice(3, 6)).toEqual([4, 8, 50]);
  });

  it('lists every applicable target as the target status API judges it', async () => {
    const targets = await report('targets');
    const status = (await http().get('/v1/targets/status?period=2026-03-01..2026-03-31').expect(200)).body;
    expect(targets.rows).toHaveLength(2);
    for (const entry of status.targets) {
      const row = targets.rows.find((candidate: { key: string }) => candidate.key === entry.target.key);
      expect(row.cells.slice(6, 10)).toEqual([
        entry.threshold * 100,
        entry.figures.numerator,
        entry.figures.denominator,
        Math.round(entry.actual * 10_000) / 100,
      ]);
    }
    expect(targets.rows.map((row: { cells: unknown[] }) => row.cells[3])).toEqual(
      expect.arrayContaining(['Ủy ban nhân dân tỉnh', 'Sở Hai']),
    );
    // A department asks for its own: its target and the province's, judged on its units.
    const own = await report('targets', `&agency=${S2}`);
    expect(own.rows.map((row: { cells: unknown[] }) => row.cells[3])).toEqual(['Sở Hai', 'Sở Hai']);
  });

  it('refuses rows a kind does not have, and keeps a department to its own units', async () => {
    const wrong = await http().get('/v1/reports/ranking?period=2026-03&rows=field').expect(400);
    expect(wrong.body.message).toBe('rows=field does not apply to ranking (its rows: agency)');
    const department = (
      await api.app
        .get(ApiTokensService)
        .issue({ owner: 'S2 head', scope: { role: 'department', agencyCode: S2 }, createdBy: 'test' })
    ).token;
    await api.as(department).get(`/v1/reports/targets?period=2026-03&agency=${S2}`).expect(200);
    await api.as(department).get(`/v1/reports/ranking?period=2026-03&agency=${S1}`).expect(403);
  });

  it('issues a ranking and lists, after a late event, exactly the unit whose counts moved', async () => {
    const issued = (
      await http().post('/v1/reports/ranking/issue').send({ period: '2026-03', cut: 'calendar' }).expect(201)
    ).body;
    expect(issued).toMatchObject({ kind: 'ranking', rows: 'agency' });
    // Late: another dossier of S2, received online in March, sent only now.
    await http()
      .post('/v1/events')
      .send([
        aReceived('b5', 'online', { agencyCode: S2, procedureCode: PROCEDURE, occurredAt: at('03-20') }),
      ])
      .expect(200);
    const { body: revisions } = await http().get(`/v1/reports/issued/${issued.id}/revisions`).expect(200);
    expect(revisions.rows.map((row: { key: string }) => row.key)).toEqual([S2, 'total']);
    expect(revisions.rows[0].counts.slice(0, 3)).toEqual([
      { column: 4, label: 'Hồ sơ trực tuyến: Số', issued: 1, now: 2 },
      { column: 5, label: 'Hồ sơ trực tuyến: Tổng số', issued: 4, now: 5 },
      { column: 6, label: 'Hồ sơ trực tuyến: Tỷ lệ (%)', issued: 25, now: 40 },
    ]);
  });
});
