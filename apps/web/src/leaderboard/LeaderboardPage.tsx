import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { getJson, queryString } from '../api/client';
import { indicatorName, useIndicatorDefinitions } from '../api/indicators';
import type { Leaderboard, LeaderboardRow } from '../api/types';
import { Sparkline } from '../charts/Sparkline';
import { formatDay, formatGap, formatRatio, formatValue } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import { ErrorNote } from '../layout/ErrorNote';
import { COMPARATOR_SIGNS } from '../overview/Tile';
import {
  LeaderboardColumn,
  leaderboardSortMark,
  nextLeaderboardSort,
  RANKED,
  sortLeaderboard,
} from './leaderboard-model';

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
  const [sort, setSort] = useState(RANKED);
  const definitions = useIndicatorDefinitions();
  const board = useLeaderboard({ agency: props.agency, indicator, structure });
  const definitionOf = (id: string) => definitions.data?.find((definition) => definition.id === id);
  const change = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(name, value);
    navigate(`/leaderboard?${next.toString()}`);
  };
  const header = (column: LeaderboardColumn, label: string, className = '') => {
    const mark = leaderboardSortMark(sort, column);
    return (
      <th className={className} aria-sort={mark === '▲' ? 'ascending' : mark === '▼' ? 'descending' : 'none'}>
        <button
          type="button"
          data-testid={`leaderboard-sort-${column}`}
          onClick={() => setSort(nextLeaderboardSort(sort, column))}
        >
          {label} {mark}
        </button>
      </th>
    );
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
          <label>
            {t('leaderboard.indicator')}{' '}
            <select
              data-testid="leaderboard-indicator"
              value={indicator}
              onChange={(event) => change('indicator', event.target.value)}
            >
              {LEADERBOARD_INDICATORS.map((id) => (
                <option key={id} value={id}>
                  {indicatorName(definitionOf(id), id, language)}
                </option>
              ))}
            </select>
          </label>
          <div className="tabs" role="tablist" aria-label={t('leaderboard.structure')}>
            {(['reported', 'current'] as const).map((value) => (
              <button
                key={value}
                type="button"
                role="tab"
                aria-selected={value === structure}
                data-testid={`structure-${value}`}
                className={value === structure ? 'tab tab-on' : 'tab'}
                onClick={() => change('structure', value)}
              >
                {t(`leaderboard.structures.${value}`)}
              </button>
            ))}
          </div>
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
          <div className="table-wrap">
            <table className="data leaderboard-table" data-testid="leaderboard-table">
              <thead>
                <tr>
                  <th className="num">#</th>
                  {header('name', t('leaderboard.unit'))}
                  {header('value', t('leaderboard.value'), 'num')}
                  {header('denominator', t('leaderboard.counts'), 'num')}
                  <th className="num">{t('leaderboard.target')}</th>
                  {header('status', t('leaderboard.status'))}
                  {header('gap', t('leaderboard.gap'), 'num')}
                  <th>{t('leaderboard.trend')}</th>
                </tr>
              </thead>
              <tbody>
                {sortLeaderboard(data.rows, sort, language).map((row, index) => (
                  <Row
                    key={row.key ?? ''}
                    row={row}
                    rank={index + 1}
                    board={data}
                    href={
                      row.key && row.key !== data.scope.groupedUnder
                        ? `/leaderboard${queryString({ agency: row.key, indicator, structure })}`
                        : null
                    }
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

function Row(props: { row: LeaderboardRow; rank: number; board: Leaderboard; href: string | null }) {
  const { t, language } = useLanguage();
  const { row, board } = props;
  const unit = board.indicator.unit;
  const name = row.name ?? row.key ?? t('leaderboard.unknown');
  const own = row.key !== null && row.key === board.scope.groupedUnder;
  return (
    <tr data-testid="leaderboard-row" data-key={row.key ?? ''}>
      <td className="num">{props.rank}</td>
      <td className="name">
        {props.href ? <Link href={props.href}>{name}</Link> : name}
        {own ? <span className="note"> {t('leaderboard.own')}</span> : null}
      </td>
      <td className="num value" title={formatRatio(row, language)}>
        {formatValue(row.value, unit, language)}
      </td>
      <td className="num ratio">{formatRatio(row, language)}</td>
      <td className="num threshold">
        {row.target
          ? `${COMPARATOR_SIGNS[row.target.comparator]} ${formatValue(row.target.threshold, unit, language)}`
          : '–'}
      </td>
      <td className={row.target ? `status target-${row.target.status}` : 'status'}>
        {row.target ? <span className="status-badge">{t(`target.status.${row.target.status}`)}</span> : '–'}
      </td>
      <td className="num gap">{formatGap(row.target?.gap, unit, language)}</td>
      <td className="trend">
        <Sparkline
          values={row.sparkline}
          label={t('leaderboard.sparklineOf', {
            name,
            from: formatDay(board.sparklineDays[0] ?? board.period.from),
            to: formatDay(board.sparklineDays.at(-1) ?? board.period.to),
          })}
        />
      </td>
    </tr>
  );
}
