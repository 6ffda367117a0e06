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
