import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, toClickHouseTime } from '@dvc/clickhouse';
import { DomainError } from '@dvc/domain-errors';
import { EngineQuery, ScopeGrouping } from './engine/engine-query';
import { IndicatorEngineRepository } from './engine/indicator-engine.repository';
import { IndicatorClock } from './indicator-clock';
import { IndicatorDefinition } from './indicator-definition';
import { IndicatorFigures, IndicatorQuery, IndicatorResult } from './indicator-query.schema';
import { GroupFigures, Indicator } from './indicators/indicator';
import { INDICATORS } from './indicators/indicator-registry';
import { periodCanHaveLateEvents } from './late-events';
import { DateRange, localDateOf } from './local-calendar';
import { BucketUnit, DateBucket, parsePeriod, splitIntoBuckets } from './periods/period';

/** A registered indicator: its definition's id is one of `INDICATOR_IDS`. */
type RegisteredIndicator = (typeof INDICATORS)[number];
type RegisteredDefinition = IndicatorDefinition & { id: RegisteredIndicator['definition']['id'] };

function indicatorOf(id: string): RegisteredIndicator {
  const indicator = INDICATORS.find((known) => known.definition.id === id);
  if (!indicator) {
    const known = INDICATORS.map((known) => known.definition.id).join(', ');
    throw new DomainError('not_found', `unknown indicator "${id}"; known: ${known}`);
  }
  return indicator;
}

const TIME_UNITS: readonly string[] = ['day', 'week', 'month'] satisfies BucketUnit[];
const DAY_MS = 86_400_000;
/** The last instant of a local day (UTC+07:00). */
const endOfLocalDay = (date: string) => Date.parse(`${date}T00:00:00+07:00`) + DAY_MS - 1;

/**
 * Answers any indicator of the registry (`indicators/indicator-registry.ts`): resolves the period, the buckets
 * and the snapshot build, asks the indicator for its figures, and assembles the answer.
 */
@Injectable()
export class IndicatorsService {
  static readonly definitions: readonly RegisteredDefinition[] = INDICATORS.map(
    (indicator) => indicator.definition,
  );

  constructor(
    private readonly engine: IndicatorEngineRepository,
    private readonly clock: IndicatorClock,
  ) {}

  definition(id: string): RegisteredDefinition {
    return indicatorOf(id).definition;
  }

  /**
   * Each group's figures (`query.groupBy`: agency, procedure or field) per day, week or month of the period, in
   * one engine query for every group: a leaderboard's sparklines. Every bucket of every group is there (zeros
   * where nothing happened), groups that have something in some bucket, by key.
   */
  async groupSeries(id: string, query: IndicatorQuery, unit: BucketUnit): Promise<GroupSeries> {
    if (query.groupBy === null || TIME_UNITS.includes(query.groupBy))
      throw new DomainError('invalid', 'a series per group needs groupBy agency, procedure or field');
    const indicator = indicatorOf(id);
    checkOptions(indicator.definition, query);
    indicator.check?.(query);
    const { period, engineQuery, figures } = await this.prepare(indicator, query);
    const buckets = splitIntoBuckets(period, unit);
    const rows = await figures(engineQuery(buckets, query.groupBy as ScopeGrouping));
    const byGroup = new Map<string | null, Map<number, IndicatorFigures>>();
    for (const row of rows) {
      const figuresOf = byGroup.get(row.group) ?? new Map<number, IndicatorFigures>();
      figuresOf.set(row.bucket, row.figures);
      byGroup.set(row.group, figuresOf);
    }
    const groups = [...byGroup.entries()]
      .filter(([, figuresOf]) =>
        [...figuresOf.values()].some((figures) => (figures.denominator ?? figures.numerator) > 0),
      )
      .sort(([a], [b]) => compareGroupKeys(a, b))
      .map(([key, figuresOf]) => ({
        key,
        series: buckets.map((_, index) => figuresOf.get(index + 1) ?? indicator.empty),
      }));
    return { buckets, groups };
  }

