import type request from 'supertest';
import { DataSource } from 'typeorm';
import { PRESET_DOCUMENTS, TARGET_PRESETS } from '@dvc/catalogue';
import { POSTGRES_ENGINES, startEmbeddedTestPostgres, TestPostgres } from '@dvc/testing';
import { auditedWrites } from '../testing/audited-writes';
import { startTestApiApp } from '../testing/test-api-app';

/**
 * One app per engine (PGlite takes seconds to start); `emptyCatalogue()` gives each test an empty catalogue.
 */
async function startApi(startPostgres: () => Promise<TestPostgres>) {
  const api = await startTestApiApp({ postgres: startPostgres });
  const dataSource = api.app.get(DataSource);
  return {
    http: api.http,
    audited: () => auditedWrites(api),
    query: (sql: string, parameters?: unknown[]) => dataSource.query(sql, parameters),
    // DELETE, not TRUNCATE: the ClickHouse mirror may be reading the catalogue, and TRUNCATE's locks deadlock with it.
    emptyCatalogue: () =>
      dataSource.query(
        ['offering_levels', 'offerings', 'procedures', 'agency_lineage', 'targets', 'agencies']
          .map((table) => `DELETE FROM catalogue.${table};`)
          .join(' '),
      ),
    stop: api.stop,
  };
}

// Builders: a fresh body per call; tests say only what matters to them.
const PROVINCE = '000.00.00.H12';
const DEPARTMENT = '000.00.12.H12';
const anAgency = (overrides: Record<string, unknown> = {}) => ({
  code: PROVINCE,
  name: 'UBND tỉnh',
  kind: 'province',
  validFrom: '2020-01-01',
  ...overrides,
});
const aDepartment = (overrides: Record<string, unknown> = {}) =>
  anAgency({ code: DEPARTMENT, name: 'Sở Tư pháp', kind: 'department', parentCode: PROVINCE, ...overrides });
const aProcedure = (overrides: Record<string, unknown> = {}) => ({
  code: '1.004227',
  name: 'Cấp giấy phép xây dựng',
  field: 'Xây dựng',
  ...overrides,
});
const aLevel = (overrides: Record<string, unknown> = {}) => ({
  level: 3,
  mode: 'partial',
  portal: false,
  fee: true,
  ...overrides,
});
const aTarget = (overrides: Record<string, unknown> = {}) => ({
  indicatorId: 'dossiers.online',
  period: { kind: 'year' },
  comparator: '>=',
  threshold: 0.5,
  legalBasis: 'Quyết định 766/QĐ-TTg',
  activeFrom: '2022-01-01',
  ...overrides,
});
const withoutCode = <T extends { code: string }>({ code: _code, ...rest }: T) => rest;

