import { SESSION_MARK_KEY, startOverviewPrefetch } from './overview/overview-prefetch';

// The first script of index.html (see overview-prefetch.ts): the overview's request leaves before the app loads.
startOverviewPrefetch(
  window.location,
  localStorage.getItem(SESSION_MARK_KEY) === '1',
  (path) => fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }),
  window as unknown as Record<string, unknown>,
  Date.now(),
);
