import fc from 'fast-check';
import { buildCatalogueSnapshot, CataloguePublicationsRepository } from '@dvc/catalogue';
import { parseAppConfig } from '@dvc/config';
import { DossierEventRepository, toEventRow } from '@dvc/ingestion';
import { DOSSIER_EVENT_TABLES } from '@dvc/clickhouse';
import { createTestClickHouse, TestClickHouse } from '@dvc/testing';
import { DossierSnapshotRepository } from './read-model/dossier-snapshot.repository';
import { IndicatorEngineRepository } from './engine/indicator-engine.repository';
import { IndicatorClock } from './indicator-clock';
import { IndicatorFigures, IndicatorResult, indicatorQuerySchema } from './indicator-query.schema';
import { GroupSeries, IndicatorsService } from './indicators.service';
import {
  apiInputOf,
  calendarBuckets,
  MessyScenario,
  QuerySpec,
  referenceCatalogueOf,
  referenceEventsOf,
  referenceQueryOf,
  scenarioArbitrary,
  scenarioEvents,
  ScheduledEvent,
  ReferenceFigures,
  ReferenceQuery,
  ReferenceResult,
  referenceIndicator,
} from '@dvc/indicators-reference';

/**
 * The correctness proof of the indicator engine: the same random, messy event streams and catalogues go to
 * ClickHouse (chDB, through IndicatorsService) and to the independent reference of docs/indicators.md, and
 * every indicator, scope, grouping and period must come out exactly the same.
 */

/**
 * INDICATOR_ENGINE_RUNS=500 explores further (the default of 100 runs takes about a minute on 2 cores);
 * INDICATOR_ENGINE_SEED and INDICATOR_ENGINE_PATH replay the seed and path fast-check prints for a failure.
 */
const NUM_RUNS = Number(process.env.INDICATOR_ENGINE_RUNS ?? 100);
const replay = process.env.INDICATOR_ENGINE_SEED
  ? { seed: Number(process.env.INDICATOR_ENGINE_SEED), path: process.env.INDICATOR_ENGINE_PATH }
  : {};

class FixedClock extends IndicatorClock {
  constructor(private readonly at: string) {
    super();
  }
  override now(): Date {
    return new Date(this.at);
  }
}

interface ExpectedGroup extends ReferenceFigures {
  key: string | null;
  from?: string;
  to?: string;
}

/** The reference's answer, with the days of each time bucket (the reference names buckets by key only). */
function expectedResult(query: ReferenceQuery, result: ReferenceResult) {
  const groupBy = query.groupBy;
  const buckets =
    groupBy === 'day' || groupBy === 'week' || groupBy === 'month'
      ? calendarBuckets(query.from, query.to, groupBy)
      : null;
  const groups: ExpectedGroup[] | undefined = result.groups?.map((group, index) =>
    buckets ? { ...group, from: buckets[index]?.from, to: buckets[index]?.to } : group,
  );
  return { ...result, groups };
}

const show = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value));

