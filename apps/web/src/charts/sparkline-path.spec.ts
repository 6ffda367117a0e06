import { sparklineLastPoint, sparklinePath } from './sparkline-path';

describe('a sparkline’s path', () => {
  it('spans the width and scales the lowest value to the bottom, the highest to the top', () => {
    expect(sparklinePath([0.2, 0.6, 0.4], 100, 20)).toBe('M0,20L50,0L100,10');
  });

  it('leaves a gap where a day has nothing to divide, instead of drawing 0%', () => {
    expect(sparklinePath([1, null, 3, 2], 30, 10)).toBe('M0,10M20,0L30,5');
  });

  it('draws a flat line through the middle when every value is the same, and nothing without values', () => {
    expect(sparklinePath([5, 5], 10, 8)).toBe('M0,4L10,4');
    expect(sparklinePath([null, null], 10, 8)).toBe('');
    expect(sparklinePath([], 10, 8)).toBe('');
  });

  it('marks the latest value, even alone between gaps', () => {
    expect(sparklineLastPoint([1, null, 3, null], 30, 10)).toEqual({ x: 20, y: 0 });
    expect(sparklineLastPoint([null, 0.4, null], 20, 10)).toEqual({ x: 10, y: 5 });
    expect(sparklineLastPoint([null], 20, 10)).toBeNull();
  });
});
