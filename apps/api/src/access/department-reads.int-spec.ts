import { ApiTokensService } from '@dvc/access';
import { aReceived, anEvent, waitFor, WireEvent } from '@dvc/testing';
import { catalogueScopedProvince, SCOPED_PROVINCE } from '../testing/scoped-province';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/**
 * SCOPED_PROVINCE: a department token for D reads data quality and the catalogue (agencies, lineage, procedures,
 * targets) of D's subtree only: 403 for another unit, a parent or a unit merged in from elsewhere; its own subtree
 * when it names none.
 */
const { P, D, C1, C2, S, X } = SCOPED_PROVINCE;
const UNKNOWN_PROCEDURE = '9.999999';
const NOWHERE_FROM_C1 = '000.77.77.H12';
const NOWHERE_FROM_S = '000.88.88.H12';

interface Report {
  scope: { agency: string | null; structure: string };
  unknownAgencies: { code: string; events: number }[];
  unknownProcedures: { code: string; events: number }[];
  rejected: { total: number; byReason: { reason: string; count: number }[] };
}

describe('a department reads data quality and the catalogue of its own units only (chDB, PGlite)', () => {
  let api: TestApiApp;
  let department: string;

  beforeAll(async () => {
    api = await startTestApiApp({ env: { CATALOGUE_MIRROR_INTERVAL_MS: '200' } });
    await catalogueScopedProvince(api);
    const procedure = async (code: string, offeredBy: string[]) => {
      await api.http().post('/v1/procedures').send({ code, name: code, field: 'Đất đai' }).expect(201);
      for (const agency of offeredBy)
        await api.http().put(`/v1/procedures/${code}/offerings/${agency}`).expect(200);
    };
    await procedure('1.000001', [C1, S]);
    await procedure('1.000002', [S]);

    // Events naming codes the catalogue lacks, and items the pipeline rejects, at units in and out of D.
    const unknownProcedureAt = (agencyCode: string, dossier: string): WireEvent =>
      anEvent('processing', dossier, { agencyCode, procedureCode: UNKNOWN_PROCEDURE });
    const transferredAt = (agencyCode: string, toAgencyCode: string, dossier: string): WireEvent =>
      anEvent('transferred', dossier, { agencyCode, toAgencyCode });
    const invalidAt = (agencyCode: string, dossier: string): WireEvent => ({
      ...aReceived(dossier, 'online', { agencyCode }),
      channel: 'fax',
    });
    const sent = await api
      .http()
      .post('/v1/events')
      .send([
        unknownProcedureAt(C1, 'q-c1'),
        unknownProcedureAt(S, 'q-s'),
        unknownProcedureAt(X, 'q-x'),
        transferredAt(C1, NOWHERE_FROM_C1, 't-c1'),
        transferredAt(S, NOWHERE_FROM_S, 't-s'),
        invalidAt(C1, 'r-c1'),
        invalidAt(C2, 'r-c2'),
        invalidAt(S, 'r-s'),
        invalidAt(X, 'r-x'),
        { eventId: 'no-agency', type: 'received' },
      ]);
    expect(sent.body).toMatchObject({ accepted: 5 });
    department = (
      await api.app.get(ApiTokensService).issue({
        owner: 'D head',
        scope: { role: 'department', agencyCode: D },
        createdBy: 't',
      })
    ).token;
    // The catalogue reaches ClickHouse's copy: D's own units are no longer unknown.
    await waitFor(
      async () => (await api.http().get('/v1/data-quality')).body as Report,
      (report) => !report.unknownAgencies.some((unknown) => unknown.code === C1),
      { what: 'the catalogue in ClickHouse', timeoutMs: 15_000 },
    );
  });
  afterAll(() => api.stop());

  const asDepartment = (path: string) => api.as(department).get(path);
  const codes = (rows: { code: string }[]) => rows.map((row) => row.code).sort();

  describe('GET /v1/data-quality', () => {
    it('answers a department without an agency for its subtree, and the province for an analyst', async () => {
      const own = await asDepartment('/v1/data-quality');
      expect(own.status).toBe(200);
      const report = own.body as Report;
      expect(report.scope).toEqual({ agency: D, structure: 'reported' });
      expect(codes(report.unknownProcedures)).toEqual([UNKNOWN_PROCEDURE]);
      expect(report.unknownProcedures[0].events).toBe(1);
      expect(codes(report.unknownAgencies)).toEqual([NOWHERE_FROM_C1]);
      expect(report.rejected).toMatchObject({
        total: 2,
        byReason: [{ reason: 'schema_violation', count: 2 }],
      });

      const province = (await api.http().get('/v1/data-quality')).body as Report;
      expect(province.scope.agency).toBeNull();
      expect(province.unknownProcedures[0].events).toBe(3);
      expect(codes(province.unknownAgencies)).toEqual([NOWHERE_FROM_C1, NOWHERE_FROM_S]);
      expect(province.rejected.total).toBe(5);
    });

    it('answers 403 for another agency, a parent, a unit merged in from elsewhere and an unknown code', async () => {
      for (const code of [S, P, X, NOWHERE_FROM_C1])
        for (const structure of ['reported', 'current']) {
          const response = await asDepartment(`/v1/data-quality?agency=${code}&structure=${structure}`);
          expect([code, structure, response.status]).toEqual([code, structure, 403]);
          expect(response.body.message).toContain(`outside ${D}`);
        }
    });

    it('narrows to a unit of the subtree, and counts the merged unit in the current structure only', async () => {
      const unit = (await asDepartment(`/v1/data-quality?agency=${C2.toLowerCase()}`)).body as Report;
      expect(unit).toMatchObject({ scope: { agency: C2 }, unknownProcedures: [], rejected: { total: 1 } });

      const current = (await asDepartment(`/v1/data-quality?agency=${D}&structure=current`)).body as Report;
      expect(current.scope).toEqual({ agency: D, structure: 'current' });
      expect(current.unknownProcedures[0].events).toBe(2);
      expect(current.rejected.total).toBe(3);
    });
  });

  describe('catalogue reads', () => {
    it('lists the agencies of the subtree only, and 403 for a parent or subtree outside it', async () => {
      const own = await asDepartment('/v1/agencies');
      expect(own.status).toBe(200);
      expect(codes(own.body)).toEqual([D, C1, C2].sort());
      expect(codes((await asDepartment('/v1/agencies?kind=commune')).body)).toEqual([C1, C2]);
      expect(codes((await asDepartment(`/v1/agencies?parent=${D}`)).body)).toEqual([C1, C2]);
      expect(codes((await asDepartment(`/v1/agencies?within=${C1}`)).body)).toEqual([C1]);
      for (const query of [`parent=${P}`, `parent=${S}`, `within=${S}`, `within=${P}`, `within=${X}`])
        expect([query, (await asDepartment(`/v1/agencies?${query}`)).status]).toEqual([query, 403]);
      expect(codes((await api.http().get('/v1/agencies')).body)).toHaveLength(6);
    });

    it("reads lineage touching the subtree (a merger into its unit), and 403 for another unit's", async () => {
      const links = [{ fromCode: X, toCode: C1, effectiveDate: '2026-06-01' }];
      expect((await asDepartment('/v1/lineage')).body).toEqual(links);
      expect((await asDepartment(`/v1/agencies/${C1}/lineage`)).body).toEqual(links);
      for (const path of [
        `/v1/agencies/${X}/lineage`,
        `/v1/agencies/${S}/lineage`,
        `/v1/lineage?within=${S}`,
      ])
        expect([path, (await asDepartment(path)).status]).toEqual([path, 403]);
    });

    it("lists the province's targets and those set inside the subtree, and 403 for another unit's", async () => {
      const ids: Record<string, string> = {};
      for (const agencyCode of [null, D, C1, S]) {
        const created = await api
          .http()
          .post('/v1/targets')
          .send({
            indicatorId: 'dossiers.online',
            period: { kind: 'year' },
            comparator: '>=',
            threshold: 0.5,
            legalBasis: `Kế hoạch ${agencyCode ?? 'tỉnh'}`,
            activeFrom: '2022-01-01',
            agencyCode,
          })
          .expect(201);
        ids[agencyCode ?? 'province'] = created.body.id;
      }
      const agenciesOf = (targets: { agencyCode: string | null }[]) =>
        targets.map((target) => target.agencyCode ?? 'province').sort();
      expect(agenciesOf((await asDepartment('/v1/targets')).body)).toEqual([C1, D, 'province'].sort());
      expect(agenciesOf((await asDepartment(`/v1/targets?within=${C1}`)).body)).toEqual([C1, 'province']);
      expect(agenciesOf((await api.http().get('/v1/targets')).body)).toHaveLength(4);
      expect((await asDepartment(`/v1/targets?within=${S}`)).status).toBe(403);
      expect((await asDepartment(`/v1/targets/${ids[S]}`)).status).toBe(403);
      for (const own of ['province', D, C1])
        expect([own, (await asDepartment(`/v1/targets/${ids[own]}`)).status]).toEqual([own, 200]);
    });

    it('lists the procedures its units offer, and shows only their offerings', async () => {
      expect(codes((await asDepartment('/v1/procedures')).body)).toEqual(['1.000001']);
      expect(codes((await api.http().get('/v1/procedures')).body)).toEqual(['1.000001', '1.000002']);
      for (const query of [`agency=${S}`, `within=${S}`, `agency=${P}`])
        expect([query, (await asDepartment(`/v1/procedures?${query}`)).status]).toEqual([query, 403]);

      const offered = (await asDepartment('/v1/procedures/1.000001')).body;
      expect(offered.offerings.map((offering: { agencyCode: string }) => offering.agencyCode)).toEqual([C1]);
      expect((await asDepartment('/v1/procedures/1.000002')).body).toMatchObject({ offerings: [] });
      expect((await asDepartment(`/v1/procedures/1.000001?within=${S}`)).status).toBe(403);
      const all = (await api.http().get('/v1/procedures/1.000001')).body;
      expect(all.offerings).toHaveLength(2);
    });
  });
});
