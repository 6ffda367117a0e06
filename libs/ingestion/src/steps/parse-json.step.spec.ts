import { parseJson } from './parse-json.step';

describe('parseJson step', () => {
  it('parses bytes and strings', () => {
    expect(parseJson(Buffer.from('{"a":1}'))).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(parseJson('[1]')).toEqual({ kind: 'ok', value: [1] });
  });

  it('dead-letters an empty message (tombstone) instead of throwing', () => {
    expect(parseJson(null)).toMatchObject({ kind: 'dead_letter', step: 'parse', reason: 'empty_message' });
    expect(parseJson(Buffer.alloc(0))).toMatchObject({ kind: 'dead_letter', reason: 'empty_message' });
  });

  it('dead-letters invalid JSON with the parser message', () => {
    const result = parseJson('{"eventId": ');
    expect(result).toMatchObject({ kind: 'dead_letter', step: 'parse', reason: 'invalid_json' });
    expect(result.kind === 'dead_letter' && result.errors[0]).toMatch(/JSON/);
  });
});