/** Every way the engine's answer differs from the reference's; empty when they agree exactly. */
function differences(
  query: ReferenceQuery,
  engine: IndicatorResult,
  expected: ReturnType<typeof expectedResult>,
): string[] {
  const found: string[] = [];
  const sameValue = (a: number | null, b: number | null) =>
    // level_growth: the reference computes (n/d − pn/pd) × 100, the engine one division.
    query.indicator === 'procedures.level_growth'
      ? (a === null && b === null) || (a !== null && b !== null && Math.abs(a - b) <= 1e-9)
      : a === b;
  const compareFigures = (where: string, got: IndicatorFigures, want: ReferenceFigures) => {
    if (got.numerator !== want.numerator)
      found.push(`${where}numerator: engine ${got.numerator}, reference ${want.numerator}`);
    if (got.denominator !== want.denominator)
      found.push(`${where}denominator: engine ${show(got.denominator)}, reference ${show(want.denominator)}`);
    if (!sameValue(got.value, want.value))
      found.push(`${where}value: engine ${show(got.value)}, reference ${show(want.value)}`);
    // A missing breakdown is an empty one; the key sets must match, then every count.
    const gotBreakdown = got.breakdown ?? {};
    const wantBreakdown = want.breakdown ?? {};
    const gotKeys = Object.keys(gotBreakdown).sort();
    const wantKeys = Object.keys(wantBreakdown).sort();
    if (gotKeys.join() !== wantKeys.join()) {
      found.push(`${where}breakdown keys: engine ${show(gotKeys)}, reference ${show(wantKeys)}`);
      return;
    }
    for (const key of wantKeys)
      if (gotBreakdown[key] !== wantBreakdown[key])
        found.push(`${where}breakdown.${key}: engine ${gotBreakdown[key]}, reference ${wantBreakdown[key]}`);
  };

  if (engine.period.from !== query.from || engine.period.to !== query.to)
    found.push(
      `period: engine ${show(engine.period)}, reference ${show({ from: query.from, to: query.to })}`,
    );
  compareFigures('', engine, expected);
  if (engine.lateEvents !== expected.lateEvents)
    found.push(`lateEvents: engine ${engine.lateEvents}, reference ${expected.lateEvents}`);

  const gotGroups = engine.groups;
  const wantGroups = expected.groups;
  if (gotGroups === undefined || wantGroups === undefined) {
    if (gotGroups !== wantGroups)
      found.push(`groups: engine ${show(gotGroups?.length)}, reference ${show(wantGroups?.length)}`);
    return found;
  }
  const gotKeys = gotGroups.map((group) => group.key);
  const wantKeys = wantGroups.map((group) => group.key);
  if (show(gotKeys) !== show(wantKeys)) {
    found.push(`group keys: engine ${show(gotKeys)}, reference ${show(wantKeys)}`);
    return found;
  }
  wantGroups.forEach((want, index) => {
    const got = gotGroups[index];
    const where = `groups[${index}] (${want.key}) `;
    if (got.from !== want.from || got.to !== want.to)
      found.push(`${where}days: engine ${got.from}..${got.to}, reference ${want.from}..${want.to}`);
    compareFigures(where, got, want);
  });
  return found;
}

/** The scenario as a reader wants it when a case fails: clock, batches, catalogue, events. */
function describeScenario(scenario: MessyScenario, events: readonly ScheduledEvent[]): string {
  const { catalogue } = scenario;
  const levels = referenceCatalogueOf(catalogue).levels;
  const fields = (event: Record<string, unknown>) =>
    Object.entries(event)
      .filter(([name]) => !['source', 'dossierCode', 'eventId', 'type', 'occurredAt'].includes(name))
      .map(([name, value]) => `${name}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
      .join(' ');
  return [
    `now ${scenario.now}; merge after batch ${scenario.mergeAfter ?? 'never'}; ` +
      `snapshot after batch ${scenario.snapshotsAfter.join(' and ') || 'never'}; ` +
      `correction set prepared after batch ${scenario.preparedAfter.join(' and ') || 'never'}; ` +
      `queried after batch ${scenario.queriedAfter.join(' and ') || 'never'}`,
    `batches: ${scenario.batches.map((at, index) => `#${index} ${at}`).join(', ')}`,
    `agencies: ${catalogue.agencies.map((agency) => `${agency.code}${agency.parentCode ? `<${agency.parentCode}` : ''}${agency.validTo ? ` (to ${agency.validTo})` : ''}`).join(', ')}`,
    `lineage: ${catalogue.lineage.map((link) => `${link.fromCode}→${link.toCode} from ${link.effectiveDate}`).join(', ') || 'none'}`,
    `procedures: ${catalogue.procedures.map((procedure) => `${procedure.code} ${procedure.field}${procedure.validTo ? ` (to ${procedure.validTo})` : ''}`).join(', ')}`,
    `levels: ${levels.map((span) => `${span.procedureCode}@${span.agencyCode} L${span.level}${span.portal ? ' portal' : ''} ${span.validFrom}..${span.validTo}`).join('; ') || 'none'}`,
    `events (${events.length}):`,
    ...events.map(
      ({ batch, event }) =>
        `  #${batch} ${event.source} ${event.dossierCode} ${event.eventId} ${event.type} ${event.occurredAt} ${fields(event)}`,
    ),
  ].join('\n');
}

