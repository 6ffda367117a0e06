import { ApiTokensService, RoleScope } from '@dvc/access';
import { aReceived, anEvent, POSTGRES_ENGINES, WireEvent } from '@dvc/testing';
import { catalogueScopedProvince, SCOPED_PROVINCE } from '../testing/scoped-province';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/**
 * SCOPED_PROVINCE without C2 (added later). A source token of `motcua.d` scoped to D writes its own source's
 * events for D's units only, judged on the event's day.
 */
const { P, D, C1, C2, S, X } = SCOPED_PROVINCE;

describe.each(POSTGRES_ENGINES)('ingest scoping over HTTP (chDB + %s)', (_engine, startPostgres) => {
  let api: TestApiApp;

  beforeAll(async () => {
    api = await startTestApiApp({ postgres: startPostgres });
    await catalogueScopedProvince(api, ['P', 'D', 'C1', 'S', 'X']);
  });
  afterAll(() => api.stop());

  const tokenFor = async (scope: Partial<RoleScope>) =>
    (
      await api.app.get(ApiTokensService).issue({
        owner: `${scope.role} ${scope.sourceId ?? ''}`,
        scope: { role: 'source', agencyCode: null, sourceId: null, ...scope } as RoleScope,
        createdBy: 'test',
      })
    ).token;
  const stored = async (source: string) => {
    const result = await api.clickhouse.client.query({
      query: `SELECT dossier_code FROM ${api.clickhouse.database}.dossier_events FINAL
              WHERE source = {source:String} ORDER BY dossier_code`,
      query_params: { source },
      format: 'JSONEachRow',
    });
    return (await result.json<{ dossier_code: string }>()).map((row) => row.dossier_code);
  };
  const rejectedReasons = async (source: string) => {
    const result = await api.clickhouse.client.query({
      query: `SELECT event_id, step, reason FROM ${api.clickhouse.database}.rejected_events
              WHERE source = {source:String} ORDER BY event_id`,
      query_params: { source },
      format: 'JSONEachRow',
    });
    return result.json<{ event_id: string; step: string; reason: string }>();
  };
  const at = (
    dossier: string,
    source: string,
    agencyCode: string,
    occurredAt = '2026-03-02T09:00:00+07:00',
  ) => aReceived(dossier, 'online', { eventId: `e-${dossier}`, source, agencyCode, occurredAt });

  it("stores a scoped source's own events for its agencies and rejects the others one by one", async () => {
    const token = await tokenFor({ role: 'source', sourceId: 'motcua.d', agencyCode: D });
    const batch: WireEvent[] = [
      at('d-1', 'motcua.d', D),
      at('c1-1', 'motcua.d', C1.toLowerCase()),
      at('s-1', 'motcua.d', S),
      at('p-1', 'motcua.d', P),
      at('c1-other', 'motcua.s', C1),
      at('unknown-1', 'motcua.d', '000.99.99.H12'),
      // X's work is C1's from the merger on, not before.
      at('x-before', 'motcua.d', X, '2026-05-31T23:59:00+07:00'),
      at('x-after', 'motcua.d', X, '2026-06-01T00:00:00+07:00'),
      // Naming no agency: adds to its own source's dossier.
      anEvent('processing', 'c1-1', { eventId: 'e-c1-1-processing', source: 'motcua.d' }),
    ];
    const response = await api.as(token).post('/v1/events').send(batch);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 4, duplicates: 0 });
    expect(
      (response.body.rejected as { index: number; reason: string }[]).map(({ index, reason }) => [
        index,
        reason,
      ]),
    ).toEqual([
      [2, 'agency_out_of_scope'],
      [3, 'agency_out_of_scope'],
      [4, 'forbidden_source'],
      [5, 'agency_out_of_scope'],
      [6, 'agency_out_of_scope'],
    ]);
    expect(response.body.rejected[0].errors[0]).toContain(`${S} is not under ${D} on 2026-03-02`);
    expect(response.body.rejected[2].errors[0]).toContain('"motcua.s"');

    expect(await stored('motcua.d')).toEqual(['c1-1', 'c1-1', 'd-1', 'x-after']);
    expect(await stored('motcua.s')).toEqual([]);
    expect(await rejectedReasons('motcua.d')).toEqual(
      ['e-p-1', 'e-s-1', 'e-unknown-1', 'e-x-before'].map((event_id) => ({
        event_id,
        step: 'scope',
        reason: 'agency_out_of_scope',
      })),
    );
    expect(await rejectedReasons('motcua.s')).toEqual([
      { event_id: 'e-c1-other', step: 'scope', reason: 'forbidden_source' },
    ]);
  });

  it('lets a source token without an agency write its own source for any agency, and an admin anything', async () => {
    const token = await tokenFor({ role: 'source', sourceId: 'motcua.tinh' });
    const own = await api
      .as(token)
      .post('/v1/events')
      .send([
        at('t-1', 'motcua.tinh', S),
        at('t-2', 'motcua.tinh', '000.99.99.H12'),
        at('t-3', 'elsewhere', S),
      ]);
    expect(own.body).toMatchObject({ accepted: 2, rejected: [{ index: 2, reason: 'forbidden_source' }] });

    const admin = await api
      .http()
      .post('/v1/events')
      .send([at('a-1', 'backfill', P), at('a-2', 'motcua.d', S)]);
    expect(admin.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('sees a catalogue change on the next batch', async () => {
    const token = await tokenFor({ role: 'source', sourceId: 'motcua.new', agencyCode: D });
    const first = await api
      .as(token)
      .post('/v1/events')
      .send([at('c2-1', 'motcua.new', C2)]);
    expect(first.body).toMatchObject({ accepted: 0, rejected: [{ reason: 'agency_out_of_scope' }] });
    await api
      .http()
      .post('/v1/agencies')
      .send({ code: C2, name: C2, kind: 'commune', parentCode: D, validFrom: '2020-01-01' })
      .expect(201);
    const second = await api
      .as(token)
      .post('/v1/events')
      .send([at('c2-1', 'motcua.new', C2)]);
    expect(second.body).toMatchObject({ accepted: 1, rejected: [] });
  });
});
