import type { Principal } from './types';

/**
 * The agency the pages show: a department head's own unit always (the API refuses any other); for the
 * province's roles, the `agency` of the address, else the whole province (null).
 */
export function scopeAgency(principal: Principal | null, asked: string | null): string | null {
  if (principal?.role === 'department') return principal.agencyCode;
  return asked && asked.trim() !== '' ? asked.trim() : null;
}