describe('the indicator engine (ClickHouse) equals the reference implementation on messy streams (chDB)', () => {
  let clickhouse: TestClickHouse;
  let publications: CataloguePublicationsRepository;
  let engine: IndicatorEngineRepository;
  let eventStore: DossierEventRepository;
  let snapshots: DossierSnapshotRepository;

  beforeAll(async () => {
    clickhouse = await createTestClickHouse();
    const config = parseAppConfig(clickhouse.env);
    publications = new CataloguePublicationsRepository(clickhouse.client, config);
    engine = new IndicatorEngineRepository(clickhouse.client, config);
    eventStore = new DossierEventRepository(clickhouse.client, config);
    snapshots = new DossierSnapshotRepository(clickhouse.client, config);
  });
  afterAll(() => clickhouse.drop());

  /** Loads a scenario into the test database: its catalogue, then its events batch by batch. */
  async function load(scenario: MessyScenario, events: readonly ScheduledEvent[], revision: number) {
    const db = clickhouse.database;
    await publications.publish(buildCatalogueSnapshot(scenario.catalogue), revision);
    for (const table of DOSSIER_EVENT_TABLES)
      await clickhouse.client.command({ query: `TRUNCATE TABLE ${db}.${table}` });
    for (const [batch, ingestedAt] of scenario.batches.entries()) {
      const rows = events
        .filter((scheduled) => scheduled.batch === batch)
        .map(({ event }) => toEventRow(event, { at: new Date(ingestedAt), via: 'http' }));
      await eventStore.insert(rows);
      if (scenario.mergeAfter === batch) {
        for (const table of ['dossier_events', 'dossier_state', 'dossier_event_facts'])
          await clickhouse.client.command({ query: `OPTIMIZE TABLE ${db}.${table} FINAL` });
      }
      if (scenario.snapshotsAfter.includes(batch)) await snapshots.rebuild(new Date(ingestedAt));
      if (scenario.preparedAfter.includes(batch)) await engine.prepareCorrectionSet();
      if (scenario.queriedAfter.includes(batch)) await engine.latestBuild();
    }
  }

  it('gives the same numbers for every indicator, scope, grouping and period', async () => {
    let revision = 0;
    /** maxLag queries answered from a set prepared before the scenario's last batches. */
    let readPrepared = 0;
    /** Series per group compared with the reference bucket by bucket. */
    let seriesChecked = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const events = scenarioEvents(scenario);
        await load(scenario, events, ++revision);
        const service = new IndicatorsService(engine, new FixedClock(scenario.now));
        const referenceEvents = referenceEventsOf(scenario, events);
        const catalogue = referenceCatalogueOf(scenario.catalogue);

        // With maxLag first, before the queries below make sets of their own: a prepared set, if the scenario
        // has one for the latest build, gives the figures as they stood at its cut, which the response names.
        for (const spec of scenario.queries.filter((query) => query.asOf === null)) {
          const input = { ...apiInputOf(scenario, spec), maxLag: 3600 };
          const result = await service.compute(spec.indicator, indicatorQuerySchema.parse(input));
          if (result.asOf !== null) readPrepared += 1;
          const query = { ...referenceQueryOf(scenario, spec), asOf: result.asOf };
          const expected = expectedResult(query, referenceIndicator(referenceEvents, catalogue, query));
          const found = differences(query, result, expected);
          if (found.length > 0) throw new Error(failureReport(spec, input, query, found, scenario, events));
        }
        for (const spec of scenario.queries) {
          const input = apiInputOf(scenario, spec);
          const query = referenceQueryOf(scenario, spec);
          const result = await service.compute(spec.indicator, indicatorQuerySchema.parse(input));
          const expected = expectedResult(query, referenceIndicator(referenceEvents, catalogue, query));
          const found = differences(query, result, expected);
          if (found.length > 0) throw new Error(failureReport(spec, input, query, found, scenario, events));
        }
        // A series per group (a leaderboard's sparklines): each week's groups as the reference groups that week.
        for (const spec of scenario.queries.filter(
          (query) => query.asOf === null && ['agency', 'procedure', 'field'].includes(query.groupBy ?? ''),
        )) {
          const input = apiInputOf(scenario, spec);
          const series = await service.groupSeries(spec.indicator, indicatorQuerySchema.parse(input), 'week');
          const found = seriesDifferences(
            series,
            (bucket) => {
              const query = { ...referenceQueryOf(scenario, spec), from: bucket.from, to: bucket.to };
              return referenceIndicator(referenceEvents, catalogue, query).groups ?? [];
            },
            spec.indicator === 'procedures.level_growth',
          );
          if (found.length > 0)
            throw new Error(
              failureReport(spec, input, referenceQueryOf(scenario, spec), found, scenario, events),
            );
          if (series.groups.length > 0) seriesChecked += 1;
        }
      }),
      { numRuns: NUM_RUNS, ...replay },
    );
    if (NUM_RUNS >= 50) expect(readPrepared).toBeGreaterThan(0);
    expect(seriesChecked).toBeGreaterThan(0);
  }, 600_000);
});

