import { IndicatorQuery, indicatorQuerySchema } from '@dvc/indicators';
import { OverviewTile } from './overview-tiles';
import { OverviewQuery } from './overview.schema';

export interface TileQuery {
  indicator: string;
  query: IndicatorQuery;
}

/**
 * The indicator questions behind each tile, as query strings of `GET /v1/indicators/{id}` would ask them:
 * the same parser, so a tile and the public API give the same answer.
 */
export function overviewQueries(scope: OverviewQuery, today: string): Record<OverviewTile, TileQuery> {
  const year = today.slice(0, 4);
  const ask = (indicator: string, extra: Record<string, string>): TileQuery => ({
    indicator,
    query: indicatorQuerySchema.parse({
      ...(scope.agency ? { agency: scope.agency } : {}),
      structure: scope.structure,
      ...extra,
    }),
  });
  return {
    receivedToday: ask('dossiers.online', { date: today }),
    postalToday: ask('dossiers.postal', { date: today }),
    onlineMonth: ask('dossiers.online', { period: 'mtd' }),
    onlineYear: ask('dossiers.online', { period: 'ytd' }),
    onTimeYear: ask('dossiers.on_time', { period: 'ytd' }),
    open: ask('dossiers.open', { date: today }),
    level3: ask('procedures.level3', { date: today }),
    level4: ask('procedures.level4', { date: today }),
    level3Growth: ask('procedures.level_growth', { year, level: '3' }),
    level4Growth: ask('procedures.level_growth', { year, level: '4' }),
    uptakeYear: ask('services.uptake', { period: 'ytd' }),
  };
}
