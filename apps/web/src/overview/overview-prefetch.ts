import type { Overview } from '../api/types';

/**
 * The overview's first request, sent before the app's script has loaded: `src/prefetch.ts` is a separate small
 * entry of index.html that runs first and asks `GET /v1/dashboard/overview` at once when the address is the
 * overview, so that the server counts the figures while the browser loads the app and asks `/v1/auth/me` (before,
 * the three ran one after the other). The overview page takes the answer instead of asking again. Only in a
 * browser where the app last found a session (`SESSION_MARK_KEY` in localStorage): a visitor who is not signed in
 * is not sent a 401 for it.
 */
export interface OverviewPrefetch {
  /** The `agency` of the address (null: the viewer's own scope, as the API decides). */
  agency: string | null;
  startedAt: number;
  answer: Promise<Response | null>;
}

/** Set in localStorage while the app finds a session (`useSession`), removed when it finds none. */
export const SESSION_MARK_KEY = 'dvc.session';

/** Where the entry leaves the request for the app (a global: the two are separate scripts). */
export const OVERVIEW_PREFETCH_SLOT = '__dvcOverviewPrefetch';
/** An answer older than this is not used (the viewer went elsewhere first): the page asks afresh. */
export const OVERVIEW_PREFETCH_FRESH_MS = 10_000;

type Slot = Record<string, unknown>;

/** The request the overview page would make first at this address, or null when the address is another page. */
export function overviewPrefetchTarget(
  pathname: string,
  search: string,
): { agency: string | null; path: string } | null {
  if (pathname !== '/') return null;
  const agency = new URLSearchParams(search).get('agency')?.trim() || null;
  return {
    agency,
    path: agency ? `/v1/dashboard/overview?agency=${encodeURIComponent(agency)}` : '/v1/dashboard/overview',
  };
}

/**
 * Sends the overview's request if the address is the overview's and the browser had a session (the entry script
 * calls it with the browser's location, fetch, window and localStorage's mark).
 */
export function startOverviewPrefetch(
  location: { pathname: string; search: string },
  signedIn: boolean,
  send: (path: string) => Promise<Response>,
  slot: Slot,
  now: number,
): void {
  const target = overviewPrefetchTarget(location.pathname, location.search);
  if (!target || !signedIn) return;
  const prefetch: OverviewPrefetch = {
    agency: target.agency,
    startedAt: now,
    answer: send(target.path).catch(() => null),
  };
  slot[OVERVIEW_PREFETCH_SLOT] = prefetch;
}

/**
 * The prefetched overview of `agency` (the scope the page shows), once; null when there is none, it failed (the
 * page then asks itself and shows the API's error), it is stale, or it is another scope's.
 */
export async function takePrefetchedOverview(
  agency: string | null,
  slot: Slot,
  now: number,
): Promise<Overview | null> {
  const prefetch = slot[OVERVIEW_PREFETCH_SLOT] as OverviewPrefetch | undefined;
  if (!prefetch) return null;
  delete slot[OVERVIEW_PREFETCH_SLOT];
  if (now - prefetch.startedAt > OVERVIEW_PREFETCH_FRESH_MS) return null;
  if (prefetch.agency !== null && prefetch.agency !== agency) return null;
  const response = await prefetch.answer;
  if (!response?.ok) return null;
  const overview = (await response.json().catch(() => null)) as Overview | null;
  // Asked without an agency, the API answers the viewer's own scope: a department head's unit, or the province.
  if (!overview || (overview.scope?.agency ?? null) !== agency) return null;
  return overview;
}
