import { useQuery } from '@tanstack/react-query';
import { useSearch } from 'wouter';
import { ApiError, getJson } from './client';
import type { Principal } from './types';

export type Session =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'signed_in'; principal: Principal }
  /** An API without sessions (no access module): everything is open, the province is the scope. */
  | { state: 'open' };

export function useSession(): Session {
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => getJson<Principal>('/v1/auth/me'),
    retry: false,
    staleTime: 60_000,
  });
  if (me.isPending) return { state: 'loading' };
  if (me.data) return { state: 'signed_in', principal: me.data };
  if (me.error instanceof ApiError && me.error.status === 404) return { state: 'open' };
  return { state: 'anonymous' };
}

/** The `agency` of the address (`?agency=CODE`). */
export function useAskedAgency(): string | null {
  return new URLSearchParams(useSearch()).get('agency');
}
