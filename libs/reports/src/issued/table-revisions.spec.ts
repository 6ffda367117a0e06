import { ReportTable } from '../report-table';
import { tableRevisions } from './table-revisions';

const table = (
  rows: [string, string, number, number | null][],
  total: [number, number | null],
): ReportTable => ({
  kind: 'ranking',
  formCode: 'X',
  formBasis: '',
  title: '',
  scopeLine: '',
  reporter: '',
  recipient: '',
  period: { key: '2026-03', cut: 'calendar', from: '2026-03-01', to: '2026-03-31' } as ReportTable['period'],
  unit: '',
  columns: [
    { key: 'index', label: 'TT', kind: 'text' },
    { key: 'unit', label: 'Đơn vị', kind: 'text' },
    { key: 'count', label: 'Số', group: 'Hồ sơ', kind: 'count' },
    { key: 'share', label: 'Tỷ lệ', group: 'Hồ sơ', kind: 'percent' },
  ],
  rows: rows.map(([key, name, count, share], index) => ({
    key,
    cells: [String(index + 1), name, count, share],
  })),
  total: { cells: ['', 'Tổng số', ...total] },
  notes: [],
  asOf: '2026-04-01T00:00:00.000Z',
});

describe('tableRevisions', () => {
  it('lists the number cells that moved, by row key, whatever the rows’ order now', () => {
    const issued = table(
      [
        ['A', 'Unit A', 5, 50],
        ['B', 'Unit B', 3, 30],
      ],
      [8, 40],
    );
    const now = table(
      [
        ['B', 'Unit B', 4, 40],
        ['A', 'Unit A', 5, 50],
      ],
      [9, 45],
    );
    expect(tableRevisions(issued, now)).toEqual({
      rows: [
        {
          key: 'B',
          counts: [
            { column: 3, label: 'Hồ sơ: Số', issued: 3, now: 4 },
            { column: 4, label: 'Hồ sơ: Tỷ lệ', issued: 30, now: 40 },
          ],
        },
        {
          key: 'total',
          counts: [
            { column: 3, label: 'Hồ sơ: Số', issued: 8, now: 9 },
            { column: 4, label: 'Hồ sơ: Tỷ lệ', issued: 40, now: 45 },
          ],
        },
      ],
    });
  });

  it('counts a row that appeared or vanished from zero, and an empty share as zero', () => {
    const issued = table([['A', 'Unit A', 5, 50]], [5, 50]);
    const now = table([['C', 'Unit C', 2, null]], [5, 50]);
    expect(tableRevisions(issued, now).rows).toEqual([
      {
        key: 'A',
        counts: [
          { column: 3, label: 'Hồ sơ: Số', issued: 5, now: 0 },
          { column: 4, label: 'Hồ sơ: Tỷ lệ', issued: 50, now: 0 },
        ],
      },
      { key: 'C', counts: [{ column: 3, label: 'Hồ sơ: Số', issued: 0, now: 2 }] },
    ]);
  });

  it('finds nothing when nothing moved, and keys rows without a key by their label', () => {
    const issued = table([['A', 'Unit A', 5, 50]], [5, 50]);
    expect(tableRevisions(issued, table([['A', 'Unit A', 5, 50]], [5, 50]))).toEqual({ rows: [] });
    const unkeyed = { ...issued, rows: [{ cells: ['1', 'Unit A', 5, 50] }] };
    const moved = { ...issued, rows: [{ cells: ['1', 'Unit A', 6, 50] }] };
    expect(tableRevisions(unkeyed, moved).rows).toEqual([
      { key: 'Unit A', counts: [{ column: 3, label: 'Hồ sơ: Số', issued: 5, now: 6 }] },
    ]);
  });
});

describe('tableRevisions across a change of columns', () => {
  it('matches columns by key: a report issued before a column was inserted is compared column for column', () => {
    const issued = table([['A', 'Unit A', 5, 50]], [5, 50]);
    const base = table([['A', 'Unit A', 5, 50]], [5, 50]);
    const widened = (cells: (string | number | null)[]) => [cells[0], cells[1], 2, ...cells.slice(2)];
    const now: ReportTable = {
      ...base,
      columns: [
        ...base.columns.slice(0, 2),
        { key: 'added', label: 'Mới', kind: 'count' },
        ...base.columns.slice(2),
      ],
      rows: base.rows.map((row) => ({ ...row, cells: widened(row.cells) })),
      total: { cells: widened(base.total.cells) },
    };
    // Unchanged counts under moved columns do not show; the new column counts from zero.
    expect(tableRevisions(issued, now)).toEqual({
      rows: [
        { key: 'A', counts: [{ column: 3, label: 'Mới', issued: 0, now: 2 }] },
        { key: 'total', counts: [{ column: 3, label: 'Mới', issued: 0, now: 2 }] },
      ],
    });
  });
});
