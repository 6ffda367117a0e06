import { ratio } from './ratio';

describe('ratio', () => {
  it('returns the counts beside their quotient', () => {
    expect(ratio(3, 10)).toEqual({ numerator: 3, denominator: 10, value: 0.3 });
    expect(ratio(0, 4)).toEqual({ numerator: 0, denominator: 4, value: 0 });
  });

  it('gives null, not 0 or NaN, when there is nothing to divide by', () => {
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('refuses counts that cannot be', () => {
    expect(() => ratio(5, 4)).toThrow(RangeError);
    expect(() => ratio(-1, 4)).toThrow(RangeError);
    expect(() => ratio(1.5, 4)).toThrow(RangeError);
  });
});
