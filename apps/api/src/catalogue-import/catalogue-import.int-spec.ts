import { INestApplication } from '@nestjs/common';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook with Vietnamese sheet names and headers: a province, a department, one procedure at level 3 then 4. */
async function aCatalogueWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  const agencies = workbook.addWorksheet('Cơ quan');
  agencies.addRow(['Mã cơ quan', 'Tên cơ quan', 'Loại', 'Mã cơ quan cấp trên', 'Hiệu lực từ']);
  agencies.addRow(['000.00.00.H99', 'UBND tỉnh Hòa An', 'tỉnh', '', '01/01/2020']);
  agencies.addRow(['000.00.12.H99', 'Sở Tư pháp', 'sở', '000.00.00.H99', '01/01/2020']);
  const procedures = workbook.addWorksheet('Thủ tục');
  procedures.addRow([
    'Mã thủ tục',
    'Tên thủ tục',
    'Lĩnh vực',
    'Mã cơ quan',
    'Áp dụng từ',
    'Mức độ',
    'Hình thức',
    'Cổng DVCQG',
    'Thu phí',
  ]);
  procedures.addRow([
    '1.004227',
    'Cấp phiếu LLTP',
    'Tư pháp',
    '000.00.12.H99',
    '01/01/2024',
    3,
    'một phần',
    'x',
    'x',
  ]);
  procedures.addRow([
    '1.004227',
    'Cấp phiếu LLTP',
    'Tư pháp',
    '000.00.12.H99',
    '01/07/2025',
    'mức 5',
    'toàn trình',
    'x',
    'x',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('POST /v1/catalogue/imports on chDB and PGlite', () => {
  let api: TestApiApp;
  let app: INestApplication;

  beforeAll(async () => {
    api = await startTestApiApp();
    ({ app } = api);
  });
  afterAll(() => api.stop());

  const post = (query: string, contentType: string, body: Buffer | string) =>
    request(app.getHttpServer())
      .post(`/v1/catalogue/imports${query}`)
      .set('content-type', contentType)
      .send(body);

  it('imports a workbook (dry run first), answering 200 with the report, bad rows included', async () => {
    const workbook = await aCatalogueWorkbook();
    const dryRun = await post('?dryRun=true', XLSX, workbook);
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toEqual({
      kinds: ['agencies', 'procedures'],
      dryRun: true,
      ok: false,
      failure: null,
      rows: 4,
      valid: 3,
      changes: { agencies: 2, lineage: 0, procedures: 1, offerings: 1, levels: 1, targets: 0 },
      written: { agencies: 0, lineage: 0, procedures: 0, offerings: 0, levels: 0, targets: 0 },
      errors: [
        {
          sheet: 'Thủ tục',
          row: 3,
          column: 'Mức độ',
          value: 'mức 5',
          reason: 'expected a level from 1 to 4 (3 or "mức 3")',
        },
      ],
      warnings: [],
    });

    const imported = await post('', XLSX, workbook);
    expect(imported.body).toMatchObject({ dryRun: false, written: dryRun.body.changes });
    expect((await post('?dryRun=1', XLSX, workbook)).body.changes).toEqual(dryRun.body.written);
  });

  it('imports a CSV file of the kind named in the query', async () => {
    const csv =
      'code,name,kind,parent_code,valid_from\n000.00.13.H99,Sở Xây dựng,department,000.00.00.H99,2020-01-01\n';
    const response = await post('?kind=agencies', 'text/csv; charset=utf-8', csv);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, kinds: ['agencies'], written: { agencies: 1 } });
  });

  it('refuses what it cannot read: 400 with the reason, 415 for other types, 413 above 20 MB', async () => {
    const noKind = await post('', 'text/csv', 'code,name\n');
    expect(noKind.status).toBe(400);
    expect(noKind.body.message).toMatch(/say which kind a CSV file holds/);

    const badKind = await post('?kind=dossiers', 'text/csv', 'code,name\n');
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors.join()).toMatch(/^kind:/);

    const notXlsx = await post('', XLSX, 'code,name\n');
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.message).toBe('the file is not an XLSX workbook');

    const json = await post('?kind=agencies', 'application/json', '{"code": "x"}');
    expect(json.status).toBe(415);
    expect(json.body.message).toMatch(/^send the file as text\/csv or /);

    const tooLarge = await post('?kind=agencies', 'text/csv', Buffer.alloc(21 * 1024 * 1024, 'a'));
    expect(tooLarge.status).toBe(413);
  });

  it('names an old .xls file as such, without a kind too, whatever type it was sent as', async () => {
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    for (const type of ['application/vnd.ms-excel', 'text/csv']) {
      const response = await post('', type, xls);
      expect({ type, status: response.status, message: response.body.message }).toEqual({
        type,
        status: 400,
        message: 'this is an old Excel .xls file: save it as .xlsx (Excel Workbook) or CSV UTF-8',
      });
    }
  });

  it('takes a browser form upload (multipart/form-data): CSV by its name, XLSX by its type', async () => {
    const csv =
      'code,name,kind,parent_code,valid_from\n000.00.14.H99,Sở Y tế,department,000.00.00.H99,2020-01-01\n';
    const fromForm = await request(app.getHttpServer())
      .post('/v1/catalogue/imports?kind=agencies&dryRun=true')
      .attach('file', Buffer.from(csv), { filename: 'co-quan.csv', contentType: 'application/octet-stream' });
    expect(fromForm.status).toBe(200);
    expect(fromForm.body).toMatchObject({ ok: true, kinds: ['agencies'], rows: 1, changes: { agencies: 1 } });
    const workbook = await request(app.getHttpServer())
      .post('/v1/catalogue/imports?dryRun=true')
      .attach('upload', await aCatalogueWorkbook(), { filename: 'danh-muc.xlsx', contentType: XLSX });
    expect(workbook.body).toMatchObject({ kinds: ['agencies', 'procedures'], rows: 4 });
    const empty = await request(app.getHttpServer())
      .post('/v1/catalogue/imports?kind=agencies')
      .field('note', 'no file here');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/holds no file/);
  });
});
