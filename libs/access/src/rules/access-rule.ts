import type { Principal, Role } from '../principal';

/** Where a route names the agency it reads: a query parameter (absent: the caller's own scope) or a path one. */
export type AgencyLocation = { query: string } | { param: string };

/**
 * A route's declaration (`@Access(...)`): open to anyone, or to some roles. A route that lets departments in
 * and reads agency data names where the agency is (`agency`), and the guard keeps the department inside its
 * subtree there; a route that lets departments in without `agency` must return nothing agency-specific.
 */
export type AccessRule =
  | { public: true }
  | {
      roles: readonly Role[];
      agency?: AgencyLocation;
      /**
       * Query parameters that narrow a read to another agency (a list's `parent`, `agency`): a department's is
       * checked against its subtree when given (403 outside), and left out when not (`agency` keeps the scope).
       */
      narrowing?: readonly string[];
    };

export type AccessDecision =
  | { outcome: 'allow' }
  | { outcome: 'scope'; location: AgencyLocation; narrowing: readonly string[] }
  | { outcome: 'unauthenticated' }
  | { outcome: 'forbidden'; reason: string };

/**
 * The whole of role-level authorization, pure: what the guard does with a route's rule and the caller (null:
 * no valid credentials). `scope` asks the guard to check a department's agency against its subtree.
 */
export function decideAccess(rule: AccessRule | undefined, principal: Principal | null): AccessDecision {
  if (!rule) return { outcome: 'forbidden', reason: 'this route declares no access rule' };
  if ('public' in rule) return { outcome: 'allow' };
  if (!principal) return { outcome: 'unauthenticated' };
  if (!rule.roles.includes(principal.role))
    return { outcome: 'forbidden', reason: `the ${principal.role} role may not call this route` };
  if (principal.role === 'department' && rule.agency)
    return { outcome: 'scope', location: rule.agency, narrowing: rule.narrowing ?? [] };
  return { outcome: 'allow' };
}
