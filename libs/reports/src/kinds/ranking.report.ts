import { indicatorQuerySchema } from '@dvc/indicators';
import { vietnameseDateTime } from '../periods/report-period';
import { ReportColumn, ReportContext, ReportRow, ReportTable } from '../report-table';
import { tableRevisions } from '../issued/table-revisions';
import { childUnitsScope } from './child-units';
import { ReportKind } from './report-kind';

/** The Decision 766 family the national portal ranks provinces (and provinces their units) on. */
export const RANKING_INDICATORS = [
  { id: 'dossiers.online', label: 'Hồ sơ trực tuyến' },
  { id: 'procedures.online', label: 'TTHC cung cấp DVCTT' },
  { id: 'dossiers.on_time', label: 'Hồ sơ giải quyết đúng hạn' },
  { id: 'payments.online', label: 'Thanh toán trực tuyến' },
] as const;
export type RankingIndicator = (typeof RANKING_INDICATORS)[number]['id'];

export interface Ratio {
  numerator: number;
  denominator: number | null;
  value: number | null;
}

/** One child unit's figures on each indicator (absent: the indicator had nothing for it). */
export interface UnitFigures {
  key: string;
  name: string;
  figures: Partial<Record<RankingIndicator, Ratio>>;
}

export interface RankedUnit extends UnitFigures {
  /** Competition ranks (1, 2, 2, 4) by value, highest first; null where the unit has no value. */
  ranks: Record<RankingIndicator, number | null>;
  /** The mean of its ranks, equal weights; null when it has none. */
  meanRank: number | null;
  /** Its place by mean rank (competition ranking); null when unranked. */
  position: number | null;
}

const collator = new Intl.Collator('vi');
const SAME = 1e-12;

/** Competition ranks of values, highest first (equal values share a rank); null values stay unranked. */
function competitionRanks(values: readonly (number | null)[], higherFirst: boolean): (number | null)[] {
  return values.map((value) => {
    if (value === null) return null;
    const better = values.filter(
      (other) => other !== null && (higherFirst ? other > value + SAME : other < value - SAME),
    ).length;
    return better + 1;
  });
}

/**
 * Ranks child units on every indicator, then overall by the mean of their ranks (equal weights: the portal's
 * index weighs them, the province has not said how; the counts are beside each rank to check). Units without
 * any value come last, by name.
 */
export function rankUnits(units: readonly UnitFigures[]): RankedUnit[] {
  const ranksBy = Object.fromEntries(
    RANKING_INDICATORS.map(({ id }) => [
      id,
      competitionRanks(
        units.map((unit) => unit.figures[id]?.value ?? null),
        true,
      ),
    ]),
  ) as Record<RankingIndicator, (number | null)[]>;
  const ranked = units.map((unit, index) => {
    const ranks = Object.fromEntries(RANKING_INDICATORS.map(({ id }) => [id, ranksBy[id][index]])) as Record<
      RankingIndicator,
      number | null
    >;
    const present = Object.values(ranks).filter((rank): rank is number => rank !== null);
    const meanRank = present.length ? present.reduce((sum, rank) => sum + rank, 0) / present.length : null;
    return { ...unit, ranks, meanRank };
  });
  const positions = competitionRanks(
    ranked.map((unit) => unit.meanRank),
    false,
  );
  return ranked
    .map((unit, index) => ({ ...unit, position: positions[index] }))
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || collator.compare(a.name, b.name));
}

const percent = (ratio: Ratio | undefined) =>
  ratio?.value === null || ratio?.value === undefined ? null : Math.round(ratio.value * 10_000) / 100;

export const RANKING_COLUMNS: ReportColumn[] = [
  { key: 'position', label: 'Xếp hạng', kind: 'text' },
  { key: 'unit', label: 'Đơn vị', kind: 'text' },
  { key: 'meanRank', label: 'Thứ hạng bình quân', kind: 'decimal' },
  ...RANKING_INDICATORS.flatMap(({ id, label }): ReportColumn[] => [
    { key: `${id}.numerator`, label: 'Số', group: label, kind: 'count' },
    { key: `${id}.denominator`, label: 'Tổng số', group: label, kind: 'count' },
    { key: `${id}.percent`, label: 'Tỷ lệ (%)', group: label, kind: 'percent' },
    { key: `${id}.rank`, label: 'Hạng', group: label, kind: 'count' },
  ]),
];

