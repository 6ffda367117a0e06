import { createHash } from 'node:crypto';
import { localDateOf } from '@dvc/indicators';
import { anEvent, aReceived, TestClickHouse, WireEvent } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

const KNOWN_AGENCY = '000.00.12.H12'; // the builders' default agency
const KNOWN_PROCEDURE = '1.004227'; // the builders' default procedure
const UNKNOWN_AGENCY = '000.00.99.H12';
const APRIL_AGENCY = '000.00.88.H12';
const TRANSFER_TARGET = '000.00.77.H12';
const UNKNOWN_PROCEDURE = '2.000001';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const LOCAL_PROCEDURE = '1.004227.000.00.12.H12';

describe('GET /v1/data-quality on chDB and PGlite', () => {
  let api: TestApiApp;
  let clickhouse: TestClickHouse;

  beforeEach(async () => {
    api = await startTestApiApp();
    ({ clickhouse } = api);
  });
  afterEach(() => api.stop());

  const get = (path: string) => api.http().get(path);
  const sendNdjson = (lines: string[]) =>
    api.http().post('/v1/events').set('content-type', 'application/x-ndjson').send(lines.join('\n'));

  const bReceived = aReceived('B', 'direct', {
    agencyCode: UNKNOWN_AGENCY,
    procedureCode: UNKNOWN_PROCEDURE,
    occurredAt: '2026-03-03T08:00:00+07:00',
  });
  const faxed: WireEvent = { ...aReceived('D', 'online'), channel: 'fax' };
  const lines = [
    aReceived('A', 'online'), // known codes, 2026-03-02T02:00Z
    bReceived,
    // An event naming two agencies: one unknown (agencyCode), one known (toAgencyCode).
    anEvent('transferred', 'B', {
      agencyCode: UNKNOWN_AGENCY,
      toAgencyCode: TRANSFER_TARGET,
      occurredAt: '2026-03-04T10:00:00+07:00',
    }),
    // A local procedure code (national code + agency suffix) the catalogue does not list as such.
    aReceived('C', 'online', {
      agencyCode: UNKNOWN_AGENCY,
      procedureCode: LOCAL_PROCEDURE,
      occurredAt: '2026-03-31T23:30:00+07:00',
    }),
    aReceived('F', 'direct', { procedureCode: UNKNOWN_PROCEDURE, occurredAt: '2026-03-10T09:00:00+07:00' }),
    // Locally 1 April, though still 31 March in UTC.
    aReceived('E', 'online', { agencyCode: APRIL_AGENCY, occurredAt: '2026-04-01T00:30:00+07:00' }),
    bReceived, // a duplicate: changes no count
  ]
    .map((event) => JSON.stringify(event))
    .concat(['{"eventId": "x", ', JSON.stringify(faxed), JSON.stringify({ type: 'received' })]);

  /**
   * The app published PostgreSQL's (empty) catalogue at start-up as publication P. By hand, P + 1 becomes
   * current, under the same PostgreSQL revision so the app's mirror sees nothing to publish; P + 2 is still
   * being written (no row in catalogue_publications yet) and must not count.
   */
  const publishCatalogue = async (): Promise<number> => {
    const latest = await clickhouse.client.query({
      query: `SELECT publication, pg_revision FROM ${clickhouse.database}.catalogue_publications
              ORDER BY publication DESC LIMIT 1`,
      format: 'JSONEachRow',
    });
    const [started] = await latest.json<{ publication: number | string; pg_revision: number | string }>();
    const current = Number(started.publication) + 1;
    const agencies = (publication: number, codes: string[]) =>
      codes.map((code) => ({
        publication,
        code,
        name: `Cơ quan ${code}`,
        kind: 'department',
        valid_from: '2020-01-01',
        valid_to: '2149-06-06',
        current_code: code,
      }));
    const procedures = (publication: number, codes: string[]) =>
      codes.map((code) => ({
        publication,
        code,
        name: `Thủ tục ${code}`,
        field: 'Tư pháp',
        valid_to: '2149-06-06',
      }));
    const insert = (table: string, values: object[]) =>
      clickhouse.client.insert({ table: `${clickhouse.database}.${table}`, values, format: 'JSONEachRow' });
    await insert('catalogue_agencies', [
      ...agencies(current, [KNOWN_AGENCY, TRANSFER_TARGET]),
      ...agencies(current + 1, [KNOWN_AGENCY, TRANSFER_TARGET, UNKNOWN_AGENCY, APRIL_AGENCY]),
    ]);
    await insert('catalogue_procedures', [
      ...procedures(current, [KNOWN_PROCEDURE]),
      ...procedures(current + 1, [KNOWN_PROCEDURE, UNKNOWN_PROCEDURE, LOCAL_PROCEDURE]),
    ]);
    await insert('catalogue_publications', [
      {
        publication: current,
        pg_revision: Number(started.pg_revision),
        published_at: '2026-03-02 00:00:00.000',
      },
    ]);
    return current;
  };

  it('lists unknown codes against the current publication and rejected items by reason; indicators still count every event', async () => {
    const before = new Date();
    const posted = await sendNdjson(lines);
    const after = new Date();
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ accepted: 6, duplicates: 1 });
    expect(posted.body.rejected.map((item: { reason: string }) => item.reason)).toEqual([
      'invalid_json',
      'schema_violation',
      'schema_violation',
    ]);

    const rejected = {
      total: 3,
      byReason: [
        { reason: 'schema_violation', step: 'validate', count: 2, lastAt: expect.any(String) },
        { reason: 'invalid_json', step: 'parse', count: 1, lastAt: expect.any(String) },
      ],
    };

    // The catalogue published at start-up is empty: every code is unknown.
    const unpublished = await get('/v1/data-quality');
    expect(unpublished.status).toBe(200);
    expect(unpublished.body).toEqual({
      scope: { agency: null, structure: 'reported' },
      catalogue: { publication: expect.any(Number) },
      unknownAgencies: [
        {
          code: UNKNOWN_AGENCY,
          events: 3,
          dossiers: 2,
          firstSeen: '2026-03-03T01:00:00.000Z',
          lastSeen: '2026-03-31T16:30:00.000Z',
        },
        {
          code: KNOWN_AGENCY,
          events: 2,
          dossiers: 2,
          firstSeen: '2026-03-02T02:00:00.000Z',
          lastSeen: '2026-03-10T02:00:00.000Z',
        },
        // Equal counts: by code.
        {
          code: TRANSFER_TARGET,
          events: 1,
          dossiers: 1,
          firstSeen: '2026-03-04T03:00:00.000Z',
          lastSeen: '2026-03-04T03:00:00.000Z',
        },
        {
          code: APRIL_AGENCY,
          events: 1,
          dossiers: 1,
          firstSeen: '2026-03-31T17:30:00.000Z',
          lastSeen: '2026-03-31T17:30:00.000Z',
        },
      ],
      unknownProcedures: [
        {
          code: KNOWN_PROCEDURE,
          events: 2,
          dossiers: 2,
          firstSeen: '2026-03-02T02:00:00.000Z',
          lastSeen: '2026-03-31T17:30:00.000Z',
        },
        {
          code: UNKNOWN_PROCEDURE,
          events: 2,
          dossiers: 2,
          firstSeen: '2026-03-03T01:00:00.000Z',
          lastSeen: '2026-03-10T02:00:00.000Z',
        },
        {
          code: LOCAL_PROCEDURE,
          events: 1,
          dossiers: 1,
          firstSeen: '2026-03-31T16:30:00.000Z',
          lastSeen: '2026-03-31T16:30:00.000Z',
        },
      ],
      // Every event came over HTTP from the builders' one source; A in April is the latest to occur.
      sources: [
        {
          source: 'test-province',
          events: 6,
          lastOccurredAt: '2026-03-31T17:30:00.000Z',
          lastIngestedAt: expect.any(String),
          lastVia: 'http',
        },
      ],
      rejected,
    });
    const [{ lastIngestedAt }] = unpublished.body.sources as { lastIngestedAt: string }[];
    expect(Date.parse(lastIngestedAt)).toBeGreaterThanOrEqual(before.getTime());
    expect(Date.parse(lastIngestedAt)).toBeLessThanOrEqual(after.getTime());
    for (const { lastAt } of unpublished.body.rejected.byReason as { lastAt: string }[]) {
      expect(Date.parse(lastAt)).toBeGreaterThanOrEqual(before.getTime());
      expect(Date.parse(lastAt)).toBeLessThanOrEqual(after.getTime());
    }

    // The current publication knows the default codes and the transfer target; the next is not visible yet.
    const current = await publishCatalogue();
    expect(current).toBe(unpublished.body.catalogue.publication + 1);
    const published = await get('/v1/data-quality');
    expect(published.body).toEqual({
      scope: { agency: null, structure: 'reported' },
      catalogue: { publication: current },
      unknownAgencies: [
        {
          code: UNKNOWN_AGENCY,
          events: 3,
          dossiers: 2,
          firstSeen: '2026-03-03T01:00:00.000Z',
          lastSeen: '2026-03-31T16:30:00.000Z',
        },
        {
          code: APRIL_AGENCY,
          events: 1,
          dossiers: 1,
          firstSeen: '2026-03-31T17:30:00.000Z',
          lastSeen: '2026-03-31T17:30:00.000Z',
        },
      ],
      unknownProcedures: [
        {
          code: UNKNOWN_PROCEDURE,
          events: 2,
          dossiers: 2,
          firstSeen: '2026-03-03T01:00:00.000Z',
          lastSeen: '2026-03-10T02:00:00.000Z',
        },
        {
          code: LOCAL_PROCEDURE,
          events: 1,
          dossiers: 1,
          firstSeen: '2026-03-31T16:30:00.000Z',
          lastSeen: '2026-03-31T16:30:00.000Z',
        },
      ],
      sources: unpublished.body.sources,
      rejected,
    });

    // Events with unknown codes count like any other: March has A and C online, B and F direct.
    const march = await get('/v1/indicators/dossiers.online?from=2026-03-01&to=2026-03-31');
    expect(march.body).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    const april = await get('/v1/indicators/dossiers.online?from=2026-04-01&to=2026-04-30');
    expect(april.body).toMatchObject({ numerator: 1, denominator: 1, value: 1 });

    // The record behind the counts: which transport, the eventId where there was one, of the payload its
    // contract fields and the hash of its bytes.
    const rows = await clickhouse.client.query({
      query: `SELECT via, step, reason, event_id, contract_fields, payload_sha256, payload_bytes, kafka_offset
              FROM ${clickhouse.database}.rejected_events ORDER BY reason, payload_bytes`,
      format: 'JSONEachRow',
    });
    const { channel: _channel, ...faxedWithoutChannel } = faxed;
    const stored = (await rows.json<Record<string, unknown>>()).map((row) => ({
      ...row,
      contract_fields: JSON.parse(row.contract_fields as string) as unknown,
    }));
    expect(stored).toEqual([
      {
        via: 'http',
        step: 'parse',
        reason: 'invalid_json',
        event_id: null,
        contract_fields: {},
        payload_sha256: sha256('{"eventId": "x", '),
        payload_bytes: 17,
        kafka_offset: null,
      },
      {
        via: 'http',
        step: 'validate',
        reason: 'schema_violation',
        event_id: null,
        contract_fields: { type: 'received' },
        payload_sha256: sha256('{"type":"received"}'),
        payload_bytes: 19,
        kafka_offset: null,
      },
      {
        via: 'http',
        step: 'validate',
        reason: 'schema_violation',
        event_id: faxed.eventId,
        // The channel the contract does not allow is not kept (the error names it).
        contract_fields: faxedWithoutChannel,
        payload_sha256: sha256(JSON.stringify(faxed)),
        payload_bytes: JSON.stringify(faxed).length,
        kafka_offset: null,
      },
    ]);
  });

  it('limits events by local days of occurrence, rejections by the day they were rejected, and lists by limit', async () => {
    const today = localDateOf(new Date());
    await sendNdjson(lines);
    await publishCatalogue();

    // 1 April local starts at 31 March 17:00 UTC: E falls outside March.
    const march = await get('/v1/data-quality?from=2026-03-01&to=2026-03-31&limit=1');
    expect(march.status).toBe(200);
    expect(march.body).toMatchObject({
      unknownAgencies: [{ code: UNKNOWN_AGENCY, events: 3, dossiers: 2 }],
      unknownProcedures: [{ code: UNKNOWN_PROCEDURE, events: 2, dossiers: 2 }],
    });
    const april = await get('/v1/data-quality?from=2026-04-01');
    expect(april.body).toMatchObject({
      unknownAgencies: [{ code: APRIL_AGENCY, events: 1 }],
      unknownProcedures: [],
    });
    // Only B was seen before 4 March with an unknown code; the transfer of 4 March is the day after.
    const early = await get('/v1/data-quality?to=2026-03-03');
    expect(early.body).toMatchObject({
      unknownAgencies: [
        { code: UNKNOWN_AGENCY, events: 1, dossiers: 1, lastSeen: '2026-03-03T01:00:00.000Z' },
      ],
    });

    expect((await get(`/v1/data-quality?from=${today}`)).body.rejected).toMatchObject({ total: 3 });
    expect((await get(`/v1/data-quality?to=${dayBefore(today)}`)).body.rejected).toEqual({
      total: 0,
      byReason: [],
    });
  });

  it('is documented in OpenAPI from its zod schemas', async () => {
    const docs = (await get('/docs-json')).body;
    const operation = docs.paths['/v1/data-quality'].get;
    expect(operation.operationId).toBe('getDataQuality');
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'from',
      'to',
      'agency',
      'structure',
      'limit',
    ]);
    expect(Object.keys(docs.components.schemas.DataQualityReportDto.properties)).toEqual([
      'scope',
      'catalogue',
      'unknownAgencies',
      'unknownProcedures',
      'sources',
      'rejected',
    ]);
  });

  it('refuses a reversed period, a bad limit and unknown parameters', async () => {
    const reversed = await get('/v1/data-quality?from=2026-03-31&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual(['to: "from" must not be after "to"']);
    for (const query of [
      'limit=0',
      'limit=abc',
      'limit=1001',
      'from=2026-02-30',
      'structure=today',
      'agencyCode=X',
    ]) {
      const response = await get(`/v1/data-quality?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });
});

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
