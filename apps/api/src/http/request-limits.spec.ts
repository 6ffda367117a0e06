import { hasNulEscape } from './request-limits';

describe('hasNulEscape', () => {
  it.each([
    ['{"name":"a\\u0000b"}', true],
    ['{"name":"\\\\\\u0000"}', true],
    ['{"name":"\\\\u0000"}', false],
    ['{"name":"\\u00001"}', true],
    ['{"name":"\\u0001"}', false],
    ['{"name":"u0000"}', false],
  ])('%s: %s', (text, expected) => {
    expect(hasNulEscape(text)).toBe(expected);
  });
});
