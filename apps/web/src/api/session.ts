import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSearch } from 'wouter';
import { SESSION_MARK_KEY } from '../overview/overview-prefetch';
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
  const session: Session = me.isPending
    ? { state: 'loading' }
    : me.data
      ? { state: 'signed_in', principal: me.data }
      : me.error instanceof ApiError && me.error.status === 404
        ? { state: 'open' }
        : { state: 'anonymous' };
  // The next load of the overview asks its figures before the app has loaded only where a session was found.
  useEffect(() => {
    if (session.state === 'anonymous') localStorage.removeItem(SESSION_MARK_KEY);
    else if (session.state !== 'loading') localStorage.setItem(SESSION_MARK_KEY, '1');
  }, [session.state]);
  return session;
}

/** The `agency` of the address (`?agency=CODE`). */
export function useAskedAgency(): string | null {
  return new URLSearchParams(useSearch()).get('agency');
}
