import { vietnameseDateTime } from '../periods/report-period';
import { ReportColumn, ReportContext, ReportRow, ReportTable } from '../report-table';
import {
  addFlows,
  DossierFlow,
  emptyFlow,
  FlowGroup,
  inProgress,
  receivedInPeriod,
  resolved,
} from '../figures/dossier-flow';
import { childUnitsScope } from './child-units';
import { ReportKind, ReportRevisions, RevisedCount } from './report-kind';

/** Rows of the II.06a form: by field (lĩnh vực, the form's own layout) or by the scope's child units. */
export type Ii06aRows = 'field' | 'agency';

const RECEIVED = 'Số hồ sơ nhận giải quyết';
const RESOLVED = 'Số hồ sơ đã giải quyết';
const IN_PROGRESS = 'Số hồ sơ đang giải quyết';

export const II06A_COLUMNS = (rows: Ii06aRows): ReportColumn[] => [
  { key: 'index', label: 'TT', kind: 'text' },
  { key: 'group', label: rows === 'field' ? 'Lĩnh vực giải quyết' : 'Đơn vị giải quyết', kind: 'text' },
  { key: 'receivedTotal', label: 'Tổng số', group: RECEIVED, kind: 'count' },
  { key: 'receivedOnline', label: 'Trực tuyến', group: RECEIVED, kind: 'count' },
  { key: 'receivedOther', label: 'Trực tiếp hoặc qua BCCI', group: RECEIVED, kind: 'count' },
  { key: 'carriedOver', label: 'Từ kỳ trước chuyển qua', group: RECEIVED, kind: 'count' },
  { key: 'resolvedTotal', label: 'Tổng số', group: RESOLVED, kind: 'count' },
  { key: 'resolvedEarly', label: 'Trước hạn', group: RESOLVED, kind: 'count' },
  { key: 'resolvedOnTime', label: 'Đúng hạn', group: RESOLVED, kind: 'count' },
  { key: 'resolvedLate', label: 'Quá hạn', group: RESOLVED, kind: 'count' },
  { key: 'inProgressTotal', label: 'Tổng số', group: IN_PROGRESS, kind: 'count' },
  { key: 'inProgressWithinDue', label: 'Trong hạn', group: IN_PROGRESS, kind: 'count' },
  { key: 'inProgressOverdue', label: 'Quá hạn', group: IN_PROGRESS, kind: 'count' },
];

/** The 11 counts of a row, in column order from (3). */
export function ii06aCounts(flow: DossierFlow): number[] {
  return [
    receivedInPeriod(flow) + flow.carriedOver,
    flow.receivedOnline,
    flow.receivedOther,
    flow.carriedOver,
    resolved(flow),
    flow.resolvedEarly,
    flow.resolvedOnTime,
    flow.resolvedLate,
    inProgress(flow),
    flow.inProgressWithinDue,
    flow.inProgressOverdue,
  ];
}

export interface Ii06aInput {
  rows: Ii06aRows;
  groups: readonly FlowGroup[];
  /** A group's name: the field's, or the unit's from the catalogue (its code if unknown). */
  labelOf: (key: string | null) => string;
}

const collator = new Intl.Collator('vi');

/**
 * Form Biểu II.06a/VPCP/KSTT, "Tình hình, kết quả giải quyết TTHC": one row per field (or child unit) with
 * anything to count, by name (what the catalogue does not place last), and the total of the rows.
 */
export function ii06aReport(context: ReportContext, input: Ii06aInput): ReportTable {
  const labelled = input.groups
    .filter(({ flow }) => Object.values(flow).some((count) => count !== 0))
    .map((group) => ({ ...group, label: input.labelOf(group.key) }))
    .sort((a, b) =>
      a.key === null || b.key === null
        ? Number(a.key === null) - Number(b.key === null)
        : collator.compare(a.label, b.label),
    );
  const rows: ReportRow[] = labelled.map((group, index) => ({
    key: group.key,
    cells: [String(index + 1), group.label, ...ii06aCounts(group.flow)],
  }));
  const total = addFlows(labelled.map(({ flow }) => flow));
  const where = context.scope.agencyName;
  return {
    kind: 'ii06a',
    formCode: 'Biểu số II.06a/VPCP/KSTT',
    formBasis: 'Ban hành kèm theo Thông tư số 01/2020/TT-VPCP',
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    scopeLine: `Tại: ${where}`,
    reporter: context.reporter,
    recipient: context.recipient,
    period: context.period,
    unit: 'Đơn vị tính: Số hồ sơ TTHC',
    columns: II06A_COLUMNS(input.rows),
    rows,
    total: { cells: ['', 'Tổng số', ...ii06aCounts(total)] },
    notes: [
      `(3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13).`,
      `Hồ sơ rút hoặc dừng xử lý trong kỳ (không có kết quả): ${total.closedWithoutResult}; ` +
        `(3) = (7) + (11) + ${total.closedWithoutResult}.`,
      `Số liệu tính theo các sự kiện đã tiếp nhận đến ${vietnameseDateTime(context.asOf)}.`,
    ],
    asOf: context.asOf,
  };
}

