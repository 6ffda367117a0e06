import { INestApplication } from '@nestjs/common';
import { AgenciesService, ProceduresService } from '@dvc/catalogue';
import { aReceived, POSTGRES_ENGINES, waitFor } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/*
 * A hand-checked province (H99). Three levels: province P → district D1 → communes C1, C2. On 1 July 2025 the
 * district level ends: C1 and C2 merge into the new commune N1, directly under P (lineage C1→N1, C2→N1, D1→P).
 *
 *   P  000.00.00.H99 province          S1 000.00.01.H99 department      S2 000.00.02.H99 department
 *   D1 000.01.00.H99 district (→ 2025-06-30)
 *   C1 001.01.00.H99 commune under D1 (→ 2025-06-30)   C2 002.01.00.H99 commune under D1 (→ 2025-06-30)
 *   N1 003.00.00.H99 commune under P (from 2025-07-01)
 *
 * Procedures (level history per offering):
 *   1.000001  S1: 2 from 2024-01-01, 3 from 2026-07-01
 *   1.000002  S1: 3 from 2024-01-01, 4 from 2026-03-15;  S2: 2 from 2024-01-01
 *   1.000003  S2: 4 from 2024-01-01 (integrated with the national portal)
 *   1.000004  C1: 2 from 2024-01-01;  C2: 3 from 2024-01-01 (both end with their communes);  N1: 3 from
 *             2025-07-01, 4 from 2026-07-01
 *   1.000005  S2: 1 from 2024-01-01; the procedure is abolished after 2026-06-30
 */
const H99 = {
  P: '000.00.00.H99',
  S1: '000.00.01.H99',
  S2: '000.00.02.H99',
  D1: '000.01.00.H99',
  C1: '001.01.00.H99',
  C2: '002.01.00.H99',
  N1: '003.00.00.H99',
};

async function loadHandCheckedCatalogue(app: INestApplication): Promise<void> {
  const agencies = app.get(AgenciesService);
  const procedures = app.get(ProceduresService);
  const agency = (
    code: string,
    kind: 'province' | 'department' | 'district' | 'commune',
    parentCode: string | null,
    validFrom = '2020-01-01',
    validTo: string | null = null,
  ) => agencies.create({ code, name: `Đơn vị ${code}`, kind, parentCode, validFrom, validTo });
  await agency(H99.P, 'province', null);
  await agency(H99.S1, 'department', H99.P);
  await agency(H99.S2, 'department', H99.P);
  await agency(H99.D1, 'district', H99.P, '2020-01-01', '2025-06-30');
  await agency(H99.C1, 'commune', H99.D1, '2020-01-01', '2025-06-30');
  await agency(H99.C2, 'commune', H99.D1, '2020-01-01', '2025-06-30');
  await agency(H99.N1, 'commune', H99.P, '2025-07-01');
  for (const [fromCode, toCode] of [
    [H99.C1, H99.N1],
    [H99.C2, H99.N1],
    [H99.D1, H99.P],
  ]) {
    await agencies.putLineage({ fromCode, toCode, effectiveDate: '2025-07-01' });
  }
  for (const code of ['1.000001', '1.000002', '1.000003', '1.000004']) {
    await procedures.create({ code, name: `Thủ tục ${code}`, field: 'Tư pháp' });
  }
  await procedures.create({
    code: '1.000005',
    name: 'Thủ tục bãi bỏ',
    field: 'Đất đai',
    validTo: '2026-06-30',
  });
  const level = (
    procedureCode: string,
    agencyCode: string,
    effectiveFrom: string,
    value: number,
    portal = false,
  ) =>
    procedures.putLevel({
      procedureCode,
      agencyCode,
      effectiveFrom,
      level: value,
      mode: value === 4 ? 'full' : value === 3 ? 'partial' : 'none',
      portal,
      fee: true,
    });
  await level('1.000001', H99.S1, '2024-01-01', 2);
  await level('1.000001', H99.S1, '2026-07-01', 3);
  await level('1.000002', H99.S1, '2024-01-01', 3);
  await level('1.000002', H99.S1, '2026-03-15', 4);
  await level('1.000002', H99.S2, '2024-01-01', 2);
  await level('1.000003', H99.S2, '2024-01-01', 4, true);
  await level('1.000004', H99.C1, '2024-01-01', 2);
  await level('1.000004', H99.C2, '2024-01-01', 3);
  await level('1.000004', H99.N1, '2025-07-01', 3);
  await level('1.000004', H99.N1, '2026-07-01', 4);
  await level('1.000005', H99.S2, '2024-01-01', 1);
}

