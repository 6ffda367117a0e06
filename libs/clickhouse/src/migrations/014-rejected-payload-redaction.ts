import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * The contract v1 fields as they stood when rows kept the payload itself, each with what its raw JSON value
 * must look like to be kept. Frozen with the migration (its checksum is kept, so it cannot follow the schema):
 * new rows are redacted in code from the schema itself (`redactRejectedPayload` in @dvc/ingestion). Values with
 * JSON escapes, and the nested `payment`, are dropped rather than parsed in SQL.
 */
const FIELDS_KEPT_FROM_OLD_PAYLOADS: readonly (readonly [string, string])[] = [
  ['eventId', '^"[^"\\\\]{1,128}"$'],
  ['source', '^"[a-z0-9._-]{1,64}"$'],
  ['occurredAt', '^"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})"$'],
  ['dossierCode', '^"[^"\\\\]{1,64}"$'],
  ['statusCode', '^([1-9]|10)$'],
  ['procedureCode', '^"[^"\\\\]{1,64}"$'],
  ['agencyCode', '^"[^"\\\\]{1,64}"$'],
  [
    'type',
    '^"(submitted|received|refused|processing|supplement_requested|supplement_received|payment_requested|paid|' +
      'withdrawn|stopped|resolved|returned|rescheduled|transferred)"$',
  ],
  ['channel', '^"(direct|online|postal)"$'],
  ['dueAt', '^"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})"$'],
  ['fee', '^[0-9]{1,16}$'],
  ['outcome', '^"(approved|denied)"$'],
  ['electronicResult', '^(true|false)$'],
  ['returnChannel', '^"(direct|online|postal)"$'],
  ['toAgencyCode', '^"[^"\\\\]{1,64}"$'],
];

const sqlString = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const keptField = ([name, pattern]: readonly [string, string]) =>
  `if(match(JSONExtractRaw(payload, ${sqlString(name)}), ${sqlString(pattern)}),
        concat(${sqlString(`"${name}":`)}, JSONExtractRaw(payload, ${sqlString(name)})), '')`;

/**
 * Rejected items keep no personal data (issue 16 item 6): of the payload only the contract fields with values
 * the contract allows (`contract_fields`, JSON) and a SHA-256 of its bytes (`payload_sha256`) are kept, and the
 * stored payloads are redacted the same way before the column goes. An old row's hash is that of the copy it
 * kept when the copy was whole (its first 4 KiB were the whole payload), else empty; the eventId, source and
 * agency read from old payloads are cleared where the contract would not have allowed them.
 */
export const rejectedPayloadRedactionMigration: ClickHouseMigration = {
  version: 14,
  name: 'rejected-payload-redaction',
  statements: [
    `ALTER TABLE {db}.rejected_events
      ADD COLUMN IF NOT EXISTS contract_fields String DEFAULT '{}'
        COMMENT 'the contract fields the item carried with a value the contract allows, as JSON' AFTER kafka_offset,
      ADD COLUMN IF NOT EXISTS payload_sha256 String DEFAULT ''
        COMMENT 'hex SHA-256 of the item as received (a JSON array item: its JSON text)' AFTER contract_fields`,
    `ALTER TABLE {db}.rejected_events UPDATE
      contract_fields = if(isValidJSON(payload), concat('{', arrayStringConcat(arrayFilter(field -> field != '', [
        ${FIELDS_KEPT_FROM_OLD_PAYLOADS.map(keptField).join(',\n        ')}
      ]), ','), '}'), '{}'),
      payload_sha256 = if(length(payload) = payload_bytes, lower(hex(SHA256(payload))), ''),
      event_id = if(lengthUTF8(ifNull(event_id, '')) BETWEEN 1 AND 128, event_id, NULL),
      source = if(match(ifNull(source, ''), '^[a-z0-9._-]{1,64}$'), source, NULL),
      agency_code = if(lengthUTF8(agency_code) <= 64, agency_code, '')
    WHERE 1
    SETTINGS mutations_sync = 2`,
    `ALTER TABLE {db}.rejected_events DROP COLUMN IF EXISTS payload SETTINGS mutations_sync = 2`,
  ],
};
