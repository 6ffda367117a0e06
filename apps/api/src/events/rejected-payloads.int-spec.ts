import { createHash } from 'node:crypto';
import { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { aReceived, POSTGRES_ENGINES } from '@dvc/testing';
import { startTestApiApp, TestApiApp } from '../testing/test-api-app';

/** Personal data a vendor may send by mistake: an applicant's name, phone and CCCD number. */
const NAME = 'Nguyễn Thị Bích Ngọc';
const PHONE = '0987654321';
const CCCD = '079204011223';
const PERSONAL = [NAME, PHONE, CCCD];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(POSTGRES_ENGINES)(
  'rejected payloads keep no personal data (chDB + %s)',
  (_engine, startPostgres) => {
    let api: TestApiApp;
    const logged: string[] = [];
    const logger: LoggerService = {
      log: (message: unknown) => logged.push(String(message)),
      error: (message: unknown) => logged.push(String(message)),
      warn: (message: unknown) => logged.push(String(message)),
    };

    beforeAll(async () => {
      api = await startTestApiApp({ postgres: startPostgres, logger });
    });
    afterAll(() => api.stop());

    /** Every row of every table of the test database, as ClickHouse prints it. */
    const everyClickHouseRow = async () => {
      const tables = await api.clickhouse.client.query({
        query: `SELECT name FROM system.tables WHERE database = {db:String} AND engine NOT LIKE '%View'`,
        query_params: { db: api.clickhouse.database },
        format: 'JSONEachRow',
      });
      const texts: string[] = [];
      for (const { name } of await tables.json<{ name: string }>()) {
        const rows = await api.clickhouse.client.query({
          query: `SELECT * FROM ${api.clickhouse.database}.${name}`,
          format: 'TabSeparated',
        });
        texts.push(await rows.text());
      }
      return texts.join('\n');
    };
    /** Every row of every table outside PostgreSQL's own schemas, as JSON. */
    const everyPostgresRow = async () => {
      const dataSource = api.app.get(DataSource);
      const tables: { schema: string; name: string }[] = await dataSource.query(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      const texts: string[] = [];
      for (const { schema, name } of tables) {
        const rows: { row: string }[] = await dataSource.query(
          `SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`,
        );
        texts.push(...rows.map((row) => row.row));
      }
      return { tables: tables.length, text: texts.join('\n') };
    };

    it('stores a rejected event with its errors, contract fields and hash, and the personal values nowhere', async () => {
      const event = {
        ...aReceived('HS-PII-1', 'online', { eventId: 'e-pii-1' }),
        channel: 'fax',
        applicantName: NAME,
        applicantPhone: PHONE,
        // A contract field of the wrong shape carrying personal data is dropped too.
        procedureCode: { citizenId: CCCD },
      };
      const lines = [
        JSON.stringify(event),
        `{"eventId": "e-pii-2", "applicantName": "${NAME}" "phone": ${PHONE}`,
        JSON.stringify(aReceived('HS-OK-1', 'online')),
      ];
      const response = await api
        .http()
        .post('/v1/events')
        .set('content-type', 'application/x-ndjson')
        .send(lines.join('\n'));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ accepted: 1 });

      const result = await api.clickhouse.client.query({
        query: `SELECT step, reason, errors, event_id, contract_fields, payload_sha256, payload_bytes
              FROM ${api.clickhouse.database}.rejected_events ORDER BY reason DESC`,
        format: 'JSONEachRow',
      });
      const rows = (await result.json<Record<string, unknown>>()).map((row) => ({
        ...row,
        contract_fields: JSON.parse(row.contract_fields as string) as unknown,
      }));
      const {
        applicantName: _name,
        applicantPhone: _phone,
        procedureCode: _code,
        channel: _channel,
        ...kept
      } = event;
      expect(rows).toEqual([
        {
          step: 'validate',
          reason: 'schema_violation',
          errors: expect.arrayContaining([
            expect.stringMatching(/^channel:/),
            expect.stringMatching(/^procedureCode:/),
          ]),
          event_id: 'e-pii-1',
          contract_fields: kept,
          payload_sha256: sha256(lines[0]),
          payload_bytes: Buffer.byteLength(lines[0]),
        },
        {
          step: 'parse',
          reason: 'invalid_json',
          errors: [expect.stringMatching(/JSON/)],
          event_id: null,
          contract_fields: {},
          payload_sha256: sha256(lines[1]),
          payload_bytes: Buffer.byteLength(lines[1]),
        },
      ]);
      expect(rows[0].contract_fields).toMatchObject({ eventId: 'e-pii-1', type: 'received' });

      const clickhouse = await everyClickHouseRow();
      expect(clickhouse).toContain('e-pii-1');
      const postgres = await everyPostgresRow();
      expect(postgres.tables).toBeGreaterThan(5);
      for (const personal of PERSONAL) {
        expect(clickhouse).not.toContain(personal);
        expect(postgres.text).not.toContain(personal);
        expect(logged.join('\n')).not.toContain(personal);
      }
    });

    it('keeps the valid parts of a JSON array item and its JSON text hash', async () => {
      const event = {
        ...aReceived('HS-PII-3', 'online', { eventId: 'e-pii-3' }),
        statusCode: PHONE,
        note: NAME,
      };
      const response = await api.http().post('/v1/events').send([event]);
      expect(response.status).toBe(200);
      const result = await api.clickhouse.client.query({
        query: `SELECT contract_fields, payload_sha256 FROM ${api.clickhouse.database}.rejected_events
              WHERE event_id = 'e-pii-3'`,
        format: 'JSONEachRow',
      });
      const { statusCode: _status, note: _note, ...kept } = event;
      const rows = await result.json<{ contract_fields: string; payload_sha256: string }>();
      expect(
        rows.map((row) => ({ ...row, contract_fields: JSON.parse(row.contract_fields) as unknown })),
      ).toEqual([{ contract_fields: kept, payload_sha256: sha256(JSON.stringify(event)) }]);
      const clickhouse = await everyClickHouseRow();
      for (const personal of [NAME, PHONE]) expect(clickhouse).not.toContain(personal);
    });
  },
);
