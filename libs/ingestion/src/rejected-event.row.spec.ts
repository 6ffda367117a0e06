import { createHash } from 'node:crypto';
import { toRejectedEventRow } from './rejected-event.row';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('toRejectedEventRow', () => {
  const at = new Date('2026-03-02T01:02:03.456Z');
  const schemaViolation = { step: 'validate', reason: 'schema_violation', errors: ['channel: invalid'] };

  it('identifies a Kafka message by its place in the log, so a redelivery records the same id', () => {
    const row = toRejectedEventRow(
      { bytes: Buffer.from('{bad'), origin: { topic: 'dvc.dossier-events.v1', partition: 3, offset: '41' } },
      { step: 'parse', reason: 'invalid_json', errors: ['Unexpected end of JSON input'] },
      { at, via: 'kafka' },
      () => 'unused',
    );
    expect(row).toEqual({
      rejected_at: '2026-03-02 01:02:03.456',
      rejection_id: 'kafka:dvc.dossier-events.v1:3:41',
      via: 'kafka',
      step: 'parse',
      reason: 'invalid_json',
      errors: ['Unexpected end of JSON input'],
      event_id: null,
      source: null,
      agency_code: '',
      kafka_topic: 'dvc.dossier-events.v1',
      kafka_partition: 3,
      kafka_offset: '41',
      contract_fields: '{}',
      payload_sha256: sha256('{bad'),
      payload_bytes: 4,
    });
  });

  it('gives an HTTP item a fresh id and keeps the eventId, source and agency it carried', () => {
    const event = { eventId: 'e-1', source: 'mot-cua-h12', agencyCode: '000.00.30.h12', channel: 'fax' };
    const row = toRejectedEventRow({ json: event }, schemaViolation, { at, via: 'http' }, () => 'u-1');
    expect(row).toMatchObject({
      rejection_id: 'http:u-1',
      via: 'http',
      event_id: 'e-1',
      source: 'mot-cua-h12',
      agency_code: '000.00.30.H12',
      kafka_topic: null,
      kafka_partition: null,
      kafka_offset: null,
      contract_fields: JSON.stringify({ eventId: 'e-1', source: 'mot-cua-h12', agencyCode: '000.00.30.h12' }),
      payload_sha256: sha256(JSON.stringify(event)),
    });
  });

  it('ignores an eventId, source or agency the contract does not allow', () => {
    const value = { eventId: 7, source: 'Nguyễn Văn An', agencyCode: 'x'.repeat(65) };
    const row = toRejectedEventRow({ bytes: JSON.stringify(value) }, schemaViolation, {
      at,
      via: 'http',
    });
    expect(row).toMatchObject({ event_id: null, source: null, agency_code: '' });
    expect(row.rejection_id).toMatch(/^http:[0-9a-f-]{36}$/);
  });

  it('records an empty message as no fields and the hash of nothing', () => {
    const row = toRejectedEventRow(
      { bytes: null },
      { step: 'parse', reason: 'empty_message', errors: [] },
      {
        at,
        via: 'kafka',
      },
    );
    expect(row).toMatchObject({ contract_fields: '{}', payload_sha256: sha256(''), payload_bytes: 0 });
  });
});
