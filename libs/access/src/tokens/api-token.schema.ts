import { z } from 'zod';
import { roleSchema } from '../principal';

/** An API token as lists show it: never its secret, only its prefix. */
export const apiTokenSchema = z.object({
  id: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it'),
  owner: z.string().describe('Who or what uses it (a system, a script, a person)'),
  role: roleSchema,
  agencyCode: z.string().nullable(),
  sourceId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** What an administrator gives to make a token; the role's scope is checked by roleScopeSchema. */
export const apiTokenInputSchema = z
  .object({
    owner: z.string().trim().min(1).max(200),
    role: roleSchema,
    agencyCode: z.string().trim().min(1).max(64).nullish(),
    sourceId: z.string().trim().min(1).max(128).nullish(),
    expiresInDays: z.number().int().min(1).max(3660).nullish().describe('Absent: the token does not expire'),
  })
  .strict();
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;
