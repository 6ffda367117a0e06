import { indicatorQuerySchema, previousDay } from '@dvc/indicators';
import { noProcedures, countProceduresByLevel, ProcedureLevelCounts } from '../figures/procedures-by-level';
import { reportPeriod, vietnameseDate, vietnameseDateTime } from '../periods/report-period';
import { ReportColumn, ReportContext, ReportRow, ReportTable } from '../report-table';
import { tableRevisions } from '../issued/table-revisions';
import { childUnitsScope } from './child-units';
import { ReportKind } from './report-kind';

/** The indicators the DVCTT report asks (one `groupBy=agency` call each), by the key its figures are kept under. */
export const DVCTT_INDICATORS = [
  { key: 'procedures.level3', id: 'procedures.level3', options: {} },
  { key: 'procedures.level4', id: 'procedures.level4', options: {} },
  { key: 'procedures.online', id: 'procedures.online', options: {} },
  { key: 'growth.online', id: 'procedures.level_growth', options: { level: 3 } },
  { key: 'growth.level4', id: 'procedures.level_growth', options: { level: 4 } },
  { key: 'services.uptake', id: 'services.uptake', options: {} },
  { key: 'dossiers.online.level3', id: 'dossiers.online', options: { level: 3 } },
  { key: 'dossiers.online.level4', id: 'dossiers.online', options: { level: 4 } },
  { key: 'payments.online', id: 'payments.online', options: {} },
  { key: 'dossiers.postal', id: 'dossiers.postal', options: {} },
] as const;
export type DvcttFigure = (typeof DVCTT_INDICATORS)[number]['key'];

/**
 * Targets of the yearly growth, in points (Bình Thuận directive 2018: +7 at level 3, +8 at level 4): +7 on the
 * share at level 3 or above (online, what `procedures.level_growth` with level=3 measures), +8 on level 4.
 */
export const GROWTH_TARGETS = { online: 7, level4: 8 } as const;

export interface Figures {
  numerator: number;
  denominator: number | null;
  /** A share in [0, 1]; for growth, the change in percentage points; null when undefined. */
  value: number | null;
}

/** One child unit (or the scope): its procedures by level and mode (the catalogue) and its indicator figures. */
export interface DvcttUnit {
  key: string;
  name: string;
  procedures: ProcedureLevelCounts;
  figures: Partial<Record<DvcttFigure, Figures>>;
}

const PROCEDURES = 'Số TTHC đang áp dụng (cuối kỳ)';
const MODES = 'Theo Nghị định 42/2022/NĐ-CP';
const SHARES = 'Tỷ lệ TTHC (%)';
const GROWTH = 'Tăng trưởng so với cuối năm trước (điểm %)';
const VERDICT = 'So với chỉ tiêu tăng trưởng năm';
const ratioColumns = (key: string, group: string, numerator: string, denominator: string): ReportColumn[] => [
  { key: `${key}.numerator`, label: numerator, group, kind: 'count' },
  { key: `${key}.denominator`, label: denominator, group, kind: 'count' },
  { key: `${key}.percent`, label: 'Tỷ lệ (%)', group, kind: 'percent' },
];

export const DVCTT_COLUMNS: ReportColumn[] = [
  { key: 'index', label: 'TT', kind: 'text' },
  { key: 'unit', label: 'Đơn vị', kind: 'text' },
  { key: 'procedures.total', label: 'Tổng số', group: PROCEDURES, kind: 'count' },
  { key: 'procedures.level1', label: 'Mức 1', group: PROCEDURES, kind: 'count' },
  { key: 'procedures.level2', label: 'Mức 2', group: PROCEDURES, kind: 'count' },
  { key: 'procedures.level3', label: 'Mức 3', group: PROCEDURES, kind: 'count' },
  { key: 'procedures.level4', label: 'Mức 4', group: PROCEDURES, kind: 'count' },
  { key: 'mode.none', label: 'Chưa trực tuyến', group: MODES, kind: 'count' },
  { key: 'mode.partial', label: 'Một phần', group: MODES, kind: 'count' },
  { key: 'mode.full', label: 'Toàn trình', group: MODES, kind: 'count' },
  { key: 'share.level3', label: 'Mức 3', group: SHARES, kind: 'percent' },
  { key: 'share.level4', label: 'Mức 4', group: SHARES, kind: 'percent' },
  { key: 'share.online', label: 'Trực tuyến (mức 3, 4)', group: SHARES, kind: 'percent' },
  { key: 'growth.level3', label: 'Mức 3', group: GROWTH, kind: 'decimal' },
  { key: 'growth.level4', label: 'Mức 4', group: GROWTH, kind: 'decimal' },
  { key: 'growth.online', label: 'Trực tuyến (mức 3, 4)', group: GROWTH, kind: 'decimal' },
  {
    key: 'target.online.verdict',
    label: `Trực tuyến +${GROWTH_TARGETS.online}: đánh giá`,
    group: VERDICT,
    kind: 'text',
  },
  { key: 'target.online.gap', label: 'Chênh lệch (điểm %)', group: VERDICT, kind: 'decimal' },
  {
    key: 'target.level4.verdict',
    label: `Mức 4 +${GROWTH_TARGETS.level4}: đánh giá`,
    group: VERDICT,
    kind: 'text',
  },
  { key: 'target.level4.gap', label: 'Chênh lệch (điểm %)', group: VERDICT, kind: 'decimal' },
  ...ratioColumns('services.uptake', 'DVCTT có phát sinh hồ sơ trực tuyến', 'Có hồ sơ', 'Số DVCTT'),
  ...ratioColumns('dossiers.online.level3', 'Hồ sơ trực tuyến của TTHC mức 3', 'Trực tuyến', 'Tổng số'),
  ...ratioColumns('dossiers.online.level4', 'Hồ sơ trực tuyến của TTHC mức 4', 'Trực tuyến', 'Tổng số'),
  ...ratioColumns('payments.online', 'Thanh toán trực tuyến', 'Trực tuyến', 'Có nghĩa vụ tài chính'),
  ...ratioColumns('dossiers.postal', 'Hồ sơ tiếp nhận qua BCCI', 'Qua BCCI', 'Tổng số'),
];