  async compute(id: string, query: IndicatorQuery): Promise<IndicatorResult> {
    const indicator = indicatorOf(id);
    const { definition } = indicator;
    checkOptions(definition, query);
    indicator.check?.(query);
    const { period, asOf, engineQuery, figures } = await this.prepare(indicator, query);
    const whole = engineQuery([period], null);
    const timeBuckets =
      query.groupBy && TIME_UNITS.includes(query.groupBy)
        ? splitIntoBuckets(period, query.groupBy as BucketUnit)
        : null;
    const [[total], groups, lateEvents] = await Promise.all([
      figures(whole),
      timeBuckets
        ? figures(engineQuery(timeBuckets, null)).then((rows) => bucketGroups(indicator, timeBuckets, rows))
        : query.groupBy
          ? figures(engineQuery([period], query.groupBy as ScopeGrouping)).then((rows) => scopeGroups(rows))
          : Promise.resolve(undefined),
      this.lateEvents(whole, period),
    ]);
    return {
      indicator: definition.id,
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
      ...(total?.figures ?? indicator.empty),
      ...indicator.answer?.(total?.figures, period, query),
      groupBy: query.groupBy,
      ...(groups ? { groups } : {}),
    };
  }

  /** The period, the snapshot build and how to ask the indicator, resolved once for every statement of a query. */
  private async prepare(indicator: Indicator, query: IndicatorQuery) {
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
    // "Open" is judged at the end of a day, or now (as of asOf) if that comes first.
    const endOf = (date: string) => toClickHouseTime(Math.min(endOfLocalDay(date), now, asOf ?? Infinity));
    const engineQuery = (buckets: readonly DateRange[], groupBy: ScopeGrouping | null): EngineQuery => ({
      buckets: [...buckets],
      instants: buckets.map((bucket) => endOf(bucket.to)),
      agency: query.agency,
      structure: query.structure,
      subtree: query.subtree,
      field: query.field,
      procedure: query.procedure,
      groupBy,
      asOf: askedAsOf === null ? null : toClickHouseTime(askedAsOf),
      snapshot,
    });
    const figures = (engineQuery: EngineQuery) =>
      indicator.figures({ engine: this.engine, query: engineQuery, options: query, endOf });
    return { period, asOf, engineQuery, figures };
  }

  /** The period's late events; none, without counting, for a period that ended before the first event arrived. */
  private async lateEvents(query: EngineQuery, period: DateRange): Promise<number> {
    const start = await this.engine.eventStoreStart();
    return periodCanHaveLateEvents(period.to, start) ? this.engine.lateEvents(query) : 0;
  }
}

/** `IndicatorsService.groupSeries`: the buckets, and per group its figures in each. */
export interface GroupSeries {
  buckets: DateBucket[];
  groups: { key: string | null; series: IndicatorFigures[] }[];
}

/** Groups by key, an unknown field (null) last. */
const compareGroupKeys = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

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
}

/** Every bucket in order, zeros where nothing happened: a trend line has no gaps. */
function bucketGroups(
  indicator: Indicator,
  buckets: readonly DateBucket[],
  rows: readonly GroupFigures[],
): IndicatorResult['groups'] {
  const byBucket = new Map(rows.map((row) => [row.bucket, row.figures]));
  return buckets.map((bucket, index) => ({
    key: bucket.key,
    from: bucket.from,
    to: bucket.to,
    ...(byBucket.get(index + 1) ?? indicator.empty),
  }));
}

/** The groups that have something to show, by key (unknown field last). */
function scopeGroups(rows: readonly GroupFigures[]): IndicatorResult['groups'] {
  return rows
    .filter(({ figures }) => (figures.denominator ?? figures.numerator) > 0)
    .sort((a, b) => compareGroupKeys(a.group, b.group))
    .map(({ group, figures }) => ({ key: group, ...figures }));
}
