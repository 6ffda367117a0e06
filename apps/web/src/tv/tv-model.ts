/** What a wall screen cycles through, in order. */
export const TV_VIEWS = ['overview', 'leaderboard', 'dossiers'] as const;
export type TvView = (typeof TV_VIEWS)[number];

export const TV_DEFAULT_SECONDS = 20;
const TV_MIN_SECONDS = 5;
const TV_MAX_SECONDS = 600;

export interface TvOptions {
  /** How long each view stays, in seconds (`?interval=`, 5 to 600; 20 by default). */
  intervalSeconds: number;
  /** The views cycled through (`?views=overview,dossiers`; all of them, in order, by default). */
  views: readonly TvView[];
}

/** TV mode's options from the address's query (`/tv?interval=30&views=overview,leaderboard`). */
export function tvOptions(search: string): TvOptions {
  const params = new URLSearchParams(search);
  const asked = Number(params.get('interval'));
  const intervalSeconds =
    params.get('interval') && Number.isFinite(asked)
      ? Math.min(TV_MAX_SECONDS, Math.max(TV_MIN_SECONDS, Math.round(asked)))
      : TV_DEFAULT_SECONDS;
  const named = (params.get('views') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is TvView => (TV_VIEWS as readonly string[]).includes(name));
  const views = named.length > 0 ? [...new Set(named)] : TV_VIEWS;
  return { intervalSeconds, views };
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
