import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ApiTokensService } from '@dvc/access';
import { aReceived, anEvent, waitFor } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/*
 * Form II.06a over HTTP for March 2026 on the statutory cut (15/02–14/03). Sở Xây dựng (000.00.12.H12, the
 * builders' agency) handles 1.004227 (Xây dựng) and 1.000001 (Tư pháp):
 *   A received 10/02 at the counter, due 20/02, resolved 01/03: carried over, resolved late
 *   B received 20/02 online, due 05/03, resolved 05/03: on time
 *   G received 16/02 at the counter, due 10/03, resolved 08/03: early
 *   C received 01/03 by post, due 20/03: in progress within its due date
 *   D received 02/03 online, due 10/03: in progress, overdue
 *   E received 03/03 online (Tư pháp), withdrawn 04/03: closed without a result
 *   F received 15/03: the next period
 */
const NOW = '2026-04-02T10:00:00+07:00';
const PROVINCE = '000.00.00.H12';
const DEPARTMENT = '000.00.12.H12';
const at = (day: string) => `2026-${day}T09:00:00+07:00`;
const due = (day: string) => `2026-${day}T17:00:00+07:00`;
const events = [
  aReceived('A', 'direct', { occurredAt: at('02-10'), dueAt: due('02-20') }),
  anEvent('resolved', 'A', { occurredAt: at('03-01') }),
  aReceived('B', 'online', { occurredAt: at('02-20'), dueAt: due('03-05') }),
  anEvent('resolved', 'B', { occurredAt: at('03-05') }),
  aReceived('G', 'direct', { occurredAt: at('02-16'), dueAt: due('03-10') }),
  anEvent('resolved', 'G', { occurredAt: at('03-08') }),
  aReceived('C', 'postal', { occurredAt: at('03-01'), dueAt: due('03-20') }),
  aReceived('D', 'online', { occurredAt: at('03-02'), dueAt: due('03-10') }),
  aReceived('E', 'online', { occurredAt: at('03-03'), dueAt: due('03-20'), procedureCode: '1.000001' }),
  anEvent('withdrawn', 'E', { occurredAt: at('03-04') }),
  aReceived('F', 'online', { occurredAt: at('03-15'), dueAt: due('03-30') }),
];

