import type { Role } from '../principal';

/** The role sets routes are declared with, named for what they let in. */
export const ROLE_SETS = {
  /** Catalogue, targets, users, tokens, audit: the province's administrators. */
  administer: ['admin'],
  /** Figures over the whole province or a department's own units (with an agency location). */
  readFigures: ['admin', 'analyst', 'operator', 'department'],
  /** Province-wide reference data and diagnostics: no department. */
  readProvince: ['admin', 'analyst', 'operator'],
  /** POST /v1/events. */
  ingest: ['admin', 'source'],
  /** Operational detail: /metrics, /health/details (and alert acknowledgements). */
  operate: ['admin', 'operator'],
  /** Anyone signed in (their own session, the indicator definitions). */
  anyone: ['admin', 'analyst', 'operator', 'department', 'source'],
} as const satisfies Record<string, readonly Role[]>;
