import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, toClickHouseTime } from '@dvc/clickhouse';
import { DomainError } from '@dvc/domain-errors';
import {
  dossiersOnTime,
  dossiersOpen,
  dossiersOverdue,
  dossiersPostal,
  paymentsOnline,
  proceduresPortal,
  servicesUptake,
} from './dossier-indicators';
import { dossiersOnline } from './dossiers-online.indicator';
import { EngineQuery, EngineRow, ScopeGrouping } from './engine/engine-query';
import { IndicatorEngineRepository, ProcedureLevelRow } from './engine/indicator-engine.repository';
import { IndicatorClock } from './indicator-clock';
import { IndicatorDefinition } from './indicator-definition';
import { IndicatorFigures, IndicatorQuery, IndicatorResult } from './indicator-query.schema';
import { DateRange, localDateOf, previousDay } from './local-calendar';
import { BucketUnit, DateBucket, parsePeriod, splitIntoBuckets } from './periods/period';
import {
  countProceduresAtLevel3,
  countProceduresAtLevel4,
  countProceduresOnline,
  levelGrowth,
  ProcedureLevel,
  proceduresLevel3,
  proceduresLevel4,
  proceduresLevelGrowth,
  proceduresOnline,
} from './procedure-levels.indicator';
import { Ratio, ratio } from './ratio';

/** Figures of one bucket (1-based) and group (null: not grouped, or an unknown field). */
interface GroupFigures {
  bucket: number;
  group: string | null;
  figures: IndicatorFigures;
}

const TIME_UNITS: readonly string[] = ['day', 'week', 'month'] satisfies BucketUnit[];
const DAY_MS = 86_400_000;
/** The last instant of a local day (UTC+07:00). */
const endOfLocalDay = (date: string) => Date.parse(`${date}T00:00:00+07:00`) + DAY_MS - 1;

const countsOf = ({ numerator, denominator }: EngineRow): Ratio => ratio(numerator, denominator);

/** Every indicator of docs/indicators.md: how to get its counts, and how counts become figures. */
@Injectable()
export class IndicatorsService {
  static readonly definitions: readonly IndicatorDefinition[] = [
    dossiersOnline,
    servicesUptake,
    dossiersOnTime,
    dossiersOpen,
    dossiersOverdue,
    paymentsOnline,
    dossiersPostal,
    proceduresOnline,
    proceduresLevel3,
    proceduresLevel4,
    proceduresLevelGrowth,
    proceduresPortal,
  ];

  constructor(
    private readonly engine: IndicatorEngineRepository,
    private readonly clock: IndicatorClock,
  ) {}

  definition(id: string): IndicatorDefinition {
    const definition = IndicatorsService.definitions.find((known) => known.id === id);
    if (!definition) {
      const known = IndicatorsService.definitions.map((known) => known.id).join(', ');
      throw new DomainError('not_found', `unknown indicator "${id}"; known: ${known}`);
    }
    return definition;
  }

  async compute(id: string, query: IndicatorQuery): Promise<IndicatorResult> {
    const definition = this.definition(id);
    checkOptions(definition, query);
    const now = this.clock.now().getTime();
    const period =
      'text' in query.period
        ? parsePeriod(query.period.text, localDateOf(new Date(now)))
        : query.period.range;
    // Every statement of the query reads the same build.
    const askedAsOf = query.asOf === null ? null : Date.parse(query.asOf);
    const snapshot =
      askedAsOf === null ? await this.engine.latestBuild({ maxLagSeconds: query.maxLag }) : null;
    // A prepared correction set shows the figures as they stood at its cut, as asOf would.
    const asOf = askedAsOf ?? (snapshot?.preparedUntil ? fromClickHouseTime(snapshot.preparedUntil) : null);
    const engineQuery = (buckets: readonly DateRange[], groupBy: ScopeGrouping | null): EngineQuery => ({
      buckets: [...buckets],
      // "Open" is judged at the end of each bucket, or now (as of asOf) if that comes first.
      instants: buckets.map((bucket) =>
        toClickHouseTime(Math.min(endOfLocalDay(bucket.to), now, asOf ?? Infinity)),
      ),
      agency: query.agency,
      structure: query.structure,
      subtree: query.subtree,
      field: query.field,
      procedure: query.procedure,
      groupBy,
      asOf: askedAsOf === null ? null : toClickHouseTime(askedAsOf),
      snapshot,
    });
    const whole = engineQuery([period], null);
    const timeBuckets =
      query.groupBy && TIME_UNITS.includes(query.groupBy)
        ? splitIntoBuckets(period, query.groupBy as BucketUnit)
        : null;
    const [[total], groups, lateEvents] = await Promise.all([
      this.figures(definition, whole, query),
      timeBuckets
        ? this.figures(definition, engineQuery(timeBuckets, null), query).then((rows) =>
            bucketGroups(definition, timeBuckets, rows),
          )
        : query.groupBy
          ? this.figures(definition, engineQuery([period], query.groupBy as ScopeGrouping), query).then(
              (rows) => scopeGroups(rows),
            )
          : Promise.resolve(undefined),
      this.engine.lateEvents(whole),
    ]);
    return {
      indicator: id,
      unit: definition.unit,
      scope: {
        agency: query.agency,
        structure: query.structure,
        subtree: query.subtree,
        field: query.field,
        procedure: query.procedure,
      },
      period,
      asOf: query.asOf ?? (asOf === null ? null : new Date(asOf).toISOString()),
      lateEvents,
      ...(total?.figures ?? emptyFigures(definition)),
      ...(id === proceduresLevelGrowth.id ? { growth: growthOf(total?.figures, period, query.level) } : {}),
      groupBy: query.groupBy,
      ...(groups ? { groups } : {}),
    };
  }

