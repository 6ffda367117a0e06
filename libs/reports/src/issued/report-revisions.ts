import { DossierFlow, emptyFlow, FlowGroup } from '../figures/dossier-flow';
import { II06A_COLUMNS, ii06aCounts } from '../kinds/ii06a.report';

/** One count of a row that moved since the report was issued. */
export interface RevisedCount {
  /** The form's column number ((3)…(13)), or null for a count beside the form (closed without a result). */
  column: number | null;
  label: string;
  issued: number;
  now: number;
}

/** A row (field or unit; key null: not placed by the catalogue, "total": the total) whose figures moved. */
export interface RevisedRow {
  key: string | null;
  counts: RevisedCount[];
}

export interface ReportRevisions {
  /** Rows whose figures moved, in the issued report's order, new rows after; the total last. */
  rows: RevisedRow[];
  /** Dossiers received in the period that the issued report did not count (received now − received then). */
  receivedSince: number;
}

const counted = (flow: DossierFlow) => [...ii06aCounts(flow), flow.closedWithoutResult];

function revisedCounts(issued: DossierFlow, now: DossierFlow): RevisedCount[] {
  const labels: { column: number | null; label: string }[] = [
    ...II06A_COLUMNS('field')
      .slice(2)
      .map((column, index) => ({ column: index + 3, label: `${column.group}: ${column.label}` })),
    { column: null, label: 'Rút hoặc dừng xử lý (không có kết quả)' },
  ];
  const before = counted(issued);
  const after = counted(now);
  return labels
    .map(({ column, label }, index) => ({ column, label, issued: before[index], now: after[index] }))
    .filter(({ issued: was, now: is }) => was !== is);
}

/**
 * What changed in an II.06a report since it was issued: for every row and the total, the counts that moved
 * (events that arrived late, corrections), with their issued and current values. Rows that did not move are
 * left out.
 */
export function ii06aRevisions(
  issued: { rows: readonly FlowGroup[]; total: DossierFlow },
  now: { rows: readonly FlowGroup[]; total: DossierFlow },
): ReportRevisions {
  const keyOf = (key: string | null) => key ?? '\u0000';
  const nowByKey = new Map(now.rows.map((group) => [keyOf(group.key), group.flow]));
  const issuedKeys = new Set(issued.rows.map((group) => keyOf(group.key)));
  const pairs: { key: string | null; issued: DossierFlow; now: DossierFlow }[] = [
    ...issued.rows.map((group) => ({
      key: group.key,
      issued: group.flow,
      now: nowByKey.get(keyOf(group.key)) ?? emptyFlow(),
    })),
    ...now.rows
      .filter((group) => !issuedKeys.has(keyOf(group.key)))
      .map((group) => ({ key: group.key, issued: emptyFlow(), now: group.flow })),
  ];
  const rows = pairs
    .map((pair) => ({ key: pair.key, counts: revisedCounts(pair.issued, pair.now) }))
    .filter((row) => row.counts.length > 0);
  const total = revisedCounts(issued.total, now.total);
  const received = (flow: DossierFlow) => flow.receivedOnline + flow.receivedOther;
  return {
    rows: total.length > 0 ? [...rows, { key: 'total', counts: total }] : rows,
    receivedSince: received(now.total) - received(issued.total),
  };
}
