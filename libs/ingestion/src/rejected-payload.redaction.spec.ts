import { createHash } from 'node:crypto';
import { DOSSIER_EVENT_FIELDS } from '@dvc/dossier-events';
import { aReceived } from '@dvc/testing';
import { contractFieldsOf, redactRejectedPayload } from './rejected-payload.redaction';

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
const PERSONAL = ['Nguyễn Văn An', '0912345678', '001203004567', '12 Hàng Bài'];

describe('redactRejectedPayload', () => {
  const withPersonalData = {
    ...aReceived('HS-1', 'online', { eventId: 'e-1', source: 'mot-cua-h12', agencyCode: ' 000.00.30.H12 ' }),
    channel: 'fax',
    applicantName: 'Nguyễn Văn An',
    phone: '0912345678',
    citizenId: '001203004567',
    statusCode: '0912345678',
    procedureCode: { address: '12 Hàng Bài' },
    note: 'Nguyễn Văn An, 12 Hàng Bài',
  };

  it('keeps the contract fields with allowed values and a hash of the bytes, and no personal data', () => {
    const bytes = Buffer.from(JSON.stringify(withPersonalData));
    const redacted = redactRejectedPayload({ bytes });
    const {
      channel: _channel,
      statusCode: _statusCode,
      procedureCode: _procedure,
      ...kept
    } = aReceived('HS-1', 'online', { eventId: 'e-1', source: 'mot-cua-h12', agencyCode: '000.00.30.H12' });
    expect(redacted).toEqual({ fields: kept, sha256: sha256(bytes), bytes: bytes.length });
    for (const personal of PERSONAL) expect(JSON.stringify(redacted)).not.toContain(personal);
  });

  it('hashes an NDJSON line and a JSON array item as their text, an empty message as nothing', () => {
    const line = JSON.stringify(withPersonalData);
    expect(redactRejectedPayload({ bytes: line }).sha256).toBe(sha256(line));
    expect(redactRejectedPayload({ json: withPersonalData })).toEqual(redactRejectedPayload({ bytes: line }));
    expect(redactRejectedPayload({ bytes: null })).toEqual({ fields: {}, sha256: sha256(''), bytes: 0 });
  });

  it('keeps nothing but the hash of what is not JSON, or not an object', () => {
    const text = '{"eventId": "e-1", "name": "Nguyễn Văn An"';
    expect(redactRejectedPayload({ bytes: text })).toEqual({
      fields: {},
      sha256: sha256(text),
      bytes: Buffer.byteLength(text),
    });
    expect(redactRejectedPayload({ json: ['Nguyễn Văn An'] }).fields).toEqual({});
    expect(redactRejectedPayload({ json: 'Nguyễn Văn An' }).fields).toEqual({});
  });
});

describe('contractFieldsOf', () => {
  it('reads the field list from the contract schema', () => {
    expect([...DOSSIER_EVENT_FIELDS.keys()].sort()).toEqual(
      [
        'eventId',
        'source',
        'occurredAt',
        'dossierCode',
        'statusCode',
        'procedureCode',
        'agencyCode',
        'type',
        'channel',
        'dueAt',
        'fee',
        'payment',
        'outcome',
        'electronicResult',
        'returnChannel',
        'toAgencyCode',
      ].sort(),
    );
  });

  it('keeps a value any event type allows the field, and of a nested object its valid known parts', () => {
    expect(
      contractFieldsOf({
        type: 'paid',
        dueAt: '2026-03-02T09:00:00+07:00',
        payment: { method: 'online', amount: 30000, cardHolder: 'Nguyễn Văn An' },
        outcome: 'approved',
        electronicResult: true,
      }),
    ).toEqual({
      type: 'paid',
      dueAt: '2026-03-02T09:00:00+07:00',
      payment: { method: 'online', amount: 30000 },
      outcome: 'approved',
      electronicResult: true,
    });
  });

  it('drops values the field does not allow: wrong type, too long, outside an enum, a bad time', () => {
    expect(
      contractFieldsOf({
        type: 'Nguyễn Văn An',
        source: 'Nguyễn Văn An',
        dossierCode: 'x'.repeat(65),
        eventId: 12,
        occurredAt: '0912345678',
        payment: { method: 'cash', amount: '0912345678' },
        fee: -1,
      }),
    ).toEqual({});
  });
});
