import { AgenciesService, ProceduresService } from '@dvc/catalogue';
import { aReceived, waitFor } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/*
 * Province P with departments S1, S2 and a district D with commune C; procedures 1.000001 (in the catalogue)
 * and 1.000009 (not). Dossiers received in March 2026: S1 3 of 4 online, S2 1 of 2, C 1 of 1, and one for
 * 000.00.77.H98, an agency not catalogued yet.
 */
const P = '000.00.00.H98';
const S1 = '000.00.01.H98';
const S2 = '000.00.02.H98';
const D = '000.00.30.H98';
const C = '000.01.30.H98';
const UNCATALOGUED = '000.00.77.H98';

describe('indicator answers for people (chDB + PGlite)', () => {
  let api: TestApiApp;

  beforeAll(async () => {
    api = await startTestApiApp({ env: { CATALOGUE_MIRROR_INTERVAL_MS: '500' } });
    const agencies = api.app.get(AgenciesService);
    const agency = (
      code: string,
      name: string,
      kind: 'province' | 'department' | 'district' | 'commune',
      parentCode: string | null,
    ) => agencies.create({ code, name, kind, parentCode, validFrom: '2020-01-01' });
    await agency(P, 'UBND tỉnh Thử nghiệm', 'province', null);
    await agency(S1, 'Sở Tư pháp', 'department', P);
    await agency(S2, 'Sở Y tế', 'department', P);
    await agency(D, 'UBND huyện Một', 'district', P);
    await agency(C, 'UBND xã Hai', 'commune', D);
    await api.app
      .get(ProceduresService)
      .create({ code: '1.000001', name: 'Cấp phiếu lý lịch tư pháp', field: 'Tư pháp' });
    const received = (code: string, agencyCode: string, online: boolean, procedureCode = '1.000001') =>
      aReceived(code, online ? 'online' : 'direct', { agencyCode, procedureCode, source: 'h98' });
    const events = [
      received('A1', S1, true),
      received('A2', S1, true),
      received('A3', S1, true),
      received('A4', S1, false, '1.000009'),
      received('B1', S2, true),
      received('B2', S2, false),
      received('C1', C, true),
      received('X1', UNCATALOGUED, false),
    ];
    const response = await api
      .http()
      .post('/v1/events')
      .set('content-type', 'application/json')
      .send(JSON.stringify(events));
    expect(response.body).toMatchObject({ accepted: 8, rejected: [] });
    // The catalogue reaches ClickHouse: P's subtree counts its units.
    await waitFor(
      async () => (await api.http().get(`/v1/indicators/dossiers.online?period=2026-03&agency=${P}`)).body,
      (body) => body.denominator === 7,
      { what: 'the catalogue mirror', timeoutMs: 20_000 },
    );
  });
  afterAll(() => api.stop());

  const get = (query: string) => api.http().get(`/v1/indicators/${query}`);

  it('ranks the top units’ children for groupBy=agency without an agency, with their names', async () => {
    const response = await get('dossiers.online?period=2026-03&groupBy=agency');
    expect(response.status).toBe(200);
    // The whole province's figures (the uncatalogued code included), grouped by P's children.
    expect(response.body).toMatchObject({ numerator: 5, denominator: 8, groupBy: 'agency' });
    expect(
      response.body.groups.map(
        ({ key, name, rank, numerator, denominator, display }: Record<string, unknown>) => ({
          key,
          name,
          rank,
          counts: `${String(numerator)}/${String(denominator)}`,
          display,
        }),
      ),
    ).toEqual([
      { key: D, name: 'UBND huyện Một', rank: 1, counts: '1/1', display: '100%' },
      { key: S1, name: 'Sở Tư pháp', rank: 2, counts: '3/4', display: '75%' },
      { key: S2, name: 'Sở Y tế', rank: 3, counts: '1/2', display: '50%' },
    ]);
    // With the province named, the same children.
    const named = await get(`dossiers.online?period=2026-03&groupBy=agency&agency=${P}`);
    expect(named.body.scope).toMatchObject({ agency: P, agencyName: 'UBND tỉnh Thử nghiệm' });
    expect(named.body.groups.map(({ key }: { key: string }) => key)).toEqual([D, S1, S2]);
  });

  it('answers with the indicator’s names and the share as officials write it, value kept exact', async () => {
    const response = await get(`dossiers.online?period=2026-03&agency=${S1}&groupBy=procedure`);
    expect(response.body).toMatchObject({
      nameVi: 'Tỷ lệ hồ sơ trực tuyến',
      nameEn: 'Share of dossiers received online',
      numerator: 3,
      denominator: 4,
      value: 0.75,
      percent: 75,
      display: '75%',
      scope: { agency: S1, agencyName: 'Sở Tư pháp' },
      warnings: [],
      lateEventsMeaning: expect.stringContaining('after the period ended'),
    });
    expect(response.body.groups).toEqual([
      expect.objectContaining({ key: '1.000001', name: 'Cấp phiếu lý lịch tư pháp', display: '100%' }),
      expect.objectContaining({ key: '1.000009', name: null, display: '0%' }),
    ]);
    const thirds = await get(`dossiers.online?period=2026-03&agency=${P}`);
    expect(thirds.body).toMatchObject({ value: 5 / 7, percent: 71.43, display: '71,43%' });
  });

  it('is a 404 for an agency code neither catalogued nor in any event, and warns for one only in events', async () => {
    const unknown = await get('dossiers.online?period=2026-03&agency=XYZ');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/agency "XYZ" is neither in the catalogue nor in any event/);
    const seen = await get(`dossiers.online?period=2026-03&agency=${UNCATALOGUED}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      numerator: 0,
      denominator: 1,
      scope: { agency: UNCATALOGUED, agencyName: null },
      warnings: [expect.stringContaining('not in the catalogue yet')],
    });
  });
});