const indicatorCells = (figures: Partial<Record<RankingIndicator, Ratio>>, ranks?: RankedUnit['ranks']) =>
  RANKING_INDICATORS.flatMap(({ id }) => [
    figures[id]?.numerator ?? 0,
    figures[id]?.denominator ?? 0,
    percent(figures[id]),
    ranks ? ranks[id] : null,
  ]);

/** The ranking table: one row per child unit in rank order, the scope's own figures as the total. */
export function rankingReport(
  context: ReportContext,
  input: { units: readonly UnitFigures[]; scope: Partial<Record<RankingIndicator, Ratio>> },
): ReportTable {
  const rows: ReportRow[] = rankUnits(input.units).map((unit) => ({
    key: unit.key,
    cells: [
      unit.position === null ? '' : String(unit.position),
      unit.name,
      unit.meanRank === null ? null : Math.round(unit.meanRank * 100) / 100,
      ...indicatorCells(unit.figures, unit.ranks),
    ],
  }));
  return {
    kind: 'ranking',
    formCode: 'Xếp hạng theo Quyết định 766/QĐ-TTg',
    sheetName: 'Xếp hạng QĐ 766-QĐ-TTg',
    formBasis: 'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp',
    title: 'XẾP HẠNG CÁC ĐƠN VỊ THEO CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP',
    scopeLine: `Các đơn vị trực thuộc: ${context.scope.agencyName}`,
    reporter: context.reporter,
    recipient: context.recipient,
    period: context.period,
    unit: 'Tỷ lệ tính theo %; thứ hạng 1 là cao nhất',
    columns: RANKING_COLUMNS,
    rows,
    total: { cells: ['', `Toàn phạm vi: ${context.scope.agencyName}`, null, ...indicatorCells(input.scope)] },
    notes: [
      'Hạng theo từng chỉ số: tỷ lệ cao hơn xếp trước, bằng nhau cùng hạng. Thứ hạng bình quân: trung bình các ' +
        'hạng của đơn vị (trọng số bằng nhau); đơn vị không có số liệu ở một chỉ số không được xếp hạng ở chỉ số đó.',
      'Hồ sơ trực tuyến: hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận. TTHC cung cấp DVCTT: thủ tục mức độ 3, 4 ' +
        '/ thủ tục đang áp dụng (cuối kỳ). Đúng hạn: hồ sơ giải quyết đúng hạn / hồ sơ đã giải quyết và quá hạn. ' +
        'Thanh toán trực tuyến: hồ sơ có nghĩa vụ tài chính thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính.',
      `Số liệu tính theo các sự kiện đã tiếp nhận đến ${vietnameseDateTime(context.asOf)}.`,
    ],
    asOf: context.asOf,
  };
}

export const rankingKind: ReportKind = {
  description: {
    id: 'ranking',
    formCode: 'Xếp hạng theo Quyết định 766/QĐ-TTg',
    nameVi: 'Xếp hạng các đơn vị theo bộ chỉ số Quyết định 766',
    nameEn: 'Child units ranked on the Decision 766 indicators',
    rows: ['agency'],
  },
  async build({ indicators, agencies }, request) {
    const { agency, nameOf } = await childUnitsScope(agencies, request.agency);
    const ask = (id: RankingIndicator, groupBy: 'agency' | undefined) =>
      indicators.compute(
        id,
        indicatorQuerySchema.parse({
          from: request.period.from,
          to: request.period.to,
          ...(agency ? { agency } : {}),
          structure: request.structure,
          ...(groupBy ? { groupBy } : {}),
          ...(request.asOf ? { asOf: request.asOf } : {}),
        }),
      );
    const answers = await Promise.all(
      RANKING_INDICATORS.map(async ({ id }) => {
        const [total, grouped] = await Promise.all([ask(id, undefined), ask(id, 'agency')]);
        return { id, total: total as Ratio, groups: grouped.groups ?? [] };
      }),
    );
    const units = new Map<string, UnitFigures>();
    for (const answer of answers)
      for (const group of answer.groups) {
        if (group.key === null) continue;
        const unit = units.get(group.key) ?? {
          key: group.key,
          name: nameOf(group.key),
          figures: {},
        };
        unit.figures[answer.id] = {
          numerator: group.numerator,
          denominator: group.denominator,
          value: group.value,
        };
        units.set(group.key, unit);
      }
    const scope = Object.fromEntries(answers.map((answer) => [answer.id, answer.total]));
    const asOf = request.asOf ?? request.now.toISOString();
    const table = rankingReport({ ...request.context, asOf }, { units: [...units.values()], scope });
    return { table, figures: { units: [...units.values()], scope } };
  },
  revisions: (issued, now) => tableRevisions(issued.table, now.table),
};
