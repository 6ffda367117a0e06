import { jsonNestingDepth } from './json-limits';

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['"[[["', 0],
    ['[]', 1],
    ['{"a":[{"b":{}}]}', 4],
    ['[[1],[[2]],3]', 3],
    ['{"a":"\\"[{"}', 1],
    ['{"a":"\\\\","b":[[]]}', 3],
    ['[{"x":"]]]]"}]', 2],
  ])('%s nests %d deep', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  it('stops counting once past the limit, without recursion, at any depth', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(jsonNestingDepth(deep, 32)).toBe(33);
    expect(jsonNestingDepth(deep)).toBe(1_000_000);
  });
});
