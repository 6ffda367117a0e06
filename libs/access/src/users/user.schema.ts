import { z } from 'zod';
import { roleSchema } from '../principal';

export const usernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(1000);

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  agencyCode: z.string().nullable(),
  sourceId: z.string().nullable(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const userInputSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    role: roleSchema,
    agencyCode: z.string().trim().min(1).max(64).nullish(),
    sourceId: z.string().trim().min(1).max(128).nullish(),
  })
  .strict();
export type UserInput = z.infer<typeof userInputSchema>;