const round2 = (value: number) => Math.round(value * 100) / 100;
const percent = (figures: Figures | undefined) =>
  figures?.value === null || figures?.value === undefined ? null : Math.round(figures.value * 10_000) / 100;

/**
 * A unit's growth in points of the shares at level 3 (exactly), level 4 and online (level 3 or above), and its
 * verdict against each yearly target: met (Đạt) when the growth reaches it, the gap in points (growth minus
 * target; below zero: short by that much); none where the growth is undefined (no procedure at one end).
 */
export function growthCells(figures: DvcttUnit['figures']): (string | number | null)[] {
  const online = figures['growth.online']?.value ?? null;
  const level4 = figures['growth.level4']?.value ?? null;
  // Level 3 exactly = level 3 or above less level 4, over the same procedures in force at each end.
  const level3 = online === null || level4 === null ? null : online - level4;
  // + 0: a gap of −0.001 is written 0, not −0.
  const points = (value: number | null) => (value === null ? null : round2(value) + 0);
  const verdict = (growth: number | null, target: number) =>
    growth === null ? [null, null] : [round2(growth) >= target ? 'Đạt' : 'Chưa đạt', points(growth - target)];
  return [
    points(level3),
    points(level4),
    points(online),
    ...verdict(online, GROWTH_TARGETS.online),
    ...verdict(level4, GROWTH_TARGETS.level4),
  ];
}

const ratioCells = (figures: Figures | undefined) => [
  figures?.numerator ?? 0,
  figures?.denominator ?? 0,
  percent(figures),
];

/**
 * A unit's cells after TT and name. Procedures in force and at levels 3 and 4 are the procedure indicators'
 * counts; levels 1 and 2 and the Decree 42 modes, which no indicator gives, the catalogue's at the same day.
 */
function unitCells({ procedures, figures }: DvcttUnit) {
  return [
    figures['procedures.level3']?.denominator ?? 0,
    procedures.byLevel[1],
    procedures.byLevel[2],
    figures['procedures.level3']?.numerator ?? 0,
    figures['procedures.level4']?.numerator ?? 0,
    procedures.byMode.none,
    procedures.byMode.partial,
    procedures.byMode.full,
    percent(figures['procedures.level3']),
    percent(figures['procedures.level4']),
    percent(figures['procedures.online']),
    ...growthCells(figures),
    ...ratioCells(figures['services.uptake']),
    ...ratioCells(figures['dossiers.online.level3']),
    ...ratioCells(figures['dossiers.online.level4']),
    ...ratioCells(figures['payments.online']),
    ...ratioCells(figures['dossiers.postal']),
  ];
}

const collator = new Intl.Collator('vi');

