import { sparklineLastPoint, sparklinePath } from './sparkline-path';

const WIDTH = 120;
const HEIGHT = 28;

/**
 * A row's 30-day trend as a few bytes of SVG: a leaderboard draws dozens at once, which would cost as many
 * chart instances (canvas, listeners) with a charting library.
 */
export function Sparkline(props: { values: readonly (number | null)[]; label: string }) {
  const path = sparklinePath(props.values, WIDTH, HEIGHT);
  const last = sparklineLastPoint(props.values, WIDTH, HEIGHT);
  return (
    <svg
      className="sparkline"
      viewBox={`-2 -2 ${WIDTH + 4} ${HEIGHT + 4}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={props.label}
      data-testid="sparkline"
      data-points={props.values.length}
    >
      {path ? <path d={path} fill="none" stroke="currentColor" strokeWidth="1.6" /> : null}
      {last ? <circle cx={last.x} cy={last.y} r="2.4" fill="currentColor" /> : null}
    </svg>
  );
}
