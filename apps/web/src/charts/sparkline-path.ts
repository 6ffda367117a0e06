/**
 * The SVG path of a sparkline: one point per value across `width`, scaled between the lowest and highest
 * value into `height` (a flat line in the middle when they are equal); a gap (a move, no line) where a value
 * is missing, so a day without dossiers is not drawn as 0%.
 */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number): string {
  const { x, y } = sparklineScale(values, width, height);
  let path = '';
  if (!values.some((value) => value !== null && Number.isFinite(value))) return '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${round(x(index))},${round(y(value))}`;
    drawing = true;
  });
  return path;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The latest value's point, marked with a dot: a day alone between gaps has no line to show it. */
export function sparklineLastPoint(
  values: readonly (number | null)[],
  width: number,
  height: number,
): { x: number; y: number } | null {
  const index = values.findLastIndex((value) => value !== null && Number.isFinite(value));
  if (index < 0) return null;
  const { x, y } = sparklineScale(values, width, height);
  return { x: round(x(index)), y: round(y(values[index] as number)) };
}

function sparklineScale(values: readonly (number | null)[], width: number, height: number) {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const low = Math.min(...known);
  const high = Math.max(...known);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return {
    x: (index: number) => index * step,
    y: (value: number) => (high === low ? height / 2 : height - ((value - low) / (high - low)) * height),
  };
}
