import { createHash } from 'node:crypto';
import { deadLetterMessage, DEAD_LETTER_HEADERS } from './dead-letter';

describe('deadLetterMessage', () => {
  const origin = { topic: 'dvc.dossier-events.v1', partition: 3 };
  const failedAt = new Date('2026-03-02T01:02:03.000Z');

  it('says why, where and when, and knows the original bytes by their hash alone', () => {
    const message = deadLetterMessage(
      { key: 'HS-1', value: Buffer.from('{bad'), headers: { traceparent: 't-1' }, offset: '41' },
      origin,
      {
        index: 0,
        eventId: null,
        step: 'parse',
        reason: 'invalid_json',
        errors: ['Unexpected end of JSON input'],
      },
      failedAt,
    );
    expect(message.key).toBeNull();
    expect(message.value).toBe('{}');
    expect(message.headers).toEqual({
      [DEAD_LETTER_HEADERS.reason]: 'invalid_json',
      [DEAD_LETTER_HEADERS.step]: 'parse',
      [DEAD_LETTER_HEADERS.errors]: '["Unexpected end of JSON input"]',
      [DEAD_LETTER_HEADERS.topic]: 'dvc.dossier-events.v1',
      [DEAD_LETTER_HEADERS.partition]: '3',
      [DEAD_LETTER_HEADERS.offset]: '41',
      [DEAD_LETTER_HEADERS.failedAt]: '2026-03-02T01:02:03.000Z',
      [DEAD_LETTER_HEADERS.payloadSha256]: createHash('sha256').update('{bad').digest('hex'),
      [DEAD_LETTER_HEADERS.payloadBytes]: '4',
    });
  });

  it('carries the contract fields of an event as its value and its dossierCode as key, nothing personal', () => {
    const event = {
      eventId: 'e-1',
      source: 'mot-cua-h12',
      dossierCode: 'HS-1',
      type: 'received',
      channel: 'fax',
      applicantName: 'Nguyễn Văn An',
    };
    const message = deadLetterMessage(
      {
        key: 'Nguyễn Văn An',
        value: Buffer.from(JSON.stringify(event)),
        headers: { name: 'Nguyễn' },
        offset: '7',
      },
      origin,
      {
        index: 0,
        eventId: 'e-1',
        step: 'validate',
        reason: 'schema_violation',
        errors: ['channel: Invalid option'],
      },
      failedAt,
    );
    expect(message.key).toBe('HS-1');
    expect(JSON.parse(String(message.value))).toEqual({
      eventId: 'e-1',
      source: 'mot-cua-h12',
      dossierCode: 'HS-1',
      type: 'received',
    });
    expect(JSON.stringify(message)).not.toContain('Nguyễn');
  });
});
