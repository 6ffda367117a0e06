import { z } from 'zod';
import { ConfigError } from '@dvc/config';
import { Principal, Role, roleSchema, roleScopeSchema } from '../principal';

/** Roles a person may hold through the identity provider; sources are systems and use API tokens. */
export const personRoleSchema = roleSchema.exclude(['source']);

/** How a verified token's claims become a principal (from OIDC_* settings). */
export interface ClaimMapping {
  rolesClaim: string;
  /** In order: the first value the person holds gives the role. */
  roleMap: readonly { value: string; role: Exclude<Role, 'source'> }[];
  agencyClaim: string;
  nameClaim: string;
}

/** Checks OIDC_ROLE_MAP's roles (the config lib knows no roles); a bad one stops the start naming it. */
export function claimMappingFrom(settings: {
  OIDC_ROLES_CLAIM: string;
  OIDC_ROLE_MAP?: readonly { value: string; role: string }[];
  OIDC_AGENCY_CLAIM: string;
  OIDC_NAME_CLAIM: string;
}): ClaimMapping {
  const roleMap = z
    .array(z.object({ value: z.string(), role: personRoleSchema }))
    .safeParse(settings.OIDC_ROLE_MAP ?? []);
  if (!roleMap.success)
    throw new ConfigError(
      `Invalid configuration:\n  OIDC_ROLE_MAP: roles are ${personRoleSchema.options.join(', ')} ` +
        '(sources use API tokens)',
    );
  return {
    rolesClaim: settings.OIDC_ROLES_CLAIM,
    roleMap: roleMap.data,
    agencyClaim: settings.OIDC_AGENCY_CLAIM,
    nameClaim: settings.OIDC_NAME_CLAIM,
  };
}

/** A claim by name, or by dotted path into nested objects (`realm_access.roles`). */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const asStrings = (value: unknown): string[] =>
  typeof value === 'string'
    ? value.split(/\s+/).filter(Boolean)
    : Array.isArray(value)
      ? value.filter((each): each is string => typeof each === 'string')
      : [];

export type ClaimsOutcome = { principal: Principal } | { forbidden: string };

/**
 * The principal a verified token stands for: its subject, a role from the first mapped value it holds, and for
 * a department the agency its claim names. A valid token that maps to no role (or a department without its
 * agency) is a known person without access here: forbidden, not unauthenticated.
 */
export function principalFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping): ClaimsOutcome {
  const subject = typeof claims.sub === 'string' && claims.sub ? claims.sub : null;
  if (!subject) return { forbidden: 'the token names no subject (sub)' };
  const held = new Set(asStrings(claimAt(claims, mapping.rolesClaim)));
  const role = mapping.roleMap.find((entry) => held.has(entry.value))?.role;
  if (!role)
    return {
      forbidden: `the identity provider gives this account no DVC role (no ${mapping.rolesClaim} value is mapped)`,
    };
  const agency = claimAt(claims, mapping.agencyClaim);
  const scope = roleScopeSchema.safeParse({
    role,
    agencyCode: role === 'department' && typeof agency === 'string' ? agency : null,
  });
  if (!scope.success)
    return { forbidden: `a department needs its agency in the ${mapping.agencyClaim} claim` };
  const name = claimAt(claims, mapping.nameClaim);
  return {
    principal: {
      via: 'oidc',
      id: subject,
      name: typeof name === 'string' && name ? name : subject,
      ...scope.data,
    },
  };
}
