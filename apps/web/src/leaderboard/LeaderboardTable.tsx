import { useState } from 'react';
import { Link } from 'wouter';
import type { Leaderboard, LeaderboardRow } from '../api/types';
import { Sparkline } from '../charts/Sparkline';
import { formatDay, formatGap, formatRatio, formatValue } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { COMPARATOR_SIGNS } from '../overview/Tile';
import {
  LeaderboardColumn,
  leaderboardSortMark,
  nextLeaderboardSort,
  RANKED,
  sortLeaderboard,
} from './leaderboard-model';

/**
 * Ranked rows (units, fields or procedures) with their counts, target and status when they have one, and a
 * 30-day sparkline; sortable by any column. `hrefOf` says where a row's name drills down to.
 */
export function LeaderboardTable(props: {
  board: Leaderboard;
  hrefOf: (row: LeaderboardRow) => string | null;
  targets?: boolean;
  testId?: string;
}) {
  const { t, language } = useLanguage();
  const [sort, setSort] = useState(RANKED);
  const targets = props.targets ?? true;
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
  return (
    <div className="table-wrap">
      <table className="data leaderboard-table" data-testid={props.testId ?? 'leaderboard-table'}>
        <thead>
          <tr>
            <th className="num">#</th>
            {header('name', t(`leaderboard.by.${props.board.by}`))}
            {header('value', t('leaderboard.value'), 'num')}
            {header('denominator', t('leaderboard.counts'), 'num')}
            {targets ? (
              <>
                <th className="num">{t('leaderboard.target')}</th>
                {header('status', t('leaderboard.status'))}
                {header('gap', t('leaderboard.gap'), 'num')}
              </>
            ) : null}
            <th>{t('leaderboard.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {sortLeaderboard(props.board.rows, sort, language).map((row, index) => (
            <Row
              key={row.key ?? ''}
              row={row}
              rank={index + 1}
              board={props.board}
              href={props.hrefOf(row)}
              targets={targets}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row(props: {
  row: LeaderboardRow;
  rank: number;
  board: Leaderboard;
  href: string | null;
  targets: boolean;
}) {
  const { t, language } = useLanguage();
  const { row, board } = props;
  const unit = board.indicator.unit;
  const name = row.name ?? row.key ?? t('leaderboard.unknown');
  const own = board.by === 'agency' && row.key !== null && row.key === board.scope.groupedUnder;
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
      {props.targets ? (
        <>
          <td className="num threshold">
            {row.target
              ? `${COMPARATOR_SIGNS[row.target.comparator]} ${formatValue(row.target.threshold, unit, language)}`
              : '–'}
          </td>
          <td className={row.target ? `status target-${row.target.status}` : 'status'}>
            {row.target ? (
              <span className="status-badge">{t(`target.status.${row.target.status}`)}</span>
            ) : (
              '–'
            )}
          </td>
          <td className="num gap">{formatGap(row.target?.gap, unit, language)}</td>
        </>
      ) : null}
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
