import { aReceived, anEvent, WireEvent } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';
import {
  catalogueTwoDepartments,
  in2026,
  TWO_DEPARTMENTS,
  untilLevelsMirrored,
} from '../testing/two-department-province';

/*
 * The DVCTT report over HTTP for March 2026 (calendar cut). Province P has two departments:
 *   S1 offers 1.000001 at level 2 (none) in 2025, upgraded to level 4 (full) on 2026-02-01, and 1.000002 at
 *      level 3 (partial); in March: 2 online and 1 at the counter of 1.000001 (one paid online, one at the
 *      counter), 1 online of 1.000002.
 *   S2 offers 1.000001 at level 1 (none), 1.000002 at level 2 until 2026-03-09 and level 3 (partial) from
 *      2026-03-10, and 1.000003 at level 2 (none); in March: 1 online of 1.000002, 1 by post of 1.000003.
 */
const NOW = '2026-04-02T10:00:00+07:00';
const { S1, S2 } = TWO_DEPARTMENTS;

const received = (
  code: string,
  agencyCode: string,
  procedureCode: string,
  channel: 'online' | 'direct' | 'postal',
): WireEvent => aReceived(code, channel, { agencyCode, procedureCode, occurredAt: in2026('03-12') });
const paid = (code: string, method: 'online' | 'offline') =>
  anEvent('paid', code, { occurredAt: in2026('03-13'), payment: { method, amount: 30_000 } });

interface Row {
  key: string;
  cells: (string | number | null)[];
}

