import { IndicatorsService } from '@dvc/indicators';
import { TargetStatusEntry, targetStatusQuerySchema } from '@dvc/target-status';
import { vietnameseDate, vietnameseDateTime } from '../periods/report-period';
import { ReportColumn, ReportContext, ReportRow, ReportTable } from '../report-table';
import { tableRevisions } from '../issued/table-revisions';
import { ReportKind } from './report-kind';

/** What the targets table needs of an indicator: its Vietnamese name and unit. */
export interface IndicatorLabel {
  nameVi: string;
  unit: 'share' | 'percentage_points' | 'count';
}

const STATUS_VI: Record<TargetStatusEntry['status'], string> = {
  met: 'Đạt',
  at_risk: 'Có nguy cơ không đạt',
  missed: 'Không đạt',
  not_enough_data: 'Chưa đủ dữ liệu',
};

const COMPARATOR_VI: Record<TargetStatusEntry['target']['comparator'], string> = {
  '>=': 'Tối thiểu',
  '>': 'Trên',
  '<=': 'Tối đa',
  '<': 'Dưới',
};

const ACHIEVED = 'Kết quả thực hiện';

export const TARGETS_COLUMNS: ReportColumn[] = [
  { key: 'index', label: 'TT', kind: 'text' },
  { key: 'target', label: 'Chỉ tiêu', kind: 'text' },
  { key: 'legalBasis', label: 'Căn cứ', kind: 'text' },
  { key: 'scope', label: 'Phạm vi', kind: 'text' },
  { key: 'evaluated', label: 'Kỳ đánh giá', kind: 'text' },
  { key: 'requirement', label: 'Yêu cầu', kind: 'text' },
  { key: 'threshold', label: 'Ngưỡng', kind: 'decimal' },
  { key: 'numerator', label: 'Số', group: ACHIEVED, kind: 'count' },
  { key: 'denominator', label: 'Tổng số', group: ACHIEVED, kind: 'count' },
  { key: 'actual', label: 'Giá trị', group: ACHIEVED, kind: 'decimal' },
  { key: 'gap', label: 'Chênh lệch', kind: 'decimal' },
  { key: 'projected', label: 'Dự báo cuối kỳ', kind: 'decimal' },
  { key: 'status', label: 'Đánh giá', kind: 'text' },
];

const round2 = (value: number) => Math.round(value * 100) / 100;
/** Shares in percent (52.35), points and counts as they are. */
const inUnit = (value: number | null | undefined, unit: IndicatorLabel['unit']) =>
  value === null || value === undefined ? null : round2(unit === 'share' ? value * 100 : value);
const UNIT_VI: Record<IndicatorLabel['unit'], string> = {
  share: '%',
  percentage_points: 'điểm %',
  count: 'hồ sơ',
};

/**
 * The targets report: every target that applies to the scope in the period, judged as `GET /v1/targets/status`
 * judges it (actual, threshold, gap, projection, status), one row each, in the target-status order.
 */
export function targetsReport(
  context: ReportContext,
  input: {
    entries: readonly TargetStatusEntry[];
    labelOf: (indicatorId: string) => IndicatorLabel;
    agencyName: (code: string | null) => string;
  },
): ReportTable {
  const rows: ReportRow[] = input.entries.map((entry, index) => {
    const label = input.labelOf(entry.target.indicatorId);
    return {
      key: entry.target.key,
      cells: [
        String(index + 1),
        label.nameVi,
        entry.target.legalBasis,
        input.agencyName(entry.evaluatedFor.agency),
        `${vietnameseDate(entry.evaluatedFor.from)} - ${vietnameseDate(entry.evaluatedFor.to)}`,
        `${COMPARATOR_VI[entry.target.comparator]} (${UNIT_VI[label.unit]})`,
        inUnit(entry.threshold, label.unit),
        entry.figures?.numerator ?? null,
        entry.figures?.denominator ?? null,
        inUnit(entry.actual, label.unit),
        inUnit(entry.gap, label.unit),
        inUnit(entry.projection?.projectedValue, label.unit),
        STATUS_VI[entry.status],
      ],
    };
  });
  const count = (status: TargetStatusEntry['status']) =>
    input.entries.filter((entry) => entry.status === status).length;
  return {
    kind: 'targets',
    formCode: 'Báo cáo thực hiện chỉ tiêu',
    formBasis: 'Chỉ tiêu theo các văn bản của Trung ương và của tỉnh (cột Căn cứ)',
    title: 'TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU VỀ DỊCH VỤ CÔNG TRỰC TUYẾN',
    scopeLine: `Tại: ${context.scope.agencyName}`,
    reporter: context.reporter,
    recipient: context.recipient,
    period: context.period,
    unit: 'Tỷ lệ tính theo %; tăng trưởng theo điểm %',
    columns: TARGETS_COLUMNS,
    rows,
    total: {
      cells: [
        '',
        `Tổng số: ${input.entries.length} chỉ tiêu`,
        '',
        '',
        '',
        '',
        null,
        null,
        null,
        null,
        null,
        null,
        '',
      ],
    },
    notes: [
      `Đạt: ${count('met')}; có nguy cơ không đạt: ${count('at_risk')}; không đạt: ${count('missed')}; ` +
        `chưa đủ dữ liệu: ${count('not_enough_data')}.`,
      'Mỗi chỉ tiêu được đánh giá trên kỳ của chính nó (năm, quý, tháng) chứa kỳ báo cáo; chỉ tiêu của kỳ đang ' +
        'diễn ra được dự báo đến cuối kỳ theo khối lượng cùng kỳ năm trước.',
      `Số liệu tính theo các sự kiện đã tiếp nhận đến ${vietnameseDateTime(context.asOf)}.`,
    ],
    asOf: context.asOf,
  };
}

export const targetsKind: ReportKind = {
  description: {
    id: 'targets',
    formCode: 'Báo cáo thực hiện chỉ tiêu',
    nameVi: 'Tình hình thực hiện các chỉ tiêu',
    nameEn: 'Targets: actual, threshold, gap, status and projection',
    rows: ['target'],
  },
  async build({ targetStatus, agencies }, request) {
    // Target status counts everything stored now (it has no asOf): the issued copy keeps what it said then.
    const [report, list] = await Promise.all([
      targetStatus.report(
        targetStatusQuerySchema.parse({
          period: `${request.period.from}..${request.period.to}`,
          ...(request.agency ? { agency: request.agency } : {}),
          structure: request.structure,
        }),
      ),
      agencies.list(),
    ]);
    const names = new Map(list.map((agency) => [agency.code, agency.name]));
    const table = targetsReport(
      { ...request.context, asOf: request.now.toISOString() },
      {
        entries: report.targets,
        labelOf: (id) =>
          IndicatorsService.definitions.find((definition) => definition.id === id) ?? {
            nameVi: id,
            unit: 'count',
          },
        agencyName: (code) => (code === null ? request.context.scope.agencyName : (names.get(code) ?? code)),
      },
    );
    return { table, figures: { targets: report.targets } };
  },
  revisions: (issued, now) => tableRevisions(issued.table, now.table),
};