/** Where a series per group differs from the reference's grouping of each of its buckets on its own. */
function seriesDifferences(
  series: GroupSeries,
  referenceGroups: (bucket: {
    from: string;
    to: string;
  }) => readonly (ReferenceFigures & { key: string | null })[],
  approximate: boolean,
): string[] {
  const found: string[] = [];
  const same = (a: number | null, b: number | null) =>
    approximate
      ? (a === null && b === null) || (a !== null && b !== null && Math.abs(a - b) <= 1e-9)
      : a === b;
  const seriesOf = new Map(series.groups.map((group) => [group.key, group.series]));
  const seen = new Set<string | null>();
  series.buckets.forEach((bucket, index) => {
    const expected = new Map(
      referenceGroups(bucket)
        .filter((group) => (group.denominator ?? group.numerator) > 0)
        .map((group) => [group.key, group]),
    );
    for (const [key, want] of expected) {
      seen.add(key);
      const got = seriesOf.get(key)?.[index];
      if (!got) found.push(`series ${bucket.key} group ${show(key)}: missing, reference ${show(want)}`);
      else if (
        got.numerator !== want.numerator ||
        got.denominator !== want.denominator ||
        !same(got.value, want.value)
      )
        found.push(`series ${bucket.key} group ${show(key)}: engine ${show(got)}, reference ${show(want)}`);
    }
    for (const [key, figures] of seriesOf) {
      const got = figures[index];
      if (!expected.has(key) && (got.denominator ?? got.numerator) > 0)
        found.push(`series ${bucket.key} group ${show(key)}: engine ${show(got)}, reference nothing`);
    }
  });
  for (const key of seriesOf.keys())
    if (!seen.has(key))
      found.push(`series group ${show(key)}: engine has it, the reference has nothing in any bucket`);
  return found;
}

function failureReport(
  spec: QuerySpec,
  input: unknown,
  query: ReferenceQuery,
  found: string[],
  scenario: MessyScenario,
  events: readonly ScheduledEvent[],
): string {
  return [
    `engine and reference disagree on ${spec.indicator}`,
    `API query: GET /v1/indicators/${spec.indicator} ${JSON.stringify(input)}`,
    `reference query: ${JSON.stringify(query)}`,
    'differences:',
    ...found.map((line) => `  ${line}`),
    'scenario:',
    describeScenario(scenario, events),
  ].join('\n');
}