  /** The figures of each bucket and group the engine query asks for. */
  private async figures(
    definition: IndicatorDefinition,
    query: EngineQuery,
    options: IndicatorQuery,
  ): Promise<GroupFigures[]> {
    const ratios = (rows: EngineRow[]) =>
      rows.map((row) => ({
        bucket: row.bucket,
        group: row.group,
        figures: {
          ...countsOf(row),
          ...(Object.keys(row.breakdown).length ? { breakdown: row.breakdown } : {}),
        },
      }));
    switch (definition.id) {
      case dossiersOnline.id:
        return ratios(
          await this.engine.receipts(query, {
            channel: 'online',
            excludePostal: options.postal === 'exclude',
            level: options.level ?? (options.denominator === 'online_procedures' ? 'online' : null),
          }),
        );
      case dossiersPostal.id:
        return ratios(
          options.of === 'return'
            ? await this.engine.returns(query)
            : await this.engine.receipts(query, { channel: 'postal', excludePostal: false, level: null }),
        );
      case paymentsOnline.id:
        return ratios(await this.engine.payments(query));
      case dossiersOnTime.id:
        return ratios(await this.engine.onTime(query));
      case servicesUptake.id:
        return ratios(await this.engine.uptake(query));
      case dossiersOverdue.id:
        return (await this.engine.open(query)).map((row) => ({
          bucket: row.bucket,
          group: row.group,
          figures: { ...countsOf(row), breakdown: openBreakdown(row.breakdown) },
        }));
      case dossiersOpen.id:
        return (await this.engine.open(query)).map((row) => ({
          bucket: row.bucket,
          group: row.group,
          figures: openCount(row.denominator, row.breakdown),
        }));
      case proceduresOnline.id:
        return this.procedureShares(query, countProceduresOnline);
      case proceduresLevel3.id:
        return this.procedureShares(query, countProceduresAtLevel3);
      case proceduresLevel4.id:
        return this.procedureShares(query, countProceduresAtLevel4);
      case proceduresPortal.id:
        return this.procedureShares(query, (levels) => {
          const online = levels.filter((procedure) => procedure.level >= 3);
          return ratio(online.filter((procedure) => procedure.portal).length, online.length);
        });
      case proceduresLevelGrowth.id:
        return this.levelGrowth(query, options.level as 3 | 4);
      default:
        throw new DomainError('not_found', `indicator "${definition.id}" is not computed by this build`);
    }
  }

  /** Procedure indicators: each bucket's last day, one share per group. */
  private async procedureShares(
    query: EngineQuery,
    share: (levels: ProcedureLevel[]) => Ratio,
  ): Promise<GroupFigures[]> {
    const rows = await this.engine.procedureLevels(
      query,
      query.buckets.map((bucket) => bucket.to),
    );
    return [...byBucketAndGroup(rows).values()].map(({ bucket, group, levels }) => ({
      bucket,
      group,
      figures: share(levels),
    }));
  }

  /** The share at the level on each bucket's last day against the day before the bucket starts. */
  private async levelGrowth(query: EngineQuery, level: 3 | 4): Promise<GroupFigures[]> {
    const days = query.buckets.flatMap((bucket) => [previousDay(bucket.from), bucket.to]);
    const rows = byBucketAndGroup(await this.engine.procedureLevels(query, days));
    const result: GroupFigures[] = [];
    for (const [bucketIndex] of query.buckets.entries()) {
      const [startDay, endDay] = [2 * bucketIndex + 1, 2 * bucketIndex + 2];
      // A group in force at the start only still has a previous share (and a current one of 0/0).
      const groups = new Set(
        [...rows.values()]
          .filter((row) => row.bucket === startDay || row.bucket === endDay)
          .map((row) => row.group),
      );
      for (const group of groups) {
        const start = rows.get(bucketGroupKey(startDay, group))?.levels ?? [];
        const end = rows.get(bucketGroupKey(endDay, group))?.levels ?? [];
        const growth = levelGrowth(start, end, level);
        result.push({
          bucket: bucketIndex + 1,
          group,
          figures: {
            numerator: growth.current.numerator,
            denominator: growth.current.denominator,
            value: growth.percentagePoints,
            breakdown: {
              upgraded: growth.upgraded,
              previousNumerator: growth.previous.numerator,
              previousDenominator: growth.previous.denominator,
            },
          },
        });
      }
    }
    return result;
  }
}

