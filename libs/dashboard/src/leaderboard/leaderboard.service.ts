import { Injectable } from '@nestjs/common';
import { Agency, AgenciesService, ProceduresService, Target, TargetsService } from '@dvc/catalogue';
import { AppConfig } from '@dvc/config';
import {
  DateRange,
  IndicatorClock,
  IndicatorFigures,
  indicatorQuerySchema,
  IndicatorsService,
  localDateOf,
  parsePeriod,
  sameRangeLastYear,
} from '@dvc/indicators';
import { targetEvaluationPeriod } from '@dvc/target-status';
import {
  childrenOf,
  judgeRow,
  leaderboardRows,
  RankedGroup,
  targetForUnit,
  targetsWithOptions,
} from './leaderboard-rows';
import { Leaderboard, LeaderboardQuery, RowTarget, SPARKLINE_DAYS } from './leaderboard.schema';

const rangeKey = (range: DateRange) => `${range.from}..${range.to}`;

/**
 * A scope's units (or fields, or procedures) ranked by an indicator: the figures are the indicator API's
 * grouping (`GET /v1/indicators/{id}?groupBy=…`), the sparklines one grouped series for every row, and each
 * unit is judged against the target that applies to it with the pure rules of the target status.
 */
@Injectable()
export class LeaderboardService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly agencies: AgenciesService,
    private readonly procedures: ProceduresService,
    private readonly targets: TargetsService,
    private readonly clock: IndicatorClock,
    private readonly config: AppConfig,
  ) {}

  async leaderboard(query: LeaderboardQuery): Promise<Leaderboard> {
    const now = this.clock.now();
    const today = localDateOf(now);
    const definition = this.indicators.definition(query.indicator);
    const agencies = await this.agencies.list();
    const scopeAgency = query.agency ?? null;
    // An unknown agency is a 404, as for the overview.
    const scope = scopeAgency === null ? null : await this.agencies.get(scopeAgency);
    const groupedUnder = scopeAgency ?? (query.by === 'agency' ? soleTop(agencies) : null);
    const ask = (period: Record<string, string>) =>
      indicatorQuerySchema.parse({
        ...period,
        ...(groupedUnder === null ? {} : { agency: groupedUnder }),
        structure: query.structure,
        ...(query.field ? { field: query.field } : {}),
        ...(query.level ? { level: String(query.level) } : {}),
        groupBy: query.by,
      });
    const [ranking, series, names] = await Promise.all([
      this.indicators.compute(query.indicator, ask({ period: query.period })),
      this.indicators.groupSeries(query.indicator, ask({ period: `rolling-${SPARKLINE_DAYS}d` }), 'day'),
      this.namesOf(query.by, agencies),
    ]);
    const period = ranking.period;
    const listed =
      query.by === 'agency' ? childrenOf(agencies, groupedUnder, query.structure, period, today) : [];
    const empty: IndicatorFigures =
      definition.unit === 'count'
        ? { numerator: 0, denominator: null, value: 0 }
        : { numerator: 0, denominator: 0, value: null };
    const targetOf =
      query.by === 'agency'
        ? await this.unitTargets({
            query,
            today,
            period,
            keys: [...new Set([...(ranking.groups ?? []).map((group) => group.key), ...listed])],
            ranking: ranking.groups ?? [],
            ask,
          })
        : () => null;
    return {
      scope: { agency: scopeAgency, name: scope?.name ?? null, structure: query.structure, groupedUnder },
      indicator: { id: query.indicator, unit: definition.unit },
      by: query.by,
      field: query.field ?? null,
      period,
      asOf: now.toISOString(),
      sparklineDays: series.buckets.map((bucket) => bucket.from),
      rows: leaderboardRows({
        groups: ranking.groups ?? [],
        series: series.groups,
        sparklineDays: series.buckets.length,
        listed,
        empty,
        nameOf: (key) => (key === null ? null : (names.get(key) ?? null)),
        targetOf,
      }),
    };
  }

  private async namesOf(
    by: LeaderboardQuery['by'],
    agencies: readonly Agency[],
  ): Promise<Map<string, string>> {
    if (by === 'agency') return new Map(agencies.map((agency) => [agency.code, agency.name]));
    if (by === 'procedure')
      return new Map((await this.procedures.list()).map((procedure) => [procedure.code, procedure.name]));
    return new Map();
  }

  /**
   * Each unit's target, judged over the target's own period: the ranking's figures when that period is the
   * leaderboard's, else one more grouped call per period (and last year's, for a running flow share).
   */
  private async unitTargets(input: {
    query: LeaderboardQuery;
    today: string;
    period: DateRange;
    keys: readonly (string | null)[];
    ranking: readonly RankedGroup[];
    ask: (period: Record<string, string>) => ReturnType<typeof indicatorQuerySchema.parse>;
  }): Promise<(key: string | null, figures: IndicatorFigures) => RowTarget | null> {
    const { query, today, period } = input;
    const definition = this.indicators.definition(query.indicator);
    const applicable = targetsWithOptions(await this.targets.list({ activeOn: today }), query.indicator, {
      level: query.level,
    });
    const asked = parsePeriod(query.period, today);
    const chosen = new Map<string | null, { target: Target; range: DateRange }>();
    for (const key of input.keys) {
      const target = targetForUnit(applicable, key, query.agency ?? null);
      if (target) chosen.set(key, { target, range: targetEvaluationPeriod(target.period, asked, today) });
    }
    const flow = definition.measure === 'flow' && definition.unit === 'share';
    const figuresOver = new Map<string, Map<string | null, IndicatorFigures>>([
      [rangeKey(period), new Map(input.ranking.map((group) => [group.key, group]))],
    ]);
    const needed = new Set<string>();
    for (const { range } of chosen.values()) {
      needed.add(rangeKey(range));
      if (flow && today >= range.from && today <= range.to) needed.add(rangeKey(sameRangeLastYear(range)));
    }
    await Promise.all(
      [...needed]
        .filter((key) => !figuresOver.has(key))
        .map(async (key) => {
          const [from, to] = key.split('..');
          const answer = await this.indicators.compute(query.indicator, input.ask({ from, to }));
          figuresOver.set(key, new Map((answer.groups ?? []).map((group) => [group.key, group])));
        }),
    );
    return (key) => {
      const found = chosen.get(key);
      if (!found) return null;
      const { target, range } = found;
      const figures = figuresOver.get(rangeKey(range))?.get(key) ?? {
        numerator: 0,
        denominator: 0,
        value: null,
      };
      const running = today >= range.from && today <= range.to;
      const lastYear = flow && running ? figuresOver.get(rangeKey(sameRangeLastYear(range)))?.get(key) : null;
      return judgeRow({
        target,
        figures,
        lastYearDenominator: lastYear?.denominator ?? null,
        range,
        today,
        minSample: this.config.TARGET_MIN_SAMPLE,
        unit: definition.unit,
        flow: definition.measure === 'flow',
      });
    };
  }
}

/** The province's top unit, when the catalogue has exactly one: the province's leaderboard ranks its units. */
function soleTop(agencies: readonly Agency[]): string | null {
  const tops = agencies.filter((agency) => agency.parentCode === null);
  return tops.length === 1 ? tops[0].code : null;
}
