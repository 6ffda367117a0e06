import { gzipSync } from 'node:zlib';
import { aReceived, aZipBomb } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/** Hostile or broken requests get a clear 4xx naming what is wrong, never a 5xx or "send it again later". */
describe('hostile input over HTTP', () => {
  let api: TestApiApp;
  beforeAll(async () => {
    api = await startTestApiApp();
  });
  afterAll(() => api.stop());

  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  const postEvents = (contentType: string, body: string | Buffer) =>
    api.http().post('/v1/events').set('content-type', contentType).send(body);

  it('refuses a JSON body nested 10,000 deep with 400, before anything recursive runs', async () => {
    const response = await postEvents(
      'application/json',
      `[${JSON.stringify(aReceived('A', 'online'))},${deep(10_000)}]`,
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      message: expect.stringMatching(/nests arrays and objects more than 32 levels deep/),
    });
    const object = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect((await postEvents('application/json', object)).status).toBe(400);
  });

  it('rejects a deep or oversized NDJSON line on its own and accepts its valid siblings', async () => {
    const lines = [
      JSON.stringify(aReceived('NDJSON-1', 'online')),
      deep(10_000),
      JSON.stringify({ ...aReceived('NDJSON-2', 'direct'), padding: 'x'.repeat(70_000) }),
      JSON.stringify(aReceived('NDJSON-3', 'direct')),
    ];
    const response = await postEvents('application/x-ndjson', lines.join('\n'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          eventId: null,
          reason: 'too_deep',
          errors: [expect.stringMatching(/more than 32 levels/)],
        },
        {
          index: 2,
          eventId: null,
          reason: 'too_large',
          errors: [expect.stringMatching(/at most 65536 bytes/)],
        },
      ],
    });
  });

  it('refuses NUL bytes in query parameters and path segments with 400', async () => {
    for (const url of [
      '/v1/indicators/dossiers.online?year=2026&agency=000.00.12%00.H12',
      '/v1/agencies/000.00.12.H12%00',
      '/v1/targets/status?period=2026%00',
    ]) {
      const response = await api.http().get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 400 });
      expect(response.body).toEqual({ statusCode: 400, message: expect.stringMatching(/NUL/) });
    }
  });

  it('refuses a catalogue name holding NUL: 400 for a JSON body, a row error in an imported file', async () => {
    const created = await api
      .http()
      .post('/v1/agencies')
      .send({ code: '000.00.00.H12', name: 'UBND\u0000 tỉnh', kind: 'province', validFrom: '2020-01-01' });
    expect(created.status).toBe(400);
    expect(created.body.message).toMatch(/NUL/);

    const imported = await api
      .http()
      .post('/v1/catalogue/imports?kind=agencies&dryRun=true')
      .set('content-type', 'text/csv')
      .send(Buffer.from('code,name,kind,valid_from\n000.00.00.H12,UBND\u0000 tỉnh,province,2020-01-01\n'));
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      ok: false,
      valid: 0,
      errors: [{ row: 2, column: 'name', reason: expect.stringMatching(/NUL/) }],
    });
  });

  it('refuses a zip bomb sent as a catalogue workbook with 413, unzipping nothing', async () => {
    const response = await api
      .http()
      .post('/v1/catalogue/imports?dryRun=true')
      .set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await aZipBomb(1024));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      statusCode: 413,
      message: expect.stringMatching(/^the workbook unzips to 1024 MB, more than the 200 MB/),
    });
  });

  it('refuses an unknown Content-Encoding with 415 and inflates gzip', async () => {
    const body = JSON.stringify([aReceived('GZIP-1', 'online')]);
    const unknown = await api
      .http()
      .post('/v1/events')
      .set('content-type', 'application/json')
      .set('content-encoding', 'zstd-custom')
      .send(body);
    expect(unknown.status).toBe(415);
    expect(unknown.body).toEqual({ statusCode: 415, message: expect.stringMatching(/zstd-custom/) });

    const agencies = await api
      .http()
      .post('/v1/agencies')
      .set('content-type', 'application/json')
      .set('content-encoding', 'zstd-custom')
      .send('{}');
    expect(agencies.status).toBe(415);

    // NDJSON: superagent would serialise a Buffer sent as application/json.
    const gzipped = await postEvents('application/x-ndjson', gzipSync(body.slice(1, -1))).set(
      'content-encoding',
      'gzip',
    );
    expect(gzipped.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('answers a malformed JSON body on a JSON route with 400, not 500', async () => {
    const response = await api
      .http()
      .post('/v1/agencies')
      .set('content-type', 'application/json')
      .send('{"code":');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ statusCode: 400, message: expect.stringMatching(/not valid JSON/) });
    const nested = await api
      .http()
      .post('/v1/agencies')
      .set('content-type', 'application/json')
      .send('{"name":' + deep(10_000) + '}');
    expect(nested.status).toBe(400);
    expect(nested.body.message).toMatch(/levels deep/);
  });

  it('accepts an event early on 1 January 2000 in Vietnam (still 1999 in UTC)', async () => {
    const response = await postEvents(
      'application/json',
      JSON.stringify([
        aReceived('Y2K', 'online', {
          occurredAt: '2000-01-01T03:00:00+07:00',
          dueAt: '2000-01-10T17:00:00+07:00',
        }),
      ]),
    );
    expect(response.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});
