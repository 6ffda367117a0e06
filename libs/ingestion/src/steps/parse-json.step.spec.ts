import { jsonErrorWithoutInput, parseJson } from './parse-json.step';

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

  it('quotes nothing of the input in the parser message, which is kept with the rejection', () => {
    for (const text of ['{"name": Nguyễn Văn An}', 'Nguyễn Văn An 0912345678', '{"a": "0912345678" "b"']) {
      const result = parseJson(text);
      expect(result).toMatchObject({ kind: 'dead_letter', reason: 'invalid_json' });
      const message = result.kind === 'dead_letter' ? result.errors[0] : '';
      expect(message).toMatch(/JSON/);
      expect(message).not.toMatch(/Nguy|0912345678/);
    }
    expect(jsonErrorWithoutInput('Unterminated string in JSON at position 34')).toBe(
      'Unterminated string in JSON at position 34',
    );
  });

  it('dead-letters an item nested too deep before parsing it', () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(parseJson(Buffer.from(deep))).toMatchObject({
      kind: 'dead_letter',
      step: 'parse',
      reason: 'too_deep',
    });
    const justDeepEnough = '['.repeat(32) + ']'.repeat(32);
    expect(parseJson(justDeepEnough)).toMatchObject({ kind: 'ok' });
    expect(parseJson(`[${justDeepEnough}]`)).toMatchObject({ kind: 'dead_letter', reason: 'too_deep' });
  });

  it('dead-letters an item over 64 KiB, counting UTF-8 bytes', () => {
    const text = (filler: string) => JSON.stringify({ filler });
    expect(parseJson(text('x'.repeat(65_000)))).toMatchObject({ kind: 'ok' });
    expect(parseJson(text('ệ'.repeat(22_000)))).toMatchObject({ kind: 'dead_letter', reason: 'too_large' });
    expect(parseJson(Buffer.from(text('x'.repeat(66_000))))).toMatchObject({ reason: 'too_large' });
  });
});