/** One child unit's dossier flows by field, for its own sheet. */
export interface Ii06aUnitInput {
  code: string;
  name: string;
  groups: readonly FlowGroup[];
}

/**
 * One II.06a table per child unit ("one sheet per child unit"): each laid out like the form, rows by field and
 * its own total, scoped and reported by the unit ("Tại: Sở Xây dựng"), its sheet named after the unit (made
 * valid for Excel when the workbook is written), units by Vietnamese name. A unit with nothing to count gets no
 * sheet.
 */
export function ii06aUnitSheets(
  context: ReportContext,
  units: readonly Ii06aUnitInput[],
  fieldLabel: (key: string | null) => string,
): ReportTable[] {
  return units
    .filter((unit) => unit.groups.some(({ flow }) => Object.values(flow).some((count) => count !== 0)))
    .sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code))
    .map((unit) => ({
      ...ii06aReport(
        { ...context, scope: { agency: unit.code, agencyName: unit.name }, reporter: unit.name },
        { rows: 'field', groups: unit.groups, labelOf: fieldLabel },
      ),
      sheetName: unit.name,
    }));
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

/** Figures an II.06a report keeps: each row's flow and the total's (the total counted on its own). */
export interface Ii06aFigures {
  rows: FlowGroup[];
  total: DossierFlow;
}

const UNKNOWN_FIELD = 'Chưa xác định lĩnh vực';

export const ii06aKind: ReportKind = {
  description: {
    id: 'ii06a',
    formCode: 'Biểu số II.06a/VPCP/KSTT',
    nameVi: 'Tình hình, kết quả giải quyết thủ tục hành chính',
    nameEn: 'Administrative procedures: dossiers received, resolved and in progress',
    rows: ['field', 'agency'],
    sheets: ['single', 'unit'],
  },
  async build({ flows, agencies }, request) {
    const rows = request.rows === 'agency' ? 'agency' : 'field';
    const flowQuery = {
      period: request.period,
      agency: request.agency,
      structure: request.structure,
      asOf: request.asOf,
      now: request.now,
    };
    const count = (groupBy: Ii06aRows | null) => flows.flows({ ...flowQuery, groupBy });
    const [answer, total] = await Promise.all([count(rows), count(null)]);
    const names =
      rows === 'agency'
        ? new Map((await agencies.list()).map((agency) => [agency.code, agency.name]))
        : new Map<string, string>();
    const table = ii06aReport(
      { ...request.context, asOf: total.asOf },
      {
        rows,
        groups: answer.groups,
        labelOf: (key) => (key === null ? UNKNOWN_FIELD : rows === 'field' ? key : (names.get(key) ?? key)),
      },
    );
    const figures: Ii06aFigures = { rows: answer.groups, total: total.groups[0]?.flow ?? emptyFlow() };
    if (request.sheets !== 'unit') return { table, figures };
    // One sheet per child unit: the scope's child units (as rows=agency groups them), each counted by field
    // over its own subtree.
    const scope = await childUnitsScope(agencies, request.agency);
    const units = await flows.flows({ ...flowQuery, agency: scope.agency, groupBy: 'agency' });
    const perUnit = await Promise.all(
      units.groups
        .filter((group): group is { key: string; flow: DossierFlow } => group.key !== null)
        .map(async ({ key }) => ({
          code: key,
          name: scope.nameOf(key),
          groups: (await flows.flows({ ...flowQuery, agency: key, groupBy: 'field' })).groups,
        })),
    );
    const sheets = ii06aUnitSheets({ ...request.context, asOf: total.asOf }, perUnit, (key) =>
      key === null ? UNKNOWN_FIELD : key,
    );
    return { table, figures, sheets };
  },
  revisions: (issued, now) => ii06aRevisions(issued.figures as Ii06aFigures, now.figures as Ii06aFigures),
};
