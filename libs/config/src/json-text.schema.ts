import { z } from 'zod';

/** A variable holding JSON: parsed, or "not JSON: …"; pipe the result into the schema of what it holds. */
export const jsonText = z.string().transform((raw, context): unknown => {
  try {
    return JSON.parse(raw);
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not JSON: ${(error as Error).message}` });
    return z.NEVER;
  }
});