describe('DVCTT report (chDB, PGlite; today pinned)', () => {
  let api: TestApiApp;
  const http = () => api.http();

  beforeAll(async () => {
    api = await startTestApiApp({ now: NOW, env: { CATALOGUE_MIRROR_INTERVAL_MS: '200' } });
    const post = (path: string, body: object) => http().post(path).send(body).expect(201);
    await catalogueTwoDepartments(api);
    for (const code of ['1.000001', '1.000002', '1.000003'])
      await post('/v1/procedures', { code, name: `Thủ tục ${code}`, field: 'Tư pháp' });
    const level = (
      procedure: string,
      agency: string,
      from: string,
      level: number,
      mode: 'none' | 'partial' | 'full',
    ) =>
      http()
        .put(`/v1/procedures/${procedure}/offerings/${agency}/levels/${from}`)
        .send({ level, mode, portal: true, fee: true })
        .expect(200);
    await level('1.000001', S1, '2025-06-01', 2, 'none');
    await level('1.000001', S1, '2026-02-01', 4, 'full');
    await level('1.000002', S1, '2025-01-01', 3, 'partial');
    await level('1.000001', S2, '2025-01-01', 1, 'none');
    await level('1.000002', S2, '2025-01-01', 2, 'none');
    await level('1.000002', S2, '2026-03-10', 3, 'partial');
    await level('1.000003', S2, '2025-01-01', 2, 'none');
    await http()
      .post('/v1/events')
      .send([
        received('a1', S1, '1.000001', 'online'),
        paid('a1', 'online'),
        received('a2', S1, '1.000001', 'online'),
        received('a3', S1, '1.000001', 'direct'),
        paid('a3', 'offline'),
        received('a4', S1, '1.000002', 'online'),
        received('b1', S2, '1.000002', 'online'),
        received('b2', S2, '1.000003', 'postal'),
      ])
      .expect(200);
    // The catalogue's levels reach ClickHouse's copy (S2's were written last).
    await untilLevelsMirrored(api, S2, { online: 1, inForce: 3 });
  }, 240_000);
  afterAll(() => api?.stop());

  const indicator = async (id: string, query: string) =>
    (await http().get(`/v1/indicators/${id}?to=2026-03-31&groupBy=agency&${query}`).expect(200)).body;

  it('gives each child unit and the total the indicator API’s counts for the same scope and period', async () => {
    const report = (await http().get('/v1/reports/dvctt?period=2026-03&cut=calendar').expect(200)).body;
    const rows = report.rows as Row[];
    expect(rows.map((row) => row.key)).toEqual([S2, S1]);
    const columns = report.columns as { key: string }[];
    const at = (key: string) => columns.findIndex((column) => column.key === key);
    const checks: [string, string, string][] = [
      ['procedures.level3', 'from=2026-03-01', 'share.level3'],
      ['procedures.level4', 'from=2026-03-01', 'share.level4'],
      ['procedures.online', 'from=2026-03-01', 'share.online'],
      ['services.uptake', 'from=2026-03-01', 'services.uptake.percent'],
      ['dossiers.online', 'from=2026-03-01&level=3', 'dossiers.online.level3.percent'],
      ['dossiers.online', 'from=2026-03-01&level=4', 'dossiers.online.level4.percent'],
      ['payments.online', 'from=2026-03-01', 'payments.online.percent'],
      ['dossiers.postal', 'from=2026-03-01', 'dossiers.postal.percent'],
    ];
    const percent = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 100);
    for (const [id, query, column] of checks) {
      const answer = await indicator(id, query);
      const lines = [
        ...rows.map((row) => [row, answer.groups.find((group: { key: string }) => group.key === row.key)]),
        [report.total, answer],
      ];
      for (const [row, figures] of lines) {
        const ratio = column.endsWith('.percent');
        const cells = ratio ? row.cells.slice(at(column) - 2, at(column) + 1) : [row.cells[at(column)]];
        const expected = ratio
          ? [figures?.numerator ?? 0, figures?.denominator ?? 0, percent(figures?.value ?? null)]
          : [percent(figures?.value ?? null)];
        expect([id, query, row.key, cells]).toEqual([id, query, row.key, expected]);
      }
    }
    // Procedures in force and at levels 3 and 4: the level indicators' counts; all four levels add up.
    const level3 = await indicator('procedures.level3', 'from=2026-03-01');
    const level4 = await indicator('procedures.level4', 'from=2026-03-01');
    for (const row of rows) {
      const [three, four] = [level3, level4].map((answer) =>
        answer.groups.find((group: { key: string }) => group.key === row.key),
      );
      expect(row.cells.slice(2, 7)).toEqual([
        three.denominator,
        expect.any(Number),
        expect.any(Number),
        three.numerator,
        four.numerator,
      ]);
      const [total, l1, l2, l3, l4, none, partial, full] = row.cells.slice(2, 10) as number[];
      expect([row.key, l1 + l2 + l3 + l4, none + partial + full]).toEqual([row.key, total, total]);
    }
    // Sở Hai: 1.000001 at 1, 1.000002 at 3 (partial) since 10 March, 1.000003 at 2; Sở Một: 4 (full) and 3.
    expect(rows.map((row) => row.cells.slice(1, 10))).toEqual([
      ['Sở Hai', 3, 1, 1, 1, 0, 2, 1, 0],
      ['Sở Một', 2, 0, 0, 1, 1, 0, 1, 1],
    ]);
    // The province counts 1.000001 and 1.000002 once, at their highest level and fullest mode.
    expect(report.total.cells.slice(2, 10)).toEqual([3, 0, 1, 1, 1, 1, 1, 1]);
    const [two, one] = rows;
    const ratioAt = (row: Row, column: string) => row.cells.slice(at(column) - 2, at(column) + 1);
    expect(ratioAt(one, 'dossiers.online.level4.percent')).toEqual([2, 3, 66.67]);
    expect(ratioAt(one, 'payments.online.percent')).toEqual([1, 2, 50]);
    expect(ratioAt(two, 'dossiers.postal.percent')).toEqual([1, 2, 50]);
    expect(ratioAt(two, 'services.uptake.percent')).toEqual([1, 1, 100]);
  });

  it('gives the growth in points since the end of the year before, as procedures.level_growth does, and the verdict against +7 / +8', async () => {
    const report = (await http().get('/v1/reports/dvctt?period=2026-03&cut=calendar').expect(200)).body;
    const columns = (report.columns as { key: string }[]).map((column) => column.key);
    expect(columns.slice(13, 20)).toEqual([
      'growth.level3',
      'growth.level4',
      'growth.online',
      'target.online.verdict',
      'target.online.gap',
      'target.level4.verdict',
      'target.level4.gap',
    ]);
    const round2 = (value: number) => Math.round(value * 100) / 100 + 0;
    const [online, level4] = await Promise.all(
      [3, 4].map((level) => indicator('procedures.level_growth', `from=2026-01-01&level=${level}`)),
    );
    const lines: [
      Row | { key: string; cells: Row['cells'] },
      { value: number | null } | undefined,
      { value: number | null } | undefined,
    ][] = [
      ...(report.rows as Row[]).map(
        (row) =>
          [
            row,
            online.groups.find((group: { key: string }) => group.key === row.key),
            level4.groups.find((group: { key: string }) => group.key === row.key),
          ] as [Row, { value: number | null }, { value: number | null }],
      ),
      [{ key: 'total', cells: report.total.cells }, online, level4],
    ];
    for (const [row, growthOnline, growth4] of lines) {
      const [o, f] = [growthOnline?.value ?? null, growth4?.value ?? null];
      const judged = (growth: number | null, target: number) =>
        growth === null
          ? [null, null]
          : [round2(growth) >= target ? 'Đạt' : 'Chưa đạt', round2(growth - target)];
      expect([row.key, row.cells.slice(13, 20)]).toEqual([
        row.key,
        [
          o === null || f === null ? null : round2(o - f),
          f === null ? null : round2(f),
          o === null ? null : round2(o),
          ...judged(o, 7),
          ...judged(f, 8),
        ],
      ]);
    }
    // Sở Một went from 1 of 2 at level 3 or above to 2 of 2 (+50 points), and 0 to 1 of 2 at level 4 (+50), so
    // level 3 alone did not move; both targets met. Sở Hai went from 0 of 3 online to 1 of 3 (+33.33) with none
    // at level 4: online met by 26.33 points, level 4 short by 8.
    const byKey = (key: string) => (report.rows as Row[]).find((row) => row.key === key)?.cells.slice(13, 20);
    expect(byKey(S1)).toEqual([0, 50, 50, 'Đạt', 43, 'Đạt', 42]);
    expect(byKey(S2)).toEqual([33.33, 0, 33.33, 'Đạt', 26.33, 'Chưa đạt', -8]);
  });

  it('keeps a department to its own units, and lays the same table out as XLSX', async () => {
    const own = (await http().get(`/v1/reports/dvctt?period=2026-03&cut=calendar&agency=${S1}`).expect(200))
      .body;
    expect(own.rows.map((row: Row) => row.key)).toEqual([S1]);
    expect(own.total.cells.slice(2, 7)).toEqual([2, 0, 0, 1, 1]);
    const xlsx = await http().get('/v1/reports/dvctt?period=2026-03&cut=calendar&format=xlsx').expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('issues the report and lists, after a late event, exactly the unit whose counts moved', async () => {
    const issued = (
      await http().post('/v1/reports/dvctt/issue').send({ period: '2026-03', cut: 'calendar' }).expect(201)
    ).body;
    expect(issued).toMatchObject({ kind: 'dvctt', rows: 'agency' });
    // Late: another dossier of Sở Hai by post, received in March, sent only now.
    await http()
      .post('/v1/events')
      .send([received('b3', S2, '1.000003', 'postal')])
      .expect(200);
    const { body: revisions } = await http().get(`/v1/reports/issued/${issued.id}/revisions`).expect(200);
    expect(revisions.rows.map((row: { key: string }) => row.key)).toEqual([S2, 'total']);
    expect(revisions.rows[0].counts).toEqual([
      { column: 33, label: 'Hồ sơ tiếp nhận qua BCCI: Qua BCCI', issued: 1, now: 2 },
      { column: 34, label: 'Hồ sơ tiếp nhận qua BCCI: Tổng số', issued: 2, now: 3 },
      { column: 35, label: 'Hồ sơ tiếp nhận qua BCCI: Tỷ lệ (%)', issued: 50, now: 66.67 },
    ]);
  });
});
