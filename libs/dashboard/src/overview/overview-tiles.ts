// No imports: the web app (apps/web) reads this list too, and bundles it.

/** The tiles of the overview; each is an indicator answer as `GET /v1/indicators/{id}` gives it. */
export const OVERVIEW_TILES = [
  'receivedToday',
  'postalToday',
  'onlineMonth',
  'onlineYear',
  'onTimeYear',
  'open',
  'level3',
  'level4',
  'level3Growth',
  'level4Growth',
  'uptakeYear',
] as const;
export type OverviewTile = (typeof OVERVIEW_TILES)[number];
