import { randomUUID } from 'node:crypto';
import { ApiTokensService, RoleScope } from '@dvc/access';
import { aReceived, POSTGRES_ENGINES } from '@dvc/testing';
import { catalogueTwoDepartments, in2026, TWO_DEPARTMENTS } from '../testing/two-department-province';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/**
 * Issued reports as a department sees them: P with departments S1 (and U1 under it) and S2. A department lists,
 * downloads and compares only the reports of its own subtree, and issues only for it; another agency's issued
 * report, or the province's, is 403 (as an alert or a target outside its subtree), an unknown one 404.
 */
const { P, S1, S2 } = TWO_DEPARTMENTS;
const U1 = '000.01.01.H12';

describe.each(POSTGRES_ENGINES)(
  'issued reports keep a department to its own units (chDB + %s)',
  (_engine, start) => {
    let api: TestApiApp;
    let department: string;
    let analyst: string;
    const ids: Record<string, string> = {};

    const tokenFor = async (scope: RoleScope) =>
      (await api.app.get(ApiTokensService).issue({ owner: `${scope.role} head`, scope, createdBy: 'test' }))
        .token;

    beforeAll(async () => {
      api = await startTestApiApp({ postgres: start });
      await catalogueTwoDepartments(api);
      await api
        .http()
        .post('/v1/agencies')
        .send({ code: U1, name: 'Phòng Một', kind: 'other', parentCode: S1, validFrom: '2020-01-01' })
        .expect(201);
      await api
        .http()
        .post('/v1/events')
        .send([aReceived('s1-1', 'online', { agencyCode: U1, occurredAt: in2026('03-02') })])
        .expect(200);
      department = await tokenFor({ role: 'department', agencyCode: S1, sourceId: null });
      analyst = await tokenFor({ role: 'analyst', agencyCode: null, sourceId: null });
      for (const [name, agency] of [
        ['province', undefined],
        ['S1', S1],
        ['U1', U1],
        ['S2', S2],
      ] as const) {
        const issued = await api
          .http()
          .post('/v1/reports/ii06a/issue')
          .send({ period: '2026-03', ...(agency && { agency }) })
          .expect(201);
        ids[name] = issued.body.id;
      }
    });
    afterAll(() => api.stop());

    const agencies = (body: { issued: { agency: string | null }[] }) =>
      body.issued.map((report) => report.agency).sort((a, b) => String(a).localeCompare(String(b)));

    it('lists only the reports of its subtree, and refuses another agency named in the filter', async () => {
      const own = await api.as(department).get('/v1/reports/issued').expect(200);
      expect(agencies(own.body)).toEqual([U1, S1].sort());
      const unit = await api.as(department).get(`/v1/reports/issued?agency=${U1}`).expect(200);
      expect(agencies(unit.body)).toEqual([U1]);
      await api.as(department).get(`/v1/reports/issued?agency=${S2}`).expect(403);
      await api.as(department).get(`/v1/reports/issued?agency=${P}`).expect(403);
      // Every other reader sees them all.
      const all = await api.as(analyst).get('/v1/reports/issued').expect(200);
      expect(agencies(all.body)).toEqual(
        [null, U1, S1, S2].sort((a, b) => String(a).localeCompare(String(b))),
      );
    });

    it('downloads and compares its own issued reports, 403 for another agency or the province, 404 for none', async () => {
      for (const id of [ids.S1, ids.U1]) {
        const file = await api.as(department).get(`/v1/reports/issued/${id}?format=csv`).expect(200);
        expect(file.headers['x-report-id']).toBe(id);
        await api.as(department).get(`/v1/reports/issued/${id}/revisions`).expect(200);
      }
      for (const id of [ids.S2, ids.province]) {
        for (const format of ['json', 'csv', 'xlsx'])
          await api.as(department).get(`/v1/reports/issued/${id}?format=${format}`).expect(403);
        const refused = await api.as(department).get(`/v1/reports/issued/${id}/revisions`).expect(403);
        expect(refused.body.message).toContain(`outside ${S1}`);
      }
      await api.as(department).get(`/v1/reports/issued/${randomUUID()}`).expect(404);
      await api.as(department).get(`/v1/reports/issued/${randomUUID()}/revisions`).expect(404);
      await api.as(analyst).get(`/v1/reports/issued/${ids.S2}`).expect(200);
    });

    it('issues for its own agency by default or a unit under it, never for another agency or the province', async () => {
      const own = await api
        .as(department)
        .post('/v1/reports/ii06a/issue')
        .send({ period: '2026-04' })
        .expect(201);
      expect(own.body).toMatchObject({ agency: S1, issuedBy: 'department head' });
      const unit = await api
        .as(department)
        .post('/v1/reports/ii06a/issue')
        .send({ period: '2026-04', agency: U1 })
        .expect(201);
      expect(unit.body).toMatchObject({ agency: U1 });
      for (const agency of [S2, P])
        await api
          .as(department)
          .post('/v1/reports/ii06a/issue')
          .send({ period: '2026-05', agency })
          .expect(403);
      const april = await api.http().get('/v1/reports/issued?period=2026-04').expect(200);
      expect(agencies(april.body)).toEqual([U1, S1].sort());
      // An operator still issues nothing.
      const operator = await tokenFor({ role: 'operator', agencyCode: null, sourceId: null });
      await api.as(operator).post('/v1/reports/ii06a/issue').send({ period: '2026-05' }).expect(403);
    });
  },
);