describe.each(POSTGRES_ENGINES)('catalogue HTTP API on chDB and %s', (_engine, startPostgres) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi(startPostgres);
  });
  afterAll(() => api.stop());
  beforeEach(() => api.emptyCatalogue());

  const http = () => api.http();
  const created = async (path: string, body: object) => {
    const response = await http().post(path).send(body);
    expect(response.status).toBe(201);
    return response.body;
  };
  const stored = async (method: 'put', path: string, body: object) => {
    const response = await http()[method](path).send(body);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('agencies', () => {
    it('are created, read in any spelling of the code, listed, replaced and deleted', async () => {
      expect(await created('/v1/agencies', anAgency({ code: ' 000.00.00.h12 ' }))).toEqual({
        code: PROVINCE,
        name: 'UBND tỉnh',
        kind: 'province',
        parentCode: null,
        validFrom: '2020-01-01',
        validTo: null,
        warnings: [],
      });
      await created('/v1/agencies', aDepartment({ parentCode: '000.00.00.h12' }));
      await created(
        '/v1/agencies',
        aDepartment({ code: '000.00.13.H12', kind: 'centre', name: 'Trung tâm' }),
      );

      const department = await http().get('/v1/agencies/000.00.12.h12');
      expect(department.status).toBe(200);
      expect(department.body).toMatchObject({ code: DEPARTMENT, parentCode: PROVINCE, kind: 'department' });

      const codes = (response: request.Response) =>
        response.body.map((agency: { code: string }) => agency.code);
      expect(codes(await http().get('/v1/agencies'))).toEqual([PROVINCE, DEPARTMENT, '000.00.13.H12']);
      expect(codes(await http().get('/v1/agencies?parent=000.00.00.h12'))).toEqual([
        DEPARTMENT,
        '000.00.13.H12',
      ]);
      expect(codes(await http().get('/v1/agencies?parent=000.00.00.H12&kind=centre'))).toEqual([
        '000.00.13.H12',
      ]);

      const replaced = await stored(
        'put',
        '/v1/agencies/000.00.12.h12',
        withoutCode(aDepartment({ name: 'Sở Tư pháp (mới)', validTo: '2025-06-30' })),
      );
      expect(replaced).toMatchObject({ code: DEPARTMENT, name: 'Sở Tư pháp (mới)', validTo: '2025-06-30' });
      expect((await http().get(`/v1/agencies/${DEPARTMENT}`)).body).toEqual(replaced);

      expect((await http().delete('/v1/agencies/000.00.12.h12')).status).toBe(204);
      expect((await http().get(`/v1/agencies/${DEPARTMENT}`)).status).toBe(404);
    });

    it('accept a code not shaped like QCVN 102, saying so in warnings on every answer', async () => {
      await created('/v1/agencies', anAgency());
      const commune = await created(
        '/v1/agencies',
        anAgency({ code: 'ubnd-xa-01', kind: 'commune', parentCode: PROVINCE }),
      );
      expect(commune.code).toBe('UBND-XA-01');
      expect(commune.warnings).toEqual([
        expect.stringMatching(/"UBND-XA-01" is not a QCVN 102:2016 identifier/),
      ]);
      expect((await http().get('/v1/agencies/UBND-XA-01')).body.warnings).toEqual(commune.warnings);
      expect((await http().get(`/v1/agencies/${PROVINCE}`)).body.warnings).toEqual([]);
    });

    it('refuse bad bodies, paths and queries with a message per field (400)', async () => {
      await created('/v1/agencies', anAgency());
      const bad = await http()
        .post('/v1/agencies')
        .send({ code: 'sở/tư pháp', name: ' ', kind: 'ministry', validFrom: '2020-02-30', colour: 'red' });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ statusCode: 400, message: 'invalid request', errors: expect.any(Array) });
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^code: expected an agency code/),
          expect.stringMatching(/^name: /),
          expect.stringMatching(/^kind: /),
          expect.stringMatching(/^validFrom: /),
          expect.stringMatching(/colour/),
        ]),
      );

      const datesReversed = await http()
        .put(`/v1/agencies/${PROVINCE}`)
        .send(withoutCode(anAgency({ validTo: '2019-12-31' })));
      expect(datesReversed.status).toBe(400);
      expect(datesReversed.body.errors).toEqual(['validTo: validTo is before validFrom']);

      // The path names the agency; the body may not repeat (or contradict) it.
      const codeInBody = await http().put(`/v1/agencies/${PROVINCE}`).send(anAgency());
      expect(codeInBody.status).toBe(400);
      expect(codeInBody.body.errors.join()).toMatch(/code/);

      const ownParent = await http()
        .put(`/v1/agencies/${PROVINCE}`)
        .send(withoutCode(anAgency({ parentCode: '000.00.00.h12' })));
      expect(ownParent.status).toBe(400);
      expect(ownParent.body.errors).toEqual(['parentCode: an agency cannot be its own parent']);

      const badPath = await http().get('/v1/agencies/s%E1%BB%9F%20t%C6%B0%20ph%C3%A1p');
      expect(badPath.status).toBe(400);
      expect(badPath.body.errors).toEqual([expect.stringMatching(/^code: expected an agency code/)]);

      const badQuery = await http().get('/v1/agencies?kind=ministry&parnet=X');
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.errors.join('\n')).toMatch(/kind: [\s\S]*parnet/);
    });

    it('refuse a parent that is not in the catalogue, naming it (400)', async () => {
      const orphan = await http()
        .post('/v1/agencies')
        .send(aDepartment({ parentCode: '000.00.00.H99' }));
      expect(orphan.status).toBe(400);
      expect(orphan.body.message).toBe(
        'refers to something not in the catalogue: parent_code 000.00.00.H99 is not present in table agencies',
      );
      expect((await http().get('/v1/agencies')).body).toEqual([]);
    });

    it('answer 409 when a replacement moves a unit to another parent; the same parent again is fine', async () => {
      await created('/v1/agencies', anAgency());
      await created('/v1/agencies', aDepartment());
      await created(
        '/v1/agencies',
        anAgency({ code: '000.00.30.H12', kind: 'district', parentCode: PROVINCE }),
      );

      const moved = await http()
        .put(`/v1/agencies/${DEPARTMENT}`)
        .send(withoutCode(aDepartment({ parentCode: '000.00.30.H12' })));
      expect(moved.status).toBe(409);
      expect(moved.body).toEqual({
        statusCode: 409,
        message:
          `the parent of agency ${DEPARTMENT} cannot change (from ${PROVINCE} to 000.00.30.H12): a unit keeps its ` +
          'parent for life, so what was reported under it stays there. End this unit (validTo) and create a new ' +
          `one under 000.00.30.H12 with a lineage link from ${DEPARTMENT} instead`,
      });
      const orphaned = await http()
        .put(`/v1/agencies/${DEPARTMENT}`)
        .send(withoutCode(aDepartment({ parentCode: null })));
      expect(orphaned.status).toBe(409);
      // Under its own department, the province would also make a loop: the parent rule answers first.
      const adopted = await http()
        .put(`/v1/agencies/${PROVINCE}`)
        .send(withoutCode(anAgency({ parentCode: DEPARTMENT })));
      expect(adopted.status).toBe(409);
      expect(adopted.body.message).toMatch(
        /^the parent of agency 000\.00\.00\.H12 cannot change \(from none to /,
      );
      expect((await http().get(`/v1/agencies/${DEPARTMENT}`)).body.parentCode).toBe(PROVINCE);
      expect((await http().get(`/v1/agencies/${PROVINCE}`)).body.parentCode).toBeNull();

      const renamed = await stored(
        'put',
        `/v1/agencies/${DEPARTMENT}`,
        withoutCode(aDepartment({ name: 'Sở Tư pháp tỉnh', validTo: '2025-06-30' })),
      );
      expect(renamed).toMatchObject({ parentCode: PROVINCE, name: 'Sở Tư pháp tỉnh', validTo: '2025-06-30' });
    });

    it('answer 404 for an unknown code', async () => {
      for (const call of [
        http().get('/v1/agencies/000.00.00.H99'),
        http().put('/v1/agencies/000.00.00.H99').send(withoutCode(anAgency())),
        http().delete('/v1/agencies/000.00.00.H99'),
        http().get('/v1/agencies/000.00.00.H99/lineage'),
      ]) {
        const response = await call;
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ statusCode: 404, message: 'no agency 000.00.00.H99' });
      }
    });

    it('answer 409 for a duplicate, and for a removal while units, offerings, lineage or targets refer to it', async () => {
      await created('/v1/agencies', anAgency());
      const duplicate = await http()
        .post('/v1/agencies')
        .send(anAgency({ code: '000.00.00.h12', name: 'Khác' }));
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.message).toBe(`agency ${PROVINCE} already exists`);

      await created('/v1/agencies', aDepartment());
      const withUnits = await http().delete(`/v1/agencies/${PROVINCE}`);
      expect(withUnits.status).toBe(409);
      expect(withUnits.body.message).toMatch(/still has units under it/);

      const refusedWhile = async (refer: () => Promise<unknown>, undo: () => Promise<unknown>) => {
        await refer();
        const response = await http().delete(`/v1/agencies/${DEPARTMENT}`);
        expect(response.status).toBe(409);
        expect(response.body.message).toMatch(
          new RegExp(`still in use: code ${DEPARTMENT.replaceAll('.', '\\.')}`),
        );
        await undo();
      };
      await created('/v1/procedures', aProcedure());
      await refusedWhile(
        () => stored('put', `/v1/procedures/1.004227/offerings/${DEPARTMENT}`, {}),
        () => http().delete(`/v1/procedures/1.004227/offerings/${DEPARTMENT}`).expect(204),
      );
      await created(
        '/v1/agencies',
        anAgency({ code: '000.00.14.H12', parentCode: PROVINCE, kind: 'department' }),
      );
      await refusedWhile(
        () => stored('put', `/v1/lineage/${DEPARTMENT}/000.00.14.H12`, { effectiveDate: '2025-07-01' }),
        () => http().delete(`/v1/lineage/${DEPARTMENT}/000.00.14.H12`).expect(204),
      );
      let targetId = '';
      await refusedWhile(
        async () => {
          targetId = (await created('/v1/targets', aTarget({ agencyCode: DEPARTMENT }))).id;
        },
        () => http().delete(`/v1/targets/${targetId}`).expect(204),
      );
      // Nothing refers to it any more.
      expect((await http().delete(`/v1/agencies/${DEPARTMENT}`)).status).toBe(204);
      expect((await http().get('/v1/procedures/1.004227')).body.offerings).toEqual([]);
    });
  });

  describe('lineage', () => {
    it('is recorded, listed overall and per agency, updated, and removed', async () => {
      await created('/v1/agencies', anAgency());
      for (const code of ['000.00.21.H12', '000.00.22.H12', '000.00.30.H12']) {
        await created('/v1/agencies', anAgency({ code, kind: 'commune', parentCode: PROVINCE }));
      }
      await stored('put', '/v1/lineage/000.00.22.h12/000.00.30.h12', { effectiveDate: '2025-07-01' });
      expect(
        await stored('put', '/v1/lineage/000.00.21.H12/000.00.30.H12', { effectiveDate: '2025-06-01' }),
      ).toEqual({
        fromCode: '000.00.21.H12',
        toCode: '000.00.30.H12',
        effectiveDate: '2025-06-01',
      });
      // Writing the same link again moves its date.
      await stored('put', '/v1/lineage/000.00.21.H12/000.00.30.H12', { effectiveDate: '2025-07-01' });

      const merger = [
        { fromCode: '000.00.21.H12', toCode: '000.00.30.H12', effectiveDate: '2025-07-01' },
        { fromCode: '000.00.22.H12', toCode: '000.00.30.H12', effectiveDate: '2025-07-01' },
      ];
      expect((await http().get('/v1/lineage')).body).toEqual(merger);
      expect((await http().get('/v1/agencies/000.00.30.h12/lineage')).body).toEqual(merger);
      expect((await http().get('/v1/agencies/000.00.22.H12/lineage')).body).toEqual([merger[1]]);
      expect((await http().get(`/v1/agencies/${PROVINCE}/lineage`)).body).toEqual([]);

      expect((await http().delete('/v1/lineage/000.00.22.H12/000.00.30.H12')).status).toBe(204);
      expect((await http().get('/v1/lineage')).body).toEqual([merger[0]]);
    });

    it('refuses a unit succeeding itself, a bad date and an unknown unit (400), and unknown links (404)', async () => {
      await created('/v1/agencies', anAgency());
      const itself = await http()
        .put(`/v1/lineage/${PROVINCE}/000.00.00.h12`)
        .send({ effectiveDate: '2025-07-01' });
      expect(itself.status).toBe(400);
      expect(itself.body.errors).toEqual(['to: a unit cannot succeed itself']);

      await created('/v1/agencies', aDepartment());
      const badDate = await http()
        .put(`/v1/lineage/${DEPARTMENT}/${PROVINCE}`)
        .send({ effectiveDate: '1.7.2025' });
      expect(badDate.status).toBe(400);
      expect(badDate.body.errors).toEqual([
        'effectiveDate: expected a date as YYYY-MM-DD',
        'effectiveDate: not a calendar date',
      ]);
      const tooEarly = await http()
        .put(`/v1/lineage/${DEPARTMENT}/${PROVINCE}`)
        .send({ effectiveDate: '1975-04-30' });
      expect(tooEarly.body.errors).toEqual([
        'effectiveDate: expected a date between 2000-01-01 and 2149-06-05',
      ]);

      const unknown = await http()
        .put(`/v1/lineage/${DEPARTMENT}/000.00.00.H99`)
        .send({ effectiveDate: '2025-07-01' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toMatch(/to_code 000\.00\.00\.H99 is not present in table agencies/);

      const missing = await http().delete(`/v1/lineage/${DEPARTMENT}/${PROVINCE}`);
      expect(missing.status).toBe(404);
      expect(missing.body.message).toBe(`no lineage ${DEPARTMENT} → ${PROVINCE}`);
    });
  });

  describe('procedures', () => {
    it('are created, read, listed by field and agency, replaced and deleted', async () => {
      await created('/v1/agencies', anAgency());
      expect(await created('/v1/procedures', aProcedure({ code: ' 1.004227 ' }))).toEqual({
        code: '1.004227',
        name: 'Cấp giấy phép xây dựng',
        field: 'Xây dựng',
        validTo: null,
      });
      await created(
        '/v1/procedures',
        aProcedure({ code: '2.000001', name: 'Chứng thực bản sao', field: 'Tư pháp' }),
      );
      await stored('put', `/v1/procedures/2.000001/offerings/${PROVINCE}`, {});

      const codes = (response: request.Response) =>
        response.body.map((procedure: { code: string }) => procedure.code);
      expect(codes(await http().get('/v1/procedures'))).toEqual(['1.004227', '2.000001']);
      expect(codes(await http().get('/v1/procedures?field=X%C3%A2y%20d%E1%BB%B1ng'))).toEqual(['1.004227']);
      expect(codes(await http().get('/v1/procedures?agency=000.00.00.h12'))).toEqual(['2.000001']);

      const replaced = await stored(
        'put',
        '/v1/procedures/1.004227',
        withoutCode(aProcedure({ name: 'Cấp GPXD', validTo: '2026-12-31' })),
      );
      expect(replaced).toEqual({
        code: '1.004227',
        name: 'Cấp GPXD',
        field: 'Xây dựng',
        validTo: '2026-12-31',
      });
      expect((await http().get('/v1/procedures/1.004227')).body).toEqual({ ...replaced, offerings: [] });

      expect((await http().delete('/v1/procedures/2.000001')).status).toBe(409);
      expect((await http().delete(`/v1/procedures/2.000001/offerings/${PROVINCE}`)).status).toBe(204);
      expect((await http().delete('/v1/procedures/2.000001')).status).toBe(204);
      expect((await http().get('/v1/procedures/2.000001')).status).toBe(404);
      expect(codes(await http().get('/v1/procedures'))).toEqual(['1.004227']);
    });

    it('answer 400 for bad codes and bodies, 404 for unknown codes, 409 for duplicates', async () => {
      const badBody = await http().post('/v1/procedures').send({ code: 'TTHC-1', name: '', extra: true });
      expect(badBody.status).toBe(400);
      expect(badBody.body.errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^code: expected a procedure code like 1\.004227/),
          expect.stringMatching(/^name: /),
          expect.stringMatching(/^field: /),
          expect.stringMatching(/extra/),
        ]),
      );
      expect((await http().get('/v1/procedures/TTHC-1')).body.errors).toEqual([
        expect.stringMatching(/^code: expected a procedure code/),
      ]);

      for (const call of [
        http().get('/v1/procedures/1.999999'),
        http().put('/v1/procedures/1.999999').send(withoutCode(aProcedure())),
        http().delete('/v1/procedures/1.999999'),
        http().put(`/v1/procedures/1.999999/offerings/${PROVINCE}`).send({}),
        http().put(`/v1/procedures/1.999999/offerings/${PROVINCE}/levels/2024-01-01`).send(aLevel()),
      ]) {
        const response = await call;
        expect(response.status).toBe(404);
        expect(response.body.message).toBe('no procedure 1.999999');
      }

      await created('/v1/procedures', aProcedure());
      const duplicate = await http().post('/v1/procedures').send(aProcedure());
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.message).toBe('procedure 1.004227 already exists');
    });

    it('keep each offering’s level history oldest first, whatever the order it was written in', async () => {
      await created('/v1/agencies', anAgency());
      await created('/v1/agencies', aDepartment());
      await created('/v1/procedures', aProcedure());
      const levelsPath = (agency: string, date: string) =>
        `/v1/procedures/1.004227/offerings/${agency}/levels/${date}`;

      expect(
        await stored('put', levelsPath('000.00.12.h12', '2024-07-01'), aLevel({ level: 4, mode: 'full' })),
      ).toEqual({
        procedureCode: '1.004227',
        agencyCode: DEPARTMENT,
        effectiveFrom: '2024-07-01',
        level: 4,
        mode: 'full',
        portal: false,
        fee: true,
      });
      await stored('put', levelsPath(DEPARTMENT, '2022-01-01'), aLevel({ level: 2, mode: 'none' }));
      await stored('put', levelsPath(DEPARTMENT, '2023-03-15'), aLevel());
      await stored('put', levelsPath(PROVINCE, '2021-01-01'), aLevel({ level: 1, mode: 'none', fee: false }));
      // Rewriting a change in place, and ending the department's offering.
      await stored(
        'put',
        levelsPath(DEPARTMENT, '2024-07-01'),
        aLevel({ level: 4, mode: 'full', portal: true }),
      );
      expect(
        await stored('put', `/v1/procedures/1.004227/offerings/${DEPARTMENT}`, { validTo: '2025-06-30' }),
      ).toEqual({
        procedureCode: '1.004227',
        agencyCode: DEPARTMENT,
        validTo: '2025-06-30',
      });

      const detail = await http().get('/v1/procedures/1.004227');
      expect(detail.status).toBe(200);
      expect(detail.body.offerings).toEqual([
        {
          agencyCode: PROVINCE,
          validTo: null,
          levels: [{ effectiveFrom: '2021-01-01', level: 1, mode: 'none', portal: false, fee: false }],
        },
        {
          agencyCode: DEPARTMENT,
          validTo: '2025-06-30',
          levels: [
            { effectiveFrom: '2022-01-01', level: 2, mode: 'none', portal: false, fee: true },
            { effectiveFrom: '2023-03-15', level: 3, mode: 'partial', portal: false, fee: true },
            { effectiveFrom: '2024-07-01', level: 4, mode: 'full', portal: true, fee: true },
          ],
        },
      ]);

      expect((await http().delete(levelsPath(DEPARTMENT, '2023-03-15'))).status).toBe(204);
      expect((await http().delete(levelsPath(DEPARTMENT, '2023-03-15'))).status).toBe(404);
      const [, department] = (await http().get('/v1/procedures/1.004227')).body.offerings;
      expect(department.levels.map((level: { effectiveFrom: string }) => level.effectiveFrom)).toEqual([
        '2022-01-01',
        '2024-07-01',
      ]);

      // An offering with history is ended, not removed; once its history is gone, it can go.
      expect((await http().delete(`/v1/procedures/1.004227/offerings/${DEPARTMENT}`)).status).toBe(409);
      for (const date of ['2022-01-01', '2024-07-01']) {
        expect((await http().delete(levelsPath(DEPARTMENT, date))).status).toBe(204);
      }
      expect((await http().delete(`/v1/procedures/1.004227/offerings/${DEPARTMENT}`)).status).toBe(204);
      expect((await http().delete(`/v1/procedures/1.004227/offerings/${DEPARTMENT}`)).status).toBe(404);
      const after = (await http().get('/v1/procedures/1.004227')).body;
      expect(after.offerings.map((offering: { agencyCode: string }) => offering.agencyCode)).toEqual([
        PROVINCE,
      ]);
    });

    it('answer 409 for deleting a procedure with offerings or an offering with level history; history stays', async () => {
      await created('/v1/agencies', anAgency());
      await created('/v1/agencies', aDepartment());
      await created('/v1/procedures', aProcedure());
      await stored('put', `/v1/procedures/1.004227/offerings/${PROVINCE}/levels/2024-01-01`, aLevel());
      await stored('put', `/v1/procedures/1.004227/offerings/${DEPARTMENT}`, {});
      const before = (await http().get('/v1/procedures/1.004227')).body;

      const procedure = await http().delete('/v1/procedures/1.004227');
      expect(procedure.status).toBe(409);
      expect(procedure.body).toEqual({
        statusCode: 409,
        message: 'procedure 1.004227 is offered by 2 agencies: end it with validTo instead; history is kept',
      });
      const offering = await http().delete(`/v1/procedures/1.004227/offerings/${PROVINCE}`);
      expect(offering.status).toBe(409);
      expect(offering.body.message).toBe(
        `the offering of 1.004227 at ${PROVINCE} has 1 level change: end it with validTo instead; history is kept`,
      );
      expect((await http().get('/v1/procedures/1.004227')).body).toEqual(before);

      // The database refuses it too, for a write that does not go through the catalogue's checks.
      expect(
        await api.query(
          `SELECT conname AS name, confdeltype AS "onDelete" FROM pg_constraint
           WHERE conname IN ('offerings_procedure_code_fkey', 'offering_levels_procedure_code_agency_code_fkey')
           ORDER BY conname`,
        ),
      ).toEqual([
        { name: 'offering_levels_procedure_code_agency_code_fkey', onDelete: 'r' },
        { name: 'offerings_procedure_code_fkey', onDelete: 'r' },
      ]);
      await expect(api.query(`DELETE FROM catalogue.procedures WHERE code = '1.004227'`)).rejects.toThrow(
        /violates (RESTRICT setting of )?foreign key constraint "offerings_procedure_code_fkey"/,
      );
      await expect(
        api.query('DELETE FROM catalogue.offerings WHERE procedure_code = $1 AND agency_code = $2', [
          '1.004227',
          PROVINCE,
        ]),
      ).rejects.toThrow(
        /violates (RESTRICT setting of )?foreign key constraint "offering_levels_procedure_code_agency_code_fkey"/,
      );

      // Ended instead, the history is kept and read as ended.
      const ended = await stored(
        'put',
        '/v1/procedures/1.004227',
        withoutCode(aProcedure({ validTo: '2025-12-31' })),
      );
      expect(ended.validTo).toBe('2025-12-31');
      expect((await http().get('/v1/procedures/1.004227')).body.offerings).toEqual(before.offerings);

      // A procedure nobody offers (entered by mistake) can still go.
      await created('/v1/procedures', aProcedure({ code: '2.000001' }));
      expect((await http().delete('/v1/procedures/2.000001')).status).toBe(204);
      expect((await http().get('/v1/procedures/2.000001')).status).toBe(404);
    });

    it('refuse bad levels (400) and offerings by agencies not in the catalogue (400)', async () => {
      await created('/v1/agencies', anAgency());
      await created('/v1/procedures', aProcedure());
      const badDay = await http()
        .put(`/v1/procedures/1.004227/offerings/${PROVINCE}/levels/2024-02-30`)
        .send(aLevel());
      expect(badDay.status).toBe(400);
      expect(badDay.body.errors).toEqual(['effectiveFrom: not a calendar date']);
      const badLevel = await http()
        .put(`/v1/procedures/1.004227/offerings/${PROVINCE}/levels/2024-02-29`)
        .send({ level: 5, mode: 'toàn trình', portal: 'yes', procedureCode: '1.004227' });
      expect(badLevel.status).toBe(400);
      expect(badLevel.body.errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^level: /),
          expect.stringMatching(/^mode: /),
          expect.stringMatching(/^portal: /),
          expect.stringMatching(/^fee: /),
          expect.stringMatching(/procedureCode/),
        ]),
      );

      const unknownAgency = await http().put('/v1/procedures/1.004227/offerings/000.00.00.H99').send({});
      expect(unknownAgency.status).toBe(400);
      expect(unknownAgency.body.message).toMatch(
        /agency_code 000\.00\.00\.H99 is not present in table agencies/,
      );
      const viaLevel = await http()
        .put('/v1/procedures/1.004227/offerings/000.00.00.H99/levels/2024-01-01')
        .send(aLevel());
      expect(viaLevel.status).toBe(400);
      expect((await http().get('/v1/procedures/1.004227')).body.offerings).toEqual([]);
    });
  });

  describe('targets', () => {
    it('are created, read, listed by indicator and active day, replaced and deleted', async () => {
      await created('/v1/agencies', anAgency());
      const online = await created('/v1/targets', aTarget({ activeTo: '2025-12-31' }));
      expect(online).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        key: 'dossiers.online:default:province:year:2022-01-01:ge:quyet-dinh-766-qd-ttg',
        indicatorId: 'dossiers.online',
        options: {},
        agencyCode: null,
        subtree: true,
        period: { kind: 'year' },
        comparator: '>=',
        threshold: 0.5,
        legalBasis: 'Quyết định 766/QĐ-TTg',
        activeFrom: '2022-01-01',
        activeTo: '2025-12-31',
      });
      const level4 = await created(
        '/v1/targets',
        aTarget({
          key: 'h12.level4',
          indicatorId: 'procedures.level4',
          options: { level: 4 },
          agencyCode: '000.00.00.h12',
          subtree: false,
          period: { kind: 'rolling', days: 90 },
          activeFrom: '2026-01-01',
        }),
      );
      expect(level4).toMatchObject({
        agencyCode: PROVINCE,
        period: { kind: 'rolling', days: 90 },
        subtree: false,
      });
      expect((await http().get(`/v1/targets/${online.id}`)).body).toEqual(online);

      const ids = (response: request.Response) => response.body.map((target: { id: string }) => target.id);
      expect(ids(await http().get('/v1/targets'))).toEqual([online.id, level4.id]);
      expect(ids(await http().get('/v1/targets?indicator=procedures.level4'))).toEqual([level4.id]);
      expect(ids(await http().get('/v1/targets?activeOn=2025-12-31'))).toEqual([online.id]);
      expect(ids(await http().get('/v1/targets?activeOn=2026-01-01'))).toEqual([level4.id]);
      expect(ids(await http().get('/v1/targets?activeOn=2021-12-31'))).toEqual([]);

      const replaced = await stored(
        'put',
        `/v1/targets/${online.id}`,
        aTarget({ key: online.key, threshold: 0.6 }),
      );
      expect(replaced).toEqual({ ...online, threshold: 0.6, activeTo: null });

      expect((await http().delete(`/v1/targets/${online.id}`)).status).toBe(204);
      expect((await http().get(`/v1/targets/${online.id}`)).status).toBe(404);
      expect(ids(await http().get('/v1/targets'))).toEqual([level4.id]);
    });

    it('answer 400 for bad bodies, ids and filters, 404 for unknown ids, 409 for a key in use', async () => {
      const bad = await http()
        .post('/v1/targets')
        .send(
          aTarget({
            indicatorId: 'dossiers.everything',
            period: { kind: 'rolling' },
            activeTo: '2021-01-01',
          }),
        );
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^indicatorId: /),
          expect.stringMatching(/^period\.days: /),
        ]),
      );
      const reversed = await http()
        .post('/v1/targets')
        .send(aTarget({ activeTo: '2021-12-31' }));
      expect(reversed.body.errors).toEqual(['activeTo: activeTo is before activeFrom']);

      expect((await http().get('/v1/targets/not-a-uuid')).body.errors).toEqual([
        'id: expected a target id (UUID)',
      ]);
      expect((await http().get('/v1/targets?indicator=nope')).status).toBe(400);

      const unknownAgency = await http()
        .post('/v1/targets')
        .send(aTarget({ agencyCode: '000.00.00.H99' }));
      expect(unknownAgency.status).toBe(400);
      expect(unknownAgency.body.message).toMatch(
        /agency_code 000\.00\.00\.H99 is not present in table agencies/,
      );

      const unknownId = '3f1c1b0e-0000-4000-8000-000000000000';
      for (const call of [
        http().get(`/v1/targets/${unknownId}`),
        http().put(`/v1/targets/${unknownId}`).send(aTarget()),
        http().delete(`/v1/targets/${unknownId}`),
      ]) {
        const response = await call;
        expect(response.status).toBe(404);
        expect(response.body.message).toBe(`no target ${unknownId}`);
      }

      const first = await created('/v1/targets', aTarget({ key: 'national.online' }));
      const duplicate = await http()
        .post('/v1/targets')
        .send(aTarget({ key: 'national.online', threshold: 0.7 }));
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.message).toBe('key national.online already exists');
      const second = await created(
        '/v1/targets',
        aTarget({ key: 'national.online-2023', activeFrom: '2023-01-01' }),
      );
      const taken = await http()
        .put(`/v1/targets/${second.id}`)
        .send(aTarget({ key: first.key }));
      expect(taken.status).toBe(409);
    });

    it('derive different keys for targets differing only in comparator or legal basis, not in threshold', async () => {
      const national = await created('/v1/targets', aTarget());
      const above = await created('/v1/targets', aTarget({ comparator: '>' }));
      const provincial = await created(
        '/v1/targets',
        aTarget({ legalBasis: 'Kế hoạch 2022 của UBND tỉnh', threshold: 0.6 }),
      );
      expect(new Set([national.key, above.key, provincial.key]).size).toBe(3);
      expect(above.key).toBe('dossiers.online:default:province:year:2022-01-01:gt:quyet-dinh-766-qd-ttg');
      expect(provincial.key).toBe(
        'dossiers.online:default:province:year:2022-01-01:ge:ke-hoach-2022-cua-ubnd-tinh',
      );

      // The same target with another threshold is the same target: it takes the key already in use.
      const corrected = await http()
        .post('/v1/targets')
        .send(aTarget({ threshold: 0.55 }));
      expect(corrected.status).toBe(409);
      expect(corrected.body.message).toBe(`key ${national.key} already exists`);
      expect((await http().get('/v1/targets')).body).toHaveLength(3);
    });

    it('presets load the national targets unless told which documents apply', async () => {
      const national = await http().post('/v1/targets/presets');
      expect(national.status).toBe(200);
      expect(new Set(national.body.map((target: { key: string }) => target.key.split('.')[0]))).toEqual(
        new Set(['national-766', 'national-2023', 'national-2022']),
      );
      const own = await http().post('/v1/targets/presets?documents=national,binh-thuan-2018');
      expect(own.body.map((target: { key: string }) => target.key)).toEqual(
        expect.arrayContaining(['binh-thuan-2018.dossiers-online', 'national-2022.on-time']),
      );
      expect(own.body.some((target: { key: string }) => target.key.startsWith('quang-ninh'))).toBe(false);
      const unknown = await http().post('/v1/targets/presets?documents=ha-noi-2030');
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toMatch(
        /unknown preset document "ha-noi-2030"; known: national, national-/,
      );
    });

    it('presets load the seed targets; loading them again gives the same set', async () => {
      const first = await http().post(`/v1/targets/presets?documents=${PRESET_DOCUMENTS.join(',')}`);
      expect(first.status).toBe(200);
      expect(first.body).toHaveLength(TARGET_PRESETS.length);
      expect(first.body.map((target: { key: string }) => target.key).sort()).toEqual(
        TARGET_PRESETS.map((preset) => preset.key).sort(),
      );
      expect(first.body).toContainEqual(
        expect.objectContaining({
          key: 'binh-thuan-2018.level4-growth',
          indicatorId: 'procedures.level_growth',
          options: { level: 4 },
          comparator: '>=',
          threshold: 8,
        }),
      );

      const again = await http().post(`/v1/targets/presets?documents=${PRESET_DOCUMENTS.join(',')}`);
      expect(again.body).toEqual(first.body);
      expect((await http().get('/v1/targets')).body).toHaveLength(TARGET_PRESETS.length);
    });

    it('keeps a preset its key when it is edited without one, so loading presets again adds nothing', async () => {
      const all = `/v1/targets/presets?documents=${PRESET_DOCUMENTS.join(',')}`;
      const presets = (await http().post(all)).body as { id: string; key: string }[];
      const {
        id,
        key: _key,
        ...fields
      } = presets.find((t) => t.key === 'binh-thuan-2018.dossiers-online') as Record<string, unknown> & {
        id: string;
        key: string;
      };
      const edited = await http()
        .put(`/v1/targets/${id}`)
        .send({ ...fields, threshold: 0.35 });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ key: 'binh-thuan-2018.dossiers-online', threshold: 0.35 });
      await http().post(all);
      expect((await http().get('/v1/targets')).body).toHaveLength(TARGET_PRESETS.length);
    });
  });

  // Last: the audit log against every request the tests above made.
  it('keeps every catalogue and target write the tests above made, by their caller, and no refused one', async () => {
    const { writes, audited, principals } = await api.audited();
    expect(writes).toHaveLength(81);
    expect(audited.filter((entry) => !writes.includes(entry))).toEqual([]);
    // Loading the presets a second time changes no row: nothing to keep.
    const unchanged = writes.filter((write) => !audited.includes(write));
    expect(unchanged.map((write) => write.replace(/^\S+ /, ''))).toEqual(['POST /v1/targets/presets']);
    expect(principals).toEqual(['DVC_ADMIN_TOKEN']);
  });
});

