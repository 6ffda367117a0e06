import { ApiTokensService } from '@dvc/access';
import { aReceived, waitFor } from '@dvc/testing';
import { catalogueScopedProvince, SCOPED_PROVINCE } from '../testing/scoped-province';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/** SCOPED_PROVINCE: a department token for D must see D's subtree only, whatever it asks. */
const { P, D, C1, C2, S, X } = SCOPED_PROVINCE;

describe('a department sees its own units only (chDB, PGlite)', () => {
  let api: TestApiApp;
  let department: string;
  let analyst: string;

  beforeAll(async () => {
    api = await startTestApiApp({ env: { CATALOGUE_MIRROR_INTERVAL_MS: '200' } });
    await catalogueScopedProvince(api);
    const events = [
      aReceived('c1-a', 'online', { agencyCode: C1 }),
      aReceived('c1-b', 'direct', { agencyCode: C1 }),
      aReceived('c2-a', 'online', { agencyCode: C2 }),
      aReceived('s-a', 'direct', { agencyCode: S }),
      aReceived('s-b', 'direct', { agencyCode: S }),
      aReceived('s-c', 'direct', { agencyCode: S }),
      aReceived('x-a', 'online', { agencyCode: X }),
    ];
    expect((await api.http().post('/v1/events').send(events)).body).toMatchObject({ accepted: 7 });
    const tokens = api.app.get(ApiTokensService);
    department = (
      await tokens.issue({ owner: 'D head', scope: { role: 'department', agencyCode: D }, createdBy: 't' })
    ).token;
    analyst = (await tokens.issue({ owner: 'DIC', scope: { role: 'analyst' }, createdBy: 't' })).token;
    // The catalogue (and the lineage) reach ClickHouse's copy.
    await waitFor(
      async () => (await api.as(analyst).get(`/v1/indicators/dossiers.online?year=2026&agency=${D}`)).body,
      (body: { denominator: number }) => body.denominator === 3,
      { what: 'the catalogue in ClickHouse', timeoutMs: 15_000 },
    );
  });
  afterAll(() => api.stop());

  const asDepartment = (path: string) => api.as(department).get(path);

  it('answers a department without an agency for its own subtree', async () => {
    const own = await asDepartment('/v1/indicators/dossiers.online?year=2026');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ scope: { agency: D }, numerator: 2, denominator: 3 });
    const province = await api.as(analyst).get('/v1/indicators/dossiers.online?year=2026');
    expect(province.body).toMatchObject({ scope: { agency: null }, denominator: 7 });
  });

  it('answers 403 for another agency, a parent, and a unit merged in from elsewhere, in either structure', async () => {
    for (const code of [S, P, X, '000.99.99.H12'])
      for (const structure of ['reported', 'current']) {
        const response = await asDepartment(
          `/v1/indicators/dossiers.online?year=2026&agency=${code}&structure=${structure}`,
        );
        expect([code, structure, response.status]).toEqual([code, structure, 403]);
        expect(response.body.message).toContain(`outside ${D}`);
      }
    expect((await asDepartment(`/v1/targets/status?period=2026&agency=${S}`)).status).toBe(403);
    expect((await asDepartment(`/v1/agencies/${S}`)).status).toBe(403);
    expect((await asDepartment(`/v1/agencies/${C1}`)).status).toBe(200);
  });

  it('answers for a unit inside the subtree, however it is spelt', async () => {
    const unit = await asDepartment(`/v1/indicators/dossiers.online?year=2026&agency=${C1.toLowerCase()}`);
    expect(unit.status).toBe(200);
    expect(unit.body).toMatchObject({ scope: { agency: C1 }, numerator: 1, denominator: 2 });
  });

  it('never returns a group outside the subtree', async () => {
    for (const query of [
      'groupBy=agency',
      `groupBy=agency&agency=${D}&structure=current`,
      'groupBy=procedure',
    ]) {
      const grouped = await asDepartment(`/v1/indicators/dossiers.online?year=2026&${query}`);
      expect(grouped.status).toBe(200);
      const keys = (grouped.body.groups as { key: string | null }[]).map((group) => group.key);
      if (query.startsWith('groupBy=agency'))
        expect([...new Set([...keys, C1, C2])].sort()).toEqual([C1, C2]);
      expect(grouped.body.scope.agency).toBe(D);
    }
  });

  it('judges target status on the subtree only', async () => {
    const aTarget = (agencyCode: string | null) => ({
      indicatorId: 'dossiers.online',
      period: { kind: 'year' },
      comparator: '>=',
      threshold: 0.5,
      legalBasis: 'Quyết định 766/QĐ-TTg',
      activeFrom: '2022-01-01',
      agencyCode,
    });
    for (const agencyCode of [null, D, S])
      await api.http().post('/v1/targets').send(aTarget(agencyCode)).expect(201);
    const status = await asDepartment('/v1/targets/status?period=2026');
    expect(status.status).toBe(200);
    const scopes = (status.body.targets as { evaluatedFor: { agency: string | null } }[]).map(
      (entry) => entry.evaluatedFor.agency,
    );
    expect(scopes.length).toBeGreaterThan(0);
    expect(new Set(scopes)).toEqual(new Set([D]));
  });
});
