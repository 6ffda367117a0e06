import { deadLetterMessage, DEAD_LETTER_HEADERS } from './dead-letter';

describe('deadLetterMessage', () => {
  it('keeps the original bytes, key and headers and adds why, where and when', () => {
    const message = deadLetterMessage(
      { key: 'HS-1', value: Buffer.from('{bad'), headers: { traceparent: 't-1' }, offset: '41' },
      { topic: 'dvc.dossier-events.v1', partition: 3 },
      {
        index: 0,
        eventId: null,
        step: 'parse',
        reason: 'invalid_json',
        errors: ['Unexpected end of JSON input'],
      },
      new Date('2026-03-02T01:02:03.000Z'),
    );
    expect(message.key).toBe('HS-1');
    expect(message.value?.toString()).toBe('{bad');
    expect(message.headers).toEqual({
      traceparent: 't-1',
      [DEAD_LETTER_HEADERS.reason]: 'invalid_json',
      [DEAD_LETTER_HEADERS.step]: 'parse',
      [DEAD_LETTER_HEADERS.errors]: '["Unexpected end of JSON input"]',
      [DEAD_LETTER_HEADERS.topic]: 'dvc.dossier-events.v1',
      [DEAD_LETTER_HEADERS.partition]: '3',
      [DEAD_LETTER_HEADERS.offset]: '41',
      [DEAD_LETTER_HEADERS.failedAt]: '2026-03-02T01:02:03.000Z',
    });
  });
});