describe('catalogue API documentation at /docs-json', () => {
  const ROUTES: [method: string, path: string, operationId: string, tag: string][] = [
    ['get', '/v1/agencies', 'listAgencies', 'agencies'],
    ['post', '/v1/agencies', 'createAgency', 'agencies'],
    ['get', '/v1/agencies/{code}', 'getAgency', 'agencies'],
    ['put', '/v1/agencies/{code}', 'replaceAgency', 'agencies'],
    ['delete', '/v1/agencies/{code}', 'deleteAgency', 'agencies'],
    ['get', '/v1/agencies/{code}/lineage', 'listAgencyLineage', 'agencies'],
    ['get', '/v1/lineage', 'listLineage', 'agencies'],
    ['put', '/v1/lineage/{from}/{to}', 'putLineage', 'agencies'],
    ['delete', '/v1/lineage/{from}/{to}', 'deleteLineage', 'agencies'],
    ['get', '/v1/procedures', 'listProcedures', 'procedures'],
    ['post', '/v1/procedures', 'createProcedure', 'procedures'],
    ['get', '/v1/procedures/{code}', 'getProcedure', 'procedures'],
    ['put', '/v1/procedures/{code}', 'replaceProcedure', 'procedures'],
    ['delete', '/v1/procedures/{code}', 'deleteProcedure', 'procedures'],
    ['put', '/v1/procedures/{code}/offerings/{agency}', 'putOffering', 'procedures'],
    ['delete', '/v1/procedures/{code}/offerings/{agency}', 'deleteOffering', 'procedures'],
    [
      'put',
      '/v1/procedures/{code}/offerings/{agency}/levels/{effectiveFrom}',
      'putLevelChange',
      'procedures',
    ],
    [
      'delete',
      '/v1/procedures/{code}/offerings/{agency}/levels/{effectiveFrom}',
      'deleteLevelChange',
      'procedures',
    ],
    ['get', '/v1/targets', 'listTargets', 'targets'],
    ['post', '/v1/targets', 'createTarget', 'targets'],
    ['post', '/v1/targets/presets', 'loadTargetPresets', 'targets'],
    ['get', '/v1/targets/status', 'getTargetStatus', 'targets'],
    ['get', '/v1/targets/{id}', 'getTarget', 'targets'],
    ['put', '/v1/targets/{id}', 'replaceTarget', 'targets'],
    ['delete', '/v1/targets/{id}', 'deleteTarget', 'targets'],
  ];

  interface Operation {
    operationId: string;
    summary: string;
    tags: string[];
    parameters: { name: string; in: string; required: boolean }[];
    requestBody?: { content: Record<string, { schema: { $ref: string } }> };
    responses: Record<
      string,
      { content?: Record<string, { schema: { $ref?: string; items?: { $ref: string } } }> }
    >;
  }
  interface OpenApiDocument {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  }
  let doc: OpenApiDocument;
  beforeAll(async () => {
    const api = await startApi(startEmbeddedTestPostgres);
    try {
      const response = await api.http().get('/docs-json');
      expect(response.status).toBe(200);
      doc = response.body;
    } finally {
      await api.stop();
    }
  });

  const catalogueRoutes = () =>
    Object.entries(doc.paths)
      .filter(([path]) => /^\/v1\/(agencies|lineage|procedures|targets)/.test(path))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
  const schemaOf = (ref: string | undefined) =>
    doc.components.schemas[(ref ?? '').replace('#/components/schemas/', '')];

  it('lists exactly the catalogue routes, each with its operationId, summary and tag', () => {
    expect(catalogueRoutes().sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
    for (const [method, path, operationId, tag] of ROUTES) {
      const operation = doc.paths[path][method];
      expect({
        route: `${method} ${path}`,
        operationId: operation.operationId,
        tags: operation.tags,
      }).toEqual({
        route: `${method} ${path}`,
        operationId,
        tags: [tag],
      });
      expect(operation.summary).toEqual(expect.any(String));
      const pathParams = [...path.matchAll(/{(\w+)}/g)].map(([, name]) => name);
      expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
    }
  });

  it('shows request and response schemas; bodies do not repeat what the path names', () => {
    for (const [method, path] of ROUTES) {
      const operation = doc.paths[path][method];
      if (method === 'delete') {
        expect(operation.responses['204']).toBeDefined();
        continue;
      }
      const success = operation.responses[method === 'post' && !path.endsWith('presets') ? '201' : '200'];
      const schema = success.content?.['application/json'].schema;
      expect(schemaOf(schema?.$ref ?? schema?.items?.$ref)).toBeDefined();
      if (method === 'put' || (method === 'post' && !path.endsWith('presets'))) {
        expect(schemaOf(operation.requestBody?.content['application/json'].schema.$ref)).toBeDefined();
      }
    }
    const bodyFields = (path: string, method: string) =>
      Object.keys(
        schemaOf(doc.paths[path][method].requestBody?.content['application/json'].schema.$ref).properties ??
          {},
      );
    expect(bodyFields('/v1/agencies', 'post')).toContain('code');
    expect(bodyFields('/v1/agencies/{code}', 'put')).not.toContain('code');
    expect(bodyFields('/v1/lineage/{from}/{to}', 'put')).toEqual(['effectiveDate']);
    expect(
      bodyFields('/v1/procedures/{code}/offerings/{agency}/levels/{effectiveFrom}', 'put').sort(),
    ).toEqual(['fee', 'level', 'mode', 'portal']);
    const agency =
      doc.paths['/v1/agencies/{code}'].get.responses['200'].content?.['application/json'].schema.$ref;
    expect(Object.keys(schemaOf(agency).properties ?? {})).toContain('warnings');
    expect(doc.paths['/v1/agencies'].post.responses['409']).toBeDefined();
    expect(doc.paths['/v1/procedures/{code}'].get.responses['404']).toBeDefined();
  });
});
