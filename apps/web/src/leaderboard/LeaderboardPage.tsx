import { useQuery } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import { getJson, queryString } from '../api/client';
import { indicatorName, useIndicatorDefinitions } from '../api/indicators';
import type { Leaderboard } from '../api/types';
import { formatDay } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import { ErrorNote } from '../layout/ErrorNote';
import { IndicatorSelect, Tabs } from '../layout/Choices';
import { LeaderboardTable } from './LeaderboardTable';

/** What the leaderboard offers to rank by (level growth needs a level, so it is offered per level). */
export const LEADERBOARD_INDICATORS = [
  'dossiers.online',
  'dossiers.on_time',
  'services.uptake',
  'procedures.level3',
  'procedures.level4',
  'dossiers.open',
  'dossiers.overdue',
  'payments.online',
] as const;

export const leaderboardKey = (agency: string | null) => ['leaderboard', agency] as const;

export function useLeaderboard(params: { agency: string | null; indicator: string; structure: string }) {
  return useQuery({
    queryKey: [...leaderboardKey(params.agency), params.indicator, params.structure],
    queryFn: () => getJson<Leaderboard>('/v1/dashboard/leaderboard', params),
    placeholderData: (previous) => previous,
  });
}

/** The scope's child units ranked by an indicator: target, status and a 30-day sparkline each; sortable. */
export function LeaderboardPage(props: { agency: string | null; tv?: boolean }) {
  const { t, language } = useLanguage();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const indicator = search.get('indicator') ?? 'dossiers.online';
  const structure = search.get('structure') === 'current' ? 'current' : 'reported';
  const definitions = useIndicatorDefinitions();
  const board = useLeaderboard({ agency: props.agency, indicator, structure });
  const definitionOf = (id: string) => definitions.data?.find((definition) => definition.id === id);
  const change = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(name, value);
    navigate(`/leaderboard?${next.toString()}`);
  };
  const data = board.data;
  return (
    <div className={props.tv ? 'leaderboard leaderboard-tv' : 'leaderboard'}>
      <header className="page-header">
        <h1>{t('leaderboard.title', { scope: data?.scope.name ?? t('app.province') })}</h1>
        {data ? <AsOf moment={data.asOf} /> : null}
      </header>
      {props.tv ? (
        <p className="subtitle">{indicatorName(definitionOf(indicator), indicator, language)}</p>
      ) : (
        <div className="toolbar">
          <IndicatorSelect
            ids={LEADERBOARD_INDICATORS}
            chosen={indicator}
            onChoose={(id) => change('indicator', id)}
            testId="leaderboard-indicator"
          />
          <Tabs
            values={['reported', 'current'] as const}
            chosen={structure}
            label={(value) => t(`leaderboard.structures.${value}`)}
            onChoose={(value) => change('structure', value)}
            testId="structure"
            ariaLabel={t('leaderboard.structure')}
          />
        </div>
      )}
      {board.isError ? <ErrorNote error={board.error} /> : null}
      {board.isPending ? <p className="loading">{t('app.loading')}</p> : null}
      {data ? (
        <>
          <p className="note">
            {t('leaderboard.period', { from: formatDay(data.period.from), to: formatDay(data.period.to) })}
            {' · '}
            {t('leaderboard.sparkline', { days: data.sparklineDays.length })}
          </p>
          <LeaderboardTable
            board={data}
            hrefOf={(row) =>
              row.key && row.key !== data.scope.groupedUnder
                ? `/drill${queryString({ agency: row.key, indicator, structure })}`
                : null
            }
          />
        </>
      ) : null}
    </div>
  );
}
