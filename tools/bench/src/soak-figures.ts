import { z } from 'zod';

/** What the parts of one table take on disk, active (read) and inactive (merged or dropped, not yet removed). */
export const partsByTableSchema = z.object({
  table: z.string(),
  rows: z.coerce.number(),
  activeParts: z.coerce.number(),
  activeBytes: z.coerce.number(),
  inactiveParts: z.coerce.number(),
  inactiveBytes: z.coerce.number(),
});
export type PartsByTable = z.infer<typeof partsByTableSchema>;

/** Least squares line through (x, y) points; a single point (or equal x) gives a flat line through their mean. */
export function linearFit(points: readonly (readonly [number, number])[]): {
  slope: number;
  intercept: number;
  valueAt: (x: number) => number;
} {
  if (points.length === 0) throw new Error('linearFit: no points');
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = meanY - slope * meanX;
  return { slope, intercept, valueAt: (x) => intercept + slope * x };
}

/**
 * The `NAME=value` assignments a shell command puts before `node` (`npm run build && A=1 B=2 node main.js`); a
 * variable `env` already has wins, so a run can compare settings.
 */
export function envSetBeforeNode(command: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const assignments = /((?:\b[A-Z_][A-Z0-9_]*=\S*\s+)+)node\b/.exec(command)?.[1] ?? '';
  return Object.fromEntries(
    [...assignments.matchAll(/([A-Z_][A-Z0-9_]*)=(\S*)/g)].map(([, name, value]) => [
      name,
      env[name] ?? value,
    ]),
  );
}
