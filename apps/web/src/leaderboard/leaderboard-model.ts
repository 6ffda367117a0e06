import type { LeaderboardRow, TargetStatusValue } from '../api/types';

export type LeaderboardColumn = 'name' | 'value' | 'denominator' | 'gap' | 'status';
export interface LeaderboardSort {
  column: LeaderboardColumn;
  descending: boolean;
}

/** The leaderboard as the API ranks it: highest value first. */
export const RANKED: LeaderboardSort = { column: 'value', descending: true };

/** Clicking a column: the same column flips; another starts with what reads best (names A–Z, figures high–low). */
export function nextLeaderboardSort(current: LeaderboardSort, column: LeaderboardColumn): LeaderboardSort {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: column !== 'name' && column !== 'status' };
}

/** Worst first when ascending: a department head looks for who is missing the target. */
const STATUS_ORDER: Record<TargetStatusValue, number> = {
  missed: 0,
  at_risk: 1,
  met: 2,
  not_enough_data: 3,
};

/**
 * The rows sorted by a column; rows without the figure (no value, no target) stay last in both directions,
 * and ties keep the API's order.
 */
export function sortLeaderboard(
  rows: readonly LeaderboardRow[],
  sort: LeaderboardSort,
  language: string,
): LeaderboardRow[] {
  const key = (row: LeaderboardRow): number | string | null => {
    switch (sort.column) {
      case 'name':
        return row.name ?? row.key;
      case 'value':
        return row.value;
      case 'denominator':
        return row.denominator ?? row.numerator;
      case 'gap':
        return row.target?.gap ?? null;
      case 'status':
        return row.target ? STATUS_ORDER[row.target.status] : null;
    }
  };
  const collator = new Intl.Collator(language === 'en' ? 'en' : 'vi');
  return rows
    .map((row, index) => ({ row, index, key: key(row) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) {
        return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      }
      const order =
        typeof a.key === 'string' || typeof b.key === 'string'
          ? collator.compare(String(a.key), String(b.key))
          : a.key - b.key;
      return (sort.descending ? -order : order) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** ▲ ascending, ▼ descending, nothing for the other columns. */
export function leaderboardSortMark(sort: LeaderboardSort, column: LeaderboardColumn): '▲' | '▼' | '' {
  if (sort.column !== column) return '';
  return sort.descending ? '▼' : '▲';
}
