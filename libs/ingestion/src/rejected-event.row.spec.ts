import { REJECTED_PAYLOAD_MAX_BYTES, toRejectedEventRow, truncateUtf8 } from './rejected-event.row';

describe('truncateUtf8', () => {
  it('keeps a text that fits whole and reports its size in bytes', () => {
    expect(truncateUtf8('Sở Tư pháp', 64)).toEqual({ text: 'Sở Tư pháp', bytes: 14 });
    expect(truncateUtf8('', 4)).toEqual({ text: '', bytes: 0 });
  });

  it('cuts at the limit, never inside a character', () => {
    // "ở" takes bytes 2-4, so a cut after byte 2 or 3 falls inside it.
    expect(truncateUtf8('Sở Tư', 2)).toEqual({ text: 'S', bytes: 8 });
    expect(truncateUtf8('Sở Tư', 3)).toEqual({ text: 'S', bytes: 8 });
    expect(truncateUtf8('Sở Tư', 4)).toEqual({ text: 'Sở', bytes: 8 });
    expect(truncateUtf8('a😀b', 4)).toEqual({ text: 'a', bytes: 6 });
    expect(truncateUtf8('a😀b', 5)).toEqual({ text: 'a😀', bytes: 6 });
    expect(truncateUtf8('abcdef', 0)).toEqual({ text: '', bytes: 6 });
  });
});

describe('toRejectedEventRow', () => {
  const at = new Date('2026-03-02T01:02:03.456Z');
  const schemaViolation = { step: 'validate', reason: 'schema_violation', errors: ['channel: invalid'] };

  it('identifies a Kafka message by its place in the log, so a redelivery records the same id', () => {
    const row = toRejectedEventRow(
      { bytes: Buffer.from('{bad'), origin: { topic: 'dvc.dossier-events.v1', partition: 3, offset: '41' } },
      undefined,
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
      payload: '{bad',
      payload_bytes: 4,
    });
  });

  it('gives an HTTP item a fresh id and keeps the eventId, source and agency it carried', () => {
    const event = { eventId: 'e-1', source: 'mot-cua-h12', agencyCode: '000.00.30.h12', channel: 'fax' };
    const row = toRejectedEventRow({ json: event }, event, schemaViolation, { at, via: 'http' }, () => 'u-1');
    expect(row).toMatchObject({
      rejection_id: 'http:u-1',
      via: 'http',
      event_id: 'e-1',
      source: 'mot-cua-h12',
      agency_code: '000.00.30.H12',
      kafka_topic: null,
      kafka_partition: null,
      kafka_offset: null,
      payload: JSON.stringify(event),
    });
  });

  it('ignores an eventId or source that is not a string', () => {
    const value = { eventId: 7, source: ['x'], agencyCode: 12 };
    const row = toRejectedEventRow({ bytes: JSON.stringify(value) }, value, schemaViolation, {
      at,
      via: 'http',
    });
    expect(row).toMatchObject({ event_id: null, source: null, agency_code: '' });
    expect(row.rejection_id).toMatch(/^http:[0-9a-f-]{36}$/);
  });

  it(`keeps only the first ${REJECTED_PAYLOAD_MAX_BYTES} bytes of a large payload, and its full size`, () => {
    const large = `{"note":"${'ư'.repeat(5000)}"}`;
    const row = toRejectedEventRow({ bytes: Buffer.from(large) }, undefined, schemaViolation, {
      at,
      via: 'kafka',
    });
    expect(Buffer.byteLength(row.payload)).toBeLessThanOrEqual(REJECTED_PAYLOAD_MAX_BYTES);
    expect(Buffer.byteLength(row.payload)).toBeGreaterThan(REJECTED_PAYLOAD_MAX_BYTES - 2);
    expect(large.startsWith(row.payload)).toBe(true);
    expect(row.payload_bytes).toBe(Buffer.byteLength(large));
  });

  it('records an empty message as an empty payload', () => {
    const row = toRejectedEventRow(
      { bytes: null },
      undefined,
      { step: 'parse', reason: 'empty_message', errors: [] },
      {
        at,
        via: 'kafka',
      },
    );
    expect(row).toMatchObject({ payload: '', payload_bytes: 0 });
  });
});
