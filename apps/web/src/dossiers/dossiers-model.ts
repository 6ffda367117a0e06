import type { DossierSort } from '../api/types';

/** Clicking a column: the same column flips its direction, another column starts earliest first. */
export function nextSort(current: DossierSort, column: 'due' | 'received'): DossierSort {
  if (current === column) return `-${column}`;
  return column;
}

/** The arrow a column header shows for the current sort (none when sorted by another column). */
export function sortMark(current: DossierSort, column: 'due' | 'received'): '▲' | '▼' | '' {
  if (current === column) return '▲';
  if (current === `-${column}`) return '▼';
  return '';
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
