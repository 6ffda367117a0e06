import { z } from 'zod';

export const ROLES = ['admin', 'analyst', 'operator', 'department', 'source'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Who is calling, as every route sees it (`@CurrentPrincipal()`): a role and, for departments and sources,
 * an agency scope (the agency and every unit under it; null for a source: the whole province), and for
 * sources the `source` id their events must carry.
 */
export const principalSchema = z.object({
  /** How the caller proved who it is. */
  via: z.enum(['session', 'token', 'admin_token', 'oidc']),
  /** A user's id, an API token's id or the identity provider's subject (`sub`); null for DVC_ADMIN_TOKEN. */
  id: z.string().nullable(),
  /** A username, a token's owner, or the identity provider's username claim. */
  name: z.string(),
  role: roleSchema,
  agencyCode: z.string().nullable(),
  sourceId: z.string().nullable(),
});
export type Principal = z.infer<typeof principalSchema>;

/** What a role carries besides itself: departments need an agency; sources a source id (and maybe an agency). */
export const roleScopeSchema = z
  .object({
    role: roleSchema,
    agencyCode: z.string().trim().min(1).max(64).nullish(),
    sourceId: z.string().trim().min(1).max(128).nullish(),
  })
  .transform(({ role, agencyCode, sourceId }) => ({
    role,
    agencyCode: agencyCode ?? null,
    sourceId: sourceId ?? null,
  }))
  .superRefine((scope, context) => {
    if (scope.role === 'department' && !scope.agencyCode)
      context.addIssue({
        code: 'custom',
        path: ['agencyCode'],
        message: 'a department needs its agencyCode',
      });
    if (scope.role !== 'department' && scope.role !== 'source' && scope.agencyCode)
      context.addIssue({
        code: 'custom',
        path: ['agencyCode'],
        message: `an ${scope.role} sees every agency: give no agencyCode`,
      });
    if (scope.role === 'source' && !scope.sourceId)
      context.addIssue({ code: 'custom', path: ['sourceId'], message: 'a source needs its sourceId' });
    if (scope.role !== 'source' && scope.sourceId)
      context.addIssue({ code: 'custom', path: ['sourceId'], message: 'only a source has a sourceId' });
  });
export type RoleScope = z.output<typeof roleScopeSchema>;
