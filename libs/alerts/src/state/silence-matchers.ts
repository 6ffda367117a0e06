import { z } from 'zod';

/** Alertmanager's equality matchers: `agency="000.00.31.H12"`, `severity!="info"`. */
export const silenceMatcherSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/),
    value: z.string(),
    isEqual: z.boolean().default(true),
  })
  .strict();
export type SilenceMatcher = z.infer<typeof silenceMatcherSchema>;

/** Whether every matcher holds for the alert's labels (a missing label reads as the empty string). */
export function matchesAll(matchers: readonly SilenceMatcher[], labels: Record<string, string>): boolean {
  return matchers.every(({ name, value, isEqual }) => ((labels[name] ?? '') === value) === isEqual);
}

/**
 * The units a silence can ever match: the values of its `agency="…"` equality matchers (an alert's `agency`
 * label is its unit). Null when it has none: it may match any unit's alerts. A department may only create (and
 * end) silences whose units are all inside its subtree, so it never silences another unit's alerts.
 */
export function unitsConfinedTo(matchers: readonly SilenceMatcher[]): string[] | null {
  const units = matchers
    .filter(({ name, isEqual }) => name === 'agency' && isEqual)
    .map(({ value }) => value);
  return units.length === 0 ? null : [...new Set(units)];
}
