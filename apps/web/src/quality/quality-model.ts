import type { Role } from '../api/types';

/** Province-wide diagnostics: administrators, DIC analysts and PASC operators, never a department. */
export function canSeeDataQuality(role: Role | undefined): boolean {
  return role === 'admin' || role === 'analyst' || role === 'operator';
}

/** A source is quiet when its latest event was stored longer ago than this. */
export const QUIET_AFTER_MS = 24 * 60 * 60 * 1000;

export function isQuiet(lastIngestedAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastIngestedAt) > QUIET_AFTER_MS;
}

/** Whole hours (under two days) or whole days since a moment, for "last event 3 h ago". */
export function ageOf(moment: string, now: Date): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(moment)) / 60_000));
  if (minutes < 120) return { unit: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', n: hours };
  return { unit: 'days', n: Math.floor(hours / 24) };
}
