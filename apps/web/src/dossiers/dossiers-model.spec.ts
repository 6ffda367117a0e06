import { nextSort, pageCount, sortMark } from './dossiers-model';

describe('dossier list sorting and paging', () => {
  it('flips a column and starts another one earliest first', () => {
    expect(nextSort('due', 'due')).toBe('-due');
    expect(nextSort('-due', 'due')).toBe('due');
    expect(nextSort('-due', 'received')).toBe('received');
    expect(nextSort('received', 'due')).toBe('due');
  });

  it('marks the sorted column only', () => {
    expect(sortMark('due', 'due')).toBe('▲');
    expect(sortMark('-due', 'due')).toBe('▼');
    expect(sortMark('due', 'received')).toBe('');
  });

  it('counts at least one page', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});