function checkOptions(definition: IndicatorDefinition, query: IndicatorQuery): void {
  const given = {
    level: query.level !== null,
    denominator: query.denominator !== 'all',
    postal: query.postal !== 'include',
    of: query.of !== 'receipt',
  };
  for (const [option, isGiven] of Object.entries(given)) {
    if (isGiven && !definition.options.includes(option as IndicatorDefinition['options'][number])) {
      const understood = definition.options.length ? definition.options.join(', ') : 'none';
      throw new DomainError(
        'invalid',
        `"${option}" does not apply to ${definition.id} (its options: ${understood})`,
      );
    }
  }
  if (definition.id === proceduresLevelGrowth.id && query.level === null) {
    throw new DomainError('invalid', `${proceduresLevelGrowth.id} needs level=3 or level=4`);
  }
}

/** dossiers.open and dossiers.overdue both return `overdue` and `dueWithin24h` (docs/indicators.md). */
const openBreakdown = (breakdown: Record<string, number>) => ({
  overdue: breakdown.overdue ?? 0,
  dueWithin24h: breakdown.dueWithin24h ?? 0,
});

const openCount = (count: number, breakdown: Record<string, number>): IndicatorFigures => ({
  numerator: count,
  denominator: null,
  value: count,
  breakdown: openBreakdown(breakdown),
});

function emptyFigures(definition: IndicatorDefinition): IndicatorFigures {
  if (definition.id === dossiersOpen.id) return openCount(0, {});
  if (definition.id === dossiersOverdue.id) return { ...ratio(0, 0), breakdown: openBreakdown({}) };
  if (definition.id === proceduresLevelGrowth.id)
    return { ...ratio(0, 0), breakdown: { upgraded: 0, previousNumerator: 0, previousDenominator: 0 } };
  return { ...ratio(0, 0), ...(definition.id === dossiersOnTime.id ? { breakdown: zeroOnTime } : {}) };
}
const zeroOnTime = { early: 0, onTime: 0, late: 0, overdueOpen: 0 };

function growthOf(figures: IndicatorFigures | undefined, period: DateRange, level: 3 | 4 | null) {
  const breakdown = figures?.breakdown ?? {};
  const previousNumerator = breakdown.previousNumerator ?? 0;
  const previousDenominator = breakdown.previousDenominator ?? 0;
  return {
    level: level ?? 3,
    previous: { date: previousDay(period.from), ...ratio(previousNumerator, previousDenominator) },
    current: {
      date: period.to,
      ...ratio(figures?.numerator ?? 0, figures?.denominator ?? 0),
    },
    upgraded: breakdown.upgraded ?? 0,
  };
}

const bucketGroupKey = (bucket: number, group: string | null) => `${bucket}\0${group ?? ''}`;

function byBucketAndGroup(rows: readonly ProcedureLevelRow[]) {
  const grouped = new Map<string, { bucket: number; group: string | null; levels: ProcedureLevel[] }>();
  for (const row of rows) {
    const key = bucketGroupKey(row.bucket, row.group);
    const entry = grouped.get(key) ?? { bucket: row.bucket, group: row.group, levels: [] };
    entry.levels.push({ procedureCode: row.procedureCode, level: row.level, portal: row.portal });
    grouped.set(key, entry);
  }
  return grouped;
}

/** Every bucket in order, zeros where nothing happened: a trend line has no gaps. */
function bucketGroups(
  definition: IndicatorDefinition,
  buckets: readonly DateBucket[],
  rows: readonly GroupFigures[],
): IndicatorResult['groups'] {
  const byBucket = new Map(rows.map((row) => [row.bucket, row.figures]));
  return buckets.map((bucket, index) => ({
    key: bucket.key,
    from: bucket.from,
    to: bucket.to,
    ...(byBucket.get(index + 1) ?? emptyFigures(definition)),
  }));
}

/** The groups that have something to show, by key (unknown field last). */
function scopeGroups(rows: readonly GroupFigures[]): IndicatorResult['groups'] {
  return rows
    .filter(({ figures }) => (figures.denominator ?? figures.numerator) > 0)
    .sort((a, b) =>
      a.group === b.group ? 0 : a.group === null ? 1 : b.group === null ? -1 : a.group < b.group ? -1 : 1,
    )
    .map(({ group, figures }) => ({ key: group, ...figures }));
}
