/** What a wall screen cycles through, in order. */
export const TV_VIEWS = ['overview', 'leaderboard', 'dossiers'] as const;
export type TvView = (typeof TV_VIEWS)[number];

export const TV_DEFAULT_SECONDS = 20;
const TV_MIN_SECONDS = 5;
const TV_MAX_SECONDS = 600;
/** The intervals the screen offers to choose from, in seconds. */
export const TV_INTERVAL_CHOICES = [10, 20, 30, 60] as const;
/** Where the browser remembers the interval last chosen (localStorage). */
export const TV_INTERVAL_STORAGE_KEY = 'dvc.tv.interval';

export interface TvOptions {
  /** How long each view stays, in seconds (`?interval=`, 5 to 600; 20 by default). */
  intervalSeconds: number;
  /** The views cycled through (`?views=overview,dossiers`; all of them, in order, by default). */
  views: readonly TvView[];
}

/** An interval as written in the address or the storage, kept between 5 s and 10 min; null: none or not a number. */
export function parseIntervalSeconds(raw: string | null): number | null {
  if (raw === null || raw.trim() === '') return null;
  const asked = Number(raw);
  if (!Number.isFinite(asked)) return null;
  return Math.min(TV_MAX_SECONDS, Math.max(TV_MIN_SECONDS, Math.round(asked)));
}

/**
 * TV mode's options from the address's query (`/tv?interval=30&views=overview,leaderboard`); without an interval
 * in the address, the one this browser remembers (`stored`), else 20 s.
 */
export function tvOptions(search: string, stored: string | null = null): TvOptions {
  const params = new URLSearchParams(search);
  const intervalSeconds =
    parseIntervalSeconds(params.get('interval')) ?? parseIntervalSeconds(stored) ?? TV_DEFAULT_SECONDS;
  const named = (params.get('views') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is TvView => (TV_VIEWS as readonly string[]).includes(name));
  const views = named.length > 0 ? [...new Set(named)] : TV_VIEWS;
  return { intervalSeconds, views };
}

/** The intervals to offer: the usual ones, and the current one in its place when the address asked another. */
export function intervalChoices(current: number): number[] {
  return [...new Set([...TV_INTERVAL_CHOICES, current])].sort((a, b) => a - b);
}

/** The address's query with the interval chosen, the rest kept (views, agency), so that the address can be shared. */
export function withInterval(search: string, seconds: number): string {
  const params = new URLSearchParams(search);
  params.set('interval', String(seconds));
  return params.toString();
}

/** The view after `index` (back to the first after the last). */
export function nextView(index: number, views: readonly TvView[]): number {
  return views.length === 0 ? 0 : (index + 1) % views.length;
}

/**
 * Whether a new overview moved any figure (not only its moment): the leaderboard and the dossiers on the wall are
 * then asked again, so that they follow the same stream.
 */
export function figuresMoved(before: { tiles: unknown } | undefined, after: { tiles: unknown }): boolean {
  return before === undefined || JSON.stringify(before.tiles) !== JSON.stringify(after.tiles);
}