describe('reports over HTTP (chDB, PGlite; today pinned)', () => {
  let api: TestApiApp;
  const http = () => api.http();

  beforeAll(async () => {
    api = await startTestApiApp({ now: NOW });
    const post = (path: string, body: object) => http().post(path).send(body).expect(201);
    await post('/v1/agencies', {
      code: PROVINCE,
      name: 'UBND tỉnh Bình Thuận',
      kind: 'province',
      validFrom: '2020-01-01',
    });
    await post('/v1/agencies', {
      code: DEPARTMENT,
      name: 'Sở Xây dựng',
      kind: 'department',
      parentCode: PROVINCE,
      validFrom: '2020-01-01',
    });
    await post('/v1/procedures', { code: '1.004227', name: 'Cấp giấy phép xây dựng', field: 'Xây dựng' });
    await post('/v1/procedures', { code: '1.000001', name: 'Chứng thực bản sao', field: 'Tư pháp' });
    await http()
      .post('/v1/events')
      .set('content-type', 'application/json')
      .send(JSON.stringify(events))
      .expect(200);
  }, 240_000);
  afterAll(() => api?.stop());

  const march = (query = '') => `/v1/reports/ii06a?period=2026-03${query}`;
  /** A download read as bytes (an XLSX, a PDF). */
  const binary = (path: string) =>
    http()
      .get(path)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);

  it('lists the report kinds', async () => {
    const { body } = await http().get('/v1/reports').expect(200);
    expect(body.kinds.map((kind: { id: string }) => kind.id)).toEqual([
      'ii06a',
      'dvctt',
      'targets',
      'ranking',
    ]);
  });

  it('gives II.06a by field: the counts, the period on the statutory cut, the closed dossier explained', async () => {
    // The catalogue reaches ClickHouse through its mirror: wait until the fields are known there.
    const { body } = await waitFor(
      () => http().get(march()).expect(200),
      (response) => response.body.rows.some((row: { cells: unknown[] }) => row.cells[1] === 'Tư pháp'),
      { what: 'the fields mirrored into ClickHouse' },
    );
    expect(body.period).toMatchObject({
      key: '2026-03',
      cut: 'statutory',
      from: '2026-02-15',
      to: '2026-03-14',
    });
    expect(body.reporter).toBe('Ủy ban nhân dân tỉnh');
    expect(body.rows.map((row: { cells: unknown[] }) => row.cells)).toEqual([
      ['1', 'Tư pháp', 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['2', 'Xây dựng', 5, 2, 2, 1, 3, 1, 1, 1, 2, 1, 1],
    ]);
    expect(body.total.cells).toEqual(['', 'Tổng số', 6, 3, 2, 1, 3, 1, 1, 1, 2, 1, 1]);
    expect(body.figures.total).toMatchObject({ closedWithoutResult: 1, carriedOver: 1 });
    expect(body.notes).toContain(
      'Hồ sơ rút hoặc dừng xử lý trong kỳ (không có kết quả): 1; (3) = (7) + (11) + 1.',
    );
  });

  it('matches the indicator API for the same scope and period', async () => {
    const indicator = async (id: string, query: string) =>
      (await http().get(`/v1/indicators/${id}?${query}&agency=${DEPARTMENT}`).expect(200)).body;
    const { body } = await http()
      .get(march(`&agency=${DEPARTMENT}`))
      .expect(200);
    expect(body.reporter).toBe('Sở Xây dựng');
    const total = body.figures.total;
    const online = await indicator('dossiers.online', 'from=2026-02-15&to=2026-03-14');
    expect([total.receivedOnline, total.receivedOnline + total.receivedOther]).toEqual([
      online.numerator,
      online.denominator,
    ]);
    const onTime = await indicator('dossiers.on_time', 'from=2026-02-15&to=2026-03-14');
    expect([total.resolvedEarly, total.resolvedOnTime, total.resolvedLate]).toEqual([
      onTime.breakdown.early,
      onTime.breakdown.onTime,
      onTime.breakdown.late,
    ]);
    const open = await indicator('dossiers.open', 'date=2026-03-14');
    expect([total.inProgressWithinDue + total.inProgressOverdue, total.inProgressOverdue]).toEqual([
      open.numerator,
      open.breakdown.overdue,
    ]);
    const before = await indicator('dossiers.open', 'date=2026-02-14');
    expect(total.carriedOver).toBe(before.numerator);
  });

  it('uses the calendar cut when asked, and rows by child unit', async () => {
    const { body } = await http()
      .get(march(`&cut=calendar&rows=agency&agency=${PROVINCE}`))
      .expect(200);
    expect(body.period).toMatchObject({ from: '2026-03-01', to: '2026-03-31', cut: 'calendar' });
    // Carried over from February: A, B and G; received in March: C, D, E and F.
    expect(body.rows.map((row: { cells: unknown[] }) => row.cells.slice(1, 7))).toEqual([
      ['Sở Xây dựng', 7, 3, 1, 3, 3],
    ]);
  });

  it('downloads the XLSX laid out like the form, and a CSV with a BOM, the same bytes twice', async () => {
    const xlsx = await binary(march('&format=xlsx'));
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toContain(
      "filename*=UTF-8''II.06a-VPCP-KSTT_province_2026-03_statutory.xlsx",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(13).values as unknown[]).slice(1)).toEqual([
      '',
      'Tổng số',
      6,
      3,
      2,
      1,
      3,
      1,
      1,
      1,
      2,
      1,
      1,
    ]);

    const csv = await http().get(march('&format=csv')).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFFTT (1),')).toBe(true);
    expect(csv.text).toContain('\r\n,Tổng số,6,3,2,1,3,1,1,1,2,1,1\r\n');
    expect((await http().get(march('&format=csv')).expect(200)).text).toBe(csv.text);
  });

  it('refuses bad queries with a clear 400 and unknown kinds or agencies with 404', async () => {
    const bad = await http().get('/v1/reports/ii06a?period=2026-13').expect(400);
    expect(bad.body.message).toMatch(/period "2026-13": month outside 01–12/);
    const badFormat = await http().get('/v1/reports/ii06a?period=2026-03&format=docx&colour=red').expect(400);
    expect(badFormat.body.errors.join('\n')).toMatch(/format[\s\S]*colour/);
    await http().get('/v1/reports/ii06a').expect(400);
    const unknown = await http().get('/v1/reports/ii99?period=2026-03').expect(404);
    expect(unknown.body.message).toBe('unknown report kind "ii99"; known: ii06a, dvctt, targets, ranking');
    await http().get('/v1/reports/ii06a?period=2026-03&agency=000.00.99.H12').expect(404);
  });

  it('gives II.06a with one sheet per child unit: XLSX read back sheet by sheet and cell by cell, JSON alike', async () => {
    const xlsx = await binary(march('&sheets=unit&format=xlsx'));
    expect(xlsx.headers['content-disposition']).toContain(
      "filename*=UTF-8''II.06a-VPCP-KSTT_province_2026-03_statutory_units.xlsx",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    // The province's total sheet, then one per child unit of the UBND tỉnh (the catalogue's one root).
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['II.06a-VPCP-KSTT', 'Sở Xây dựng']);
    const cells = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    const [totalSheet, builders] = workbook.worksheets;
    const province = (await http().get(march()).expect(200)).body;
    [...province.rows, province.total].forEach((row: { cells: unknown[] }, offset: number) =>
      expect(cells(totalSheet, 11 + offset)).toEqual(row.cells),
    );
    // The unit's sheet is the unit's own report by field, row for row...
    const own = (
      await http()
        .get(march(`&agency=${DEPARTMENT}`))
        .expect(200)
    ).body;
    expect(builders.getCell(5, 1).value).toBe('Tại: Sở Xây dựng');
    expect(builders.getCell(9, 2).value).toBe('Lĩnh vực giải quyết');
    expect(own.rows.map((row: { cells: unknown[] }) => row.cells)).toEqual([
      ['1', 'Tư pháp', 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['2', 'Xây dựng', 5, 2, 2, 1, 3, 1, 1, 1, 2, 1, 1],
    ]);
    [...own.rows, own.total].forEach((row: { cells: unknown[] }, offset: number) =>
      expect(cells(builders, 11 + offset)).toEqual(row.cells),
    );
    // ...its total is the unit's row of the report by child unit...
    const byUnit = (
      await http()
        .get(march(`&rows=agency&agency=${PROVINCE}`))
        .expect(200)
    ).body;
    const unitRow = byUnit.rows.find((row: { cells: unknown[] }) => row.cells[1] === 'Sở Xây dựng');
    expect(cells(builders, 13).slice(2)).toEqual(unitRow.cells.slice(2));
    // ...and agrees with the indicator API for the unit and the period.
    const online = (
      await http()
        .get(`/v1/indicators/dossiers.online?from=2026-02-15&to=2026-03-14&agency=${DEPARTMENT}`)
        .expect(200)
    ).body;
    expect([
      builders.getCell(13, 4).value,
      Number(builders.getCell(13, 4).value) + Number(builders.getCell(13, 5).value),
    ]).toEqual([online.numerator, online.denominator]);
    expect(builders.getCell(13, 4).numFmt).toBe('#,##0');

    const json = (await http().get(march('&sheets=unit')).expect(200)).body;
    expect(json.total.cells).toEqual(province.total.cells);
    expect(json.sheets.map((sheet: { sheetName: string }) => sheet.sheetName)).toEqual(['Sở Xây dựng']);
    expect(json.sheets[0].rows).toEqual(own.rows);
    expect(json.sheets[0].total).toEqual(own.total);
  });

  it('refuses one sheet per unit where it cannot be: CSV, PDF, rows by unit, other kinds, issuing', async () => {
    const csv = await http().get(march('&sheets=unit&format=csv')).expect(400);
    expect(csv.body.message).toBe(
      'sheets=unit is a workbook of sheets and cannot be one CSV: ask format=xlsx (or json) for it, ' +
        'or rows=agency for one table with a row per child unit',
    );
    const pdf = await http().get(march('&sheets=unit&format=pdf')).expect(400);
    expect(pdf.body.message).toMatch(/cannot be one PDF: ask format=xlsx/);
    const byUnit = await http().get(march('&sheets=unit&rows=agency')).expect(400);
    expect(byUnit.body.message).toMatch(/^sheets=unit lays each child unit out by field/);
    const ranking = await http().get('/v1/reports/ranking?period=2026-03&sheets=unit').expect(400);
    expect(ranking.body.message).toMatch(/^sheets=unit does not apply to ranking/);
    // The issued report is frozen as one sheet; the per-unit layout is not part of it.
    const issue = await http()
      .post('/v1/reports/ii06a/issue')
      .send({ period: '2026-03', sheets: 'unit' })
      .expect(400);
    expect(issue.body.errors.join('\n')).toMatch(/sheets/);
    expect((await http().get(march('&sheets=single')).expect(200)).body.sheets).toBeUndefined();
  });

  describe('issuing (chốt số liệu)', () => {
    const downloads = async (id: string) =>
      Promise.all(
        ['json', 'csv', 'xlsx'].map((format) => binary(`/v1/reports/issued/${id}?format=${format}`)),
      );

    it('freezes the figures: late events change the live report, not the issued one, and revisions name the rows', async () => {
      const live = (await http().get(march()).expect(200)).body;
      // Who issues it is the caller, never a name in the body.
      const { token } = await api.app.get(ApiTokensService).issue({
        owner: 'Nguyễn Văn An (Sở TT&TT)',
        scope: { role: 'analyst' },
        createdBy: 'test',
      });
      const issue = await api
        .as(token)
        .post('/v1/reports/ii06a/issue')
        .send({ period: '2026-03' })
        .expect(201);
      const issued = issue.body;
      expect(issued).toMatchObject({
        kind: 'ii06a',
        agency: null,
        period: { key: '2026-03', cut: 'statutory', from: '2026-02-15', to: '2026-03-14' },
        rows: 'field',
        issuedBy: 'Nguyễn Văn An (Sở TT&TT)',
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const again = await http().post('/v1/reports/ii06a/issue').send({ period: '2026-03' }).expect(409);
      expect(again.body.message).toContain(issued.id);
      const audited = await api.app
        .get(DataSource)
        .query(
          `SELECT principal_name, principal_role, after FROM audit.entries WHERE entity = 'reports.issued_reports'`,
        );
      expect(audited).toEqual([
        {
          principal_name: 'Nguyễn Văn An (Sở TT&TT)',
          principal_role: 'analyst',
          after: expect.objectContaining({
            id: issued.id,
            issued_by: 'Nguyễn Văn An (Sở TT&TT)',
            checksum: issued.checksum,
          }),
        },
      ]);
      expect(audited[0].after).not.toHaveProperty('content');

      const [json, csv, xlsx] = await downloads(issued.id);
      expect(json.headers['x-report-checksum']).toBe(issued.checksum);
      const frozen = JSON.parse((json.body as Buffer).toString('utf8'));
      expect(frozen.rows).toEqual(live.rows);
      expect(frozen.total).toEqual(live.total);
      expect(frozen.asOf).toBe(issued.asOf);
      expect((csv.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

      // Late: H, received online on 05/03 (Xây dựng), and D's resolution on 12/03, both sent only now.
      await http()
        .post('/v1/events')
        .set('content-type', 'application/json')
        .send(
          JSON.stringify([
            aReceived('H', 'online', { occurredAt: at('03-05'), dueAt: due('03-25') }),
            anEvent('resolved', 'D', { occurredAt: at('03-12') }),
          ]),
        )
        .expect(200);
      const moved = (await http().get(march()).expect(200)).body;
      expect(moved.total.cells).toEqual(['', 'Tổng số', 7, 4, 2, 1, 4, 1, 1, 2, 2, 2, 0]);

      const [json2, csv2, xlsx2] = await downloads(issued.id);
      expect((json2.body as Buffer).equals(json.body as Buffer)).toBe(true);
      expect((csv2.body as Buffer).equals(csv.body as Buffer)).toBe(true);
      expect((xlsx2.body as Buffer).equals(xlsx.body as Buffer)).toBe(true);

      const { body: revisions } = await http().get(`/v1/reports/issued/${issued.id}/revisions`).expect(200);
      expect(revisions.receivedSince).toBe(1);
      expect(revisions.rows.map((row: { key: string }) => row.key)).toEqual(['Xây dựng', 'total']);
      expect(revisions.rows[0].counts).toEqual([
        { column: 3, label: 'Số hồ sơ nhận giải quyết: Tổng số', issued: 5, now: 6 },
        { column: 4, label: 'Số hồ sơ nhận giải quyết: Trực tuyến', issued: 2, now: 3 },
        { column: 7, label: 'Số hồ sơ đã giải quyết: Tổng số', issued: 3, now: 4 },
        { column: 10, label: 'Số hồ sơ đã giải quyết: Quá hạn', issued: 1, now: 2 },
        { column: 12, label: 'Số hồ sơ đang giải quyết: Trong hạn', issued: 1, now: 2 },
        { column: 13, label: 'Số hồ sơ đang giải quyết: Quá hạn', issued: 1, now: 0 },
      ]);

      const { body: list } = await http().get('/v1/reports/issued?period=2026-03').expect(200);
      expect(list.issued.map((report: { id: string }) => report.id)).toEqual([issued.id]);
    });

    it('answers 400 for a bad id or body and 404 for an unknown one', async () => {
      await http().get('/v1/reports/issued/not-an-id').expect(400);
      await http().get('/v1/reports/issued/00000000-0000-4000-8000-000000000000').expect(404);
      const named = await http()
        .post('/v1/reports/ii06a/issue')
        .send({ period: '2026-03', issuedBy: 'someone else' })
        .expect(400);
      expect(named.body.errors).toEqual([expect.stringContaining('issuedBy')]);
      await http().post('/v1/reports/ii06a/issue').send({ period: '2026-14' }).expect(400);
    });
  });

  it('renders the PDF', async () => {
    const pdf = await binary(march('&format=pdf'));
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