/** The DVCTT table: one row per child unit (by name), the scope's own figures as the total. */
export function dvcttReport(
  context: ReportContext,
  input: { units: readonly DvcttUnit[]; scope: DvcttUnit; growthSince: string },
): ReportTable {
  const rows: ReportRow[] = [...input.units]
    .sort((a, b) => collator.compare(a.name, b.name) || a.key.localeCompare(b.key))
    .map((unit, index) => ({ key: unit.key, cells: [String(index + 1), unit.name, ...unitCells(unit)] }));
  return {
    kind: 'dvctt',
    formCode: 'Báo cáo DVCTT',
    formBasis: 'Nghị định 42/2022/NĐ-CP về cung cấp thông tin và dịch vụ công trực tuyến',
    title: 'TÌNH HÌNH CUNG CẤP VÀ SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN',
    scopeLine: `Tại: ${context.scope.agencyName}`,
    reporter: context.reporter,
    recipient: context.recipient,
    period: context.period,
    unit: 'Số TTHC, số hồ sơ; tỷ lệ tính theo %; tăng trưởng tính theo điểm %',
    columns: DVCTT_COLUMNS,
    rows,
    total: { cells: ['', `Toàn phạm vi: ${context.scope.agencyName}`, ...unitCells(input.scope)] },
    notes: [
      `TTHC đang áp dụng tại ngày ${vietnameseDate(context.period.to)} (cuối kỳ), mỗi thủ tục tính một lần ở mức ` +
        'cao nhất trong các đơn vị cung cấp; theo Nghị định 42/2022/NĐ-CP, ở hình thức đầy đủ nhất. Tổng ' +
        'phạm vi tính mỗi thủ tục một lần, nên có thể nhỏ hơn tổng các dòng.',
      `Tăng trưởng: tỷ lệ cuối kỳ trừ tỷ lệ ngày ${vietnameseDate(input.growthSince)} (cuối năm trước), ` +
        `theo điểm %; mức 3 = trực tuyến (mức 3, 4) trừ mức 4. Chỉ tiêu mỗi năm +${GROWTH_TARGETS.online} ` +
        `điểm ở mức 3 trở lên (trực tuyến), +${GROWTH_TARGETS.level4} điểm ở mức 4: đạt khi tăng trưởng (làm ` +
        'tròn 2 chữ số) không thấp hơn chỉ tiêu; chênh lệch = tăng trưởng trừ chỉ tiêu (âm: còn thiếu).',
      'DVCTT có phát sinh hồ sơ: thủ tục mức 3, 4 trong kỳ có ít nhất một hồ sơ trực tuyến. Hồ sơ trực tuyến ' +
        'theo mức: hồ sơ trực tuyến / hồ sơ tiếp nhận của thủ tục ở mức đó khi tiếp nhận. Thanh toán trực ' +
        'tuyến: hồ sơ thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính. BCCI: hồ sơ tiếp nhận qua bưu ' +
        'chính công ích / hồ sơ tiếp nhận.',
      `Số liệu hồ sơ tính theo các sự kiện đã tiếp nhận đến ${vietnameseDateTime(context.asOf)}.`,
    ],
    asOf: context.asOf,
  };
}

export const dvcttKind: ReportKind = {
  description: {
    id: 'dvctt',
    formCode: 'Báo cáo DVCTT',
    nameVi: 'Tình hình cung cấp và sử dụng dịch vụ công trực tuyến',
    nameEn: 'Online public services: procedures by level and mode, uptake, online dossiers and payment',
    rows: ['agency'],
  },
  async build({ indicators, agencies, offeredProcedures }, request) {
    const { agency, nameOf } = await childUnitsScope(agencies, request.agency);
    // Growth against the end of the year before: from the first day of the report's year, same cut.
    const yearStart = reportPeriod(request.period.key.slice(0, 4), request.period.cut).from;
    const answers = await Promise.all(
      DVCTT_INDICATORS.map(async ({ key, id, options }) => {
        const growth = id === 'procedures.level_growth';
        const answer = await indicators.compute(
          id,
          indicatorQuerySchema.parse({
            from: growth ? yearStart : request.period.from,
            to: request.period.to,
            ...(agency ? { agency } : {}),
            structure: request.structure,
            groupBy: 'agency',
            ...options,
            ...(request.asOf ? { asOf: request.asOf } : {}),
          }),
        );
        return { key, answer };
      }),
    );
    const counted = countProceduresByLevel(await offeredProcedures.read(), {
      agency,
      structure: request.structure,
      day: request.period.to,
    });
    const units = new Map<string, DvcttUnit>();
    const unitOf = (key: string) => {
      const unit = units.get(key) ?? {
        key,
        name: nameOf(key),
        procedures: counted.groups.get(key) ?? noProcedures(),
        figures: {},
      };
      units.set(key, unit);
      return unit;
    };
    for (const key of counted.groups.keys()) unitOf(key);
    for (const { key, answer } of answers)
      for (const group of answer.groups ?? [])
        if (group.key !== null)
          unitOf(group.key).figures[key] = {
            numerator: group.numerator,
            denominator: group.denominator,
            value: group.value,
          };
    const scope: DvcttUnit = {
      key: agency ?? 'province',
      name: request.context.scope.agencyName,
      procedures: counted.total,
      figures: Object.fromEntries(
        answers.map(({ key, answer }) => [
          key,
          { numerator: answer.numerator, denominator: answer.denominator, value: answer.value },
        ]),
      ),
    };
    const asOf = request.asOf ?? request.now.toISOString();
    const growthSince = previousDay(yearStart);
    const input = { units: [...units.values()], scope, growthSince };
    return { table: dvcttReport({ ...request.context, asOf }, input), figures: input };
  },
  revisions: (issued, now) => tableRevisions(issued.table, now.table),
};