describe.each(POSTGRES_ENGINES)('indicators from the catalogue (chDB + %s)', (_name, startPostgres) => {
  let api: TestApiApp;
  let app: INestApplication;

  beforeEach(async () => {
    api = await startTestApiApp({ postgres: startPostgres, env: { CATALOGUE_MIRROR_INTERVAL_MS: '500' } });
    ({ app } = api);
  });
  afterEach(() => api.stop());

  const indicator = async (id: string, query: string) => {
    const response = await api.http().get(`/v1/indicators/${id}?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const figures = async (id: string, query: string) => {
    const { numerator, denominator, value } = await indicator(id, query);
    return [numerator, denominator, value];
  };
  /** Waits until the mirror has published everything written so far. */
  const mirrored = (id: string, query: string, expected: unknown[]) =>
    waitFor(
      () => figures(id, query),
      (value) => JSON.stringify(value) === JSON.stringify(expected),
      {
        timeoutMs: 10_000,
        what: `${id}?${query} to reach ${JSON.stringify(expected)}`,
      },
    );

  it('computes the four procedure indicators as checked by hand', async () => {
    await loadHandCheckedCatalogue(app);
    // 30 June 2026, province: 1.000001 at 2, 1.000002 at 4 (S1's 4 beats S2's 2), 1.000003 at 4, 1.000004 at 3
    // (N1), 1.000005 at 1 (abolished after today) → 5 in force; online 3; exactly 3: 1; level 4: 2.
    await mirrored('procedures.online', 'date=2026-06-30', [3, 5, 0.6]);
    expect(await figures('procedures.level3', 'date=2026-06-30')).toEqual([1, 5, 0.2]);
    expect(await figures('procedures.level4', 'date=2026-06-30')).toEqual([2, 5, 0.4]);
    // 1 July 2026: 1.000001 → 3 and 1.000004 → 4 from today; 1.000005 is gone → 4 in force, all online,
    // exactly 3: 1.000001; level 4: 1.000002, 1.000003, 1.000004.
    expect(await figures('procedures.online', 'date=2026-07-01')).toEqual([4, 4, 1]);
    expect(await figures('procedures.level3', 'date=2026-07-01')).toEqual([1, 4, 0.25]);
    expect(await figures('procedures.level4', 'date=2026-07-01')).toEqual([3, 4, 0.75]);
    // A period is read at its end: the first half of 2026 is 30 June.
    expect(await figures('procedures.online', 'from=2026-01-01&to=2026-06-30')).toEqual([3, 5, 0.6]);
    // Department S1 on 30 June 2026: 1.000001 at 2, 1.000002 at 4.
    expect(await figures('procedures.online', `date=2026-06-30&agency=${H99.S1}`)).toEqual([1, 2, 0.5]);
    expect(await figures('procedures.level4', `date=2026-06-30&agency=${H99.S1}`)).toEqual([1, 2, 0.5]);
    // Department S2 on 30 June 2026: 1.000002 at 2, 1.000003 at 4, 1.000005 at 1.
    expect(await figures('procedures.online', `date=2026-06-30&agency=${H99.S2}`)).toEqual([1, 3, 1 / 3]);
  });

  it('computes the yearly growth at level 3 and level 4', async () => {
    await loadHandCheckedCatalogue(app);
    await mirrored('procedures.online', 'date=2026-06-30', [3, 5, 0.6]);
    // End of 2025: 1.000001 at 2, 1.000002 at 3, 1.000003 at 4, 1.000004 at 3 (N1), 1.000005 at 1.
    // End of 2026: 1.000001 at 3, 1.000002 at 4, 1.000003 at 4, 1.000004 at 4; 1.000005 abolished.
    // Level 4: 1 of 5 (20%) → 3 of 4 (75%): +55 points; upgraded to 4: 1.000002 and 1.000004.
    const level4 = await indicator('procedures.level_growth', 'year=2026&level=4');
    expect(level4).toMatchObject({ numerator: 3, denominator: 4, value: 55 });
    expect(level4.growth).toEqual({
      level: 4,
      previous: { date: '2025-12-31', numerator: 1, denominator: 5, value: 0.2 },
      current: { date: '2026-12-31', numerator: 3, denominator: 4, value: 0.75 },
      upgraded: 2,
    });
    // Level 3 or above: 3 of 5 (60%) → 4 of 4 (100%): +40 points; upgraded: 1.000001 only (1.000002 was 3).
    const level3 = await indicator('procedures.level_growth', 'year=2026&level=3');
    expect(level3).toMatchObject({ numerator: 4, denominator: 4, value: 40, growth: { upgraded: 1 } });
    const missingLevel = await api.http().get('/v1/indicators/procedures.level_growth?year=2026');
    expect(missingLevel.status).toBe(400);
    expect(missingLevel.body.message).toMatch(/level=3 or level=4/);
  });

  it('rolls a three-level tree up, and restates merged units to today’s structure', async () => {
    await loadHandCheckedCatalogue(app);
    await mirrored('procedures.online', 'date=2026-06-30', [3, 5, 0.6]);
    const send = (events: unknown[]) =>
      api.http().post('/v1/events').set('content-type', 'application/json').send(JSON.stringify(events));
    const at = (day: string) => ({ occurredAt: `2025-${day}T09:00:00+07:00` });
    expect(
      (
        await send([
          aReceived('HS-C1', 'online', { agencyCode: H99.C1, ...at('06-10') }),
          aReceived('HS-C2', 'direct', { agencyCode: H99.C2, ...at('06-11') }),
          aReceived('HS-S1', 'direct', { agencyCode: H99.S1, ...at('06-12') }),
          aReceived('HS-N1', 'online', { agencyCode: H99.N1, ...at('07-05') }),
          // An agency the catalogue does not know: stored and counted wherever it can be.
          aReceived('HS-X', 'online', { agencyCode: '000.00.77.H99', ...at('06-13') }),
        ])
      ).body,
    ).toMatchObject({ accepted: 5, rejected: [] });
    const online = (query: string) => figures('dossiers.online', `from=2025-06-01&to=2025-07-31&${query}`);

    // Whole province without a scope: all five dossiers, online C1, N1 and the unknown agency's.
    expect(await online('')).toEqual([3, 5, 0.6]);
    // P's subtree goes down three levels (P → D1 → C1, C2) and leaves out the unknown code.
    expect(await online(`agency=${H99.P}`)).toEqual([2, 4, 0.5]);
    expect(await online(`agency=${H99.D1}`)).toEqual([1, 2, 0.5]);
    expect(await online(`agency=${H99.C1}`)).toEqual([1, 1, 1]);
    // Restated to today's structure, C1's and C2's dossiers belong to N1; the district no longer exists.
    expect(await online(`agency=${H99.N1}`)).toEqual([1, 1, 1]);
    expect(await online(`agency=${H99.N1}&structure=current`)).toEqual([2, 3, 2 / 3]);
    expect(await online(`agency=${H99.D1}&structure=current`)).toEqual([0, 0, null]);
    expect(await online(`agency=${H99.P}&structure=current`)).toEqual([2, 4, 0.5]);
    // An unknown code is its own scope; codes are matched in one spelling.
    expect(await online('agency=000.00.77.H99')).toEqual([1, 1, 1]);
    expect(await online('agency=000.00.01.h99')).toEqual([0, 1, 0]);

    // The same restatement for procedures: on 30 June 2025 N1 offered nothing yet, but C2's level 3
    // offering of 1.000004 is N1's under today's structure.
    expect(await figures('procedures.online', `date=2025-06-30&agency=${H99.N1}`)).toEqual([0, 0, null]);
    expect(await figures('procedures.online', `date=2025-06-30&agency=${H99.N1}&structure=current`)).toEqual([
      1, 1, 1,
    ]);
    expect(await figures('procedures.level3', `date=2025-06-30&agency=${H99.D1}`)).toEqual([1, 1, 1]);
  });

  it('sees a catalogue change within seconds, without being told', async () => {
    await loadHandCheckedCatalogue(app);
    await mirrored('procedures.level4', `date=2026-06-30&agency=${H99.S2}`, [1, 3, 1 / 3]);
    // A write made elsewhere (another replica, or SQL by hand) reaches ClickHouse through the revision poll.
    const { DataSource } = await import('typeorm');
    const dataSource = app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE catalogue.offering_levels SET level = 4, mode = 'full'
         WHERE procedure_code = '1.000002' AND agency_code = $1`,
        [H99.S2],
      );
      await manager.query('UPDATE catalogue.revision SET revision = revision + 1');
    });
    const started = Date.now();
    await mirrored('procedures.level4', `date=2026-06-30&agency=${H99.S2}`, [2, 3, 2 / 3]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
