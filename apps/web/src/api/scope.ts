import type { Principal } from './types';

/**
 * The agency the pages show: the `agency` of the address (a drill-down), else a department head's own unit or,
 * for the province's roles, the whole province (null). The API keeps a department head inside its subtree:
 * asking for another unit is refused (403), and the page says so.
 */
export function scopeAgency(principal: Principal | null, asked: string | null): string | null {
  if (asked && asked.trim() !== '') return asked.trim();
  return principal?.role === 'department' ? principal.agencyCode : null;
}
