import fc from 'fast-check';
import { buildCatalogueSnapshot, CataloguePublicationsRepository } from '@dvc/catalogue';
import { DOSSIER_EVENT_TABLES } from '@dvc/clickhouse';
import { parseAppConfig } from '@dvc/config';
import {
  DossierSnapshotRepository,
  IndicatorClock,
  IndicatorEngineRepository,
  indicatorQuerySchema,
  IndicatorsService,
  previousDay,
} from '@dvc/indicators';
import { DossierEventRepository, toEventRow } from '@dvc/ingestion';
import { createTestClickHouse, TestClickHouse } from '@dvc/testing';
// The indicator engine's messy-stream generator and its independent reference (test-only code).
import {
  agencyCode,
  MessyScenario,
  referenceCatalogueOf,
  referenceEventsOf,
  scenarioArbitrary,
  scenarioEvents,
  ScheduledEvent,
} from '../../../indicators-reference/src/messy-stream.arbitrary';
import { agencyScope, indexCatalogue } from '../../../indicators-reference/src/reference-catalogue';
import {
  endOfLocalDay,
  instantOf,
  localDayOfInstant,
} from '../../../indicators-reference/src/reference-calendar';
import {
  distinctEvents,
  ReceivedDossier,
  receivedDossiers,
  ReferenceEvent,
} from '../../../indicators-reference/src/reference-dossiers';
import { reportPeriod } from '../periods/report-period';
import { addFlows, DossierFlow, emptyFlow, flowImbalance, FlowGroup, inProgress } from './dossier-flow';
import { DossierFlowRepository, FlowQuery } from './dossier-flow.repository';

/**
 * Form II.06a's figures on the same random, messy streams the indicator engine is proved on: every row obeys
 * carried over + received = resolved + closed without a result + in progress, the rows add up to the total,
 * and every count equals a plain reading of the dossiers (folded by the engine's independent reference).
 */
const NUM_RUNS = Number(process.env.DOSSIER_FLOW_RUNS ?? 25);

class FixedClock extends IndicatorClock {
  constructor(private readonly at: string) {
    super();
  }
  override now(): Date {
    return new Date(this.at);
  }
}

/** What a dossier adds to a flow over (start, end], read from the reference's fold. */
function referenceFlowOf(dossier: ReceivedDossier, start: number, end: number): DossierFlow {
  const flow = emptyFlow();
  const exit = Math.min(dossier.resolvedAt ?? Infinity, dossier.closedAt ?? Infinity);
  const byResolution = dossier.resolvedAt !== null && dossier.resolvedAt === exit;
  const receivedIn = dossier.receivedAt > start && dossier.receivedAt <= end;
  const carried = dossier.receivedAt <= start && exit > start;
  if (receivedIn) flow[dossier.channel === 'online' ? 'receivedOnline' : 'receivedOther'] += 1;
  if (carried) flow.carriedOver += 1;
  if ((receivedIn || carried) && exit <= end) {
    if (!byResolution) flow.closedWithoutResult += 1;
    else {
      const day = localDayOfInstant(exit);
      const due = dossier.dueDay ?? '';
      flow[day < due ? 'resolvedEarly' : day === due ? 'resolvedOnTime' : 'resolvedLate'] += 1;
    }
  }
  if (dossier.receivedAt <= end && exit > end) {
    const overdue = (dossier.dueDay ?? '9999') < localDayOfInstant(end);
    flow[overdue ? 'inProgressOverdue' : 'inProgressWithinDue'] += 1;
  }
  return flow;
}

function referenceFlows(
  scenario: MessyScenario,
  events: readonly ReferenceEvent[],
  query: FlowQuery,
): FlowGroup[] {
  const asOf = query.asOf === null ? Infinity : instantOf(query.asOf);
  const existing = events.filter((event) => instantOf(event.ingestedAt) <= asOf);
  const dossiers = receivedDossiers(distinctEvents(existing));
  const index = indexCatalogue(referenceCatalogueOf(scenario.catalogue));
  const scope = agencyScope(index, query.agency, query.structure, true);
  const end = Math.min(endOfLocalDay(query.period.to), query.now.getTime(), asOf);
  const start = Math.min(endOfLocalDay(previousDay(query.period.from)), end);
  const groups = new Map<string | null, DossierFlow[]>();
  for (const dossier of dossiers.values()) {
    if (!scope.includes(dossier.agencyCode)) continue;
    const key =
      query.groupBy === 'agency'
        ? scope.groupKeyOf(dossier.agencyCode)
        : query.groupBy === 'field'
          ? index.fieldOf(dossier.procedureCode)
          : null;
    groups.set(key, [...(groups.get(key) ?? []), referenceFlowOf(dossier, start, end)]);
  }
  return [...groups.entries()]
    .map(([key, flows]) => ({ key, flow: addFlows(flows) }))
    .filter(({ flow }) => Object.values(flow).some((count) => count !== 0));
}

const byKey = (groups: readonly FlowGroup[]) =>
  [...groups].sort((a, b) => String(a.key ?? '\uffff').localeCompare(String(b.key ?? '\uffff')));

const PERIODS = [
  reportPeriod('2025-12', 'calendar'),
  reportPeriod('2026-01', 'statutory'),
  reportPeriod('2026-Q1', 'statutory'),
  { from: '2025-11-01', to: '2026-02-28' },
];

const queryArbitrary = fc.record({
  period: fc.constantFrom(...PERIODS.map(({ from, to }) => ({ from, to }))),
  agency: fc.option(fc.nat(3).map(agencyCode), { nil: null }),
  structure: fc.constantFrom('reported' as const, 'current' as const),
  asOfBatch: fc.option(fc.nat(3), { nil: null }),
});

describe('II.06a dossier flows on messy streams (chDB)', () => {
  let clickhouse: TestClickHouse;
  let publications: CataloguePublicationsRepository;
  let engine: IndicatorEngineRepository;
  let flows: DossierFlowRepository;
  let eventStore: DossierEventRepository;
  let snapshots: DossierSnapshotRepository;

  beforeAll(async () => {
    clickhouse = await createTestClickHouse();
    const config = parseAppConfig(clickhouse.env);
    publications = new CataloguePublicationsRepository(clickhouse.client, config);
    engine = new IndicatorEngineRepository(clickhouse.client, config);
    flows = new DossierFlowRepository(clickhouse.client, config, engine);
    eventStore = new DossierEventRepository(clickhouse.client, config);
    snapshots = new DossierSnapshotRepository(clickhouse.client, config);
  });
  afterAll(() => clickhouse.drop());

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
      if (scenario.mergeAfter === batch)
        for (const table of ['dossier_events', 'dossier_state', 'dossier_event_facts'])
          await clickhouse.client.command({ query: `OPTIMIZE TABLE ${db}.${table} FINAL` });
      if (scenario.snapshotsAfter.includes(batch)) await snapshots.rebuild(new Date(ingestedAt));
    }
  }

  it('obeys the conservation law in every row, adds up, and equals the dossiers read plainly', async () => {
    let revision = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        scenarioArbitrary,
        fc.array(queryArbitrary, { minLength: 1, maxLength: 4 }),
        async (scenario, specs) => {
          const events = scenarioEvents(scenario);
          await load(scenario, events, ++revision);
          const referenceEvents = referenceEventsOf(scenario, events);
          const indicators = new IndicatorsService(engine, new FixedClock(scenario.now));
          for (const spec of specs) {
            const asOf =
              spec.asOfBatch === null ? null : scenario.batches[spec.asOfBatch % scenario.batches.length];
            const base = {
              period: spec.period,
              agency: spec.agency,
              structure: spec.structure,
              asOf,
              now: new Date(scenario.now),
            };
            const where = `${JSON.stringify(base)}\nscenario: ${JSON.stringify(scenario)}`;
            const [total, byField, byUnit] = await Promise.all(
              ([null, 'field', 'agency'] as const).map((groupBy) => flows.flows({ ...base, groupBy })),
            );
            expect({ where, groups: total.groups.length <= 1 }).toEqual({ where, groups: true });
            const whole = total.groups[0]?.flow ?? emptyFlow();
            for (const answer of [total, byField, byUnit]) {
              for (const group of answer.groups)
                expect({ where, key: group.key, imbalance: flowImbalance(group.flow) }).toEqual({
                  where,
                  key: group.key,
                  imbalance: 0,
                });
              expect({ where, sum: addFlows(answer.groups.map(({ flow }) => flow)) }).toEqual({
                where,
                sum: whole,
              });
            }
            for (const [groupBy, answer] of [
              [null, total],
              ['field', byField],
              ['agency', byUnit],
            ] as const) {
              const expected = referenceFlows(scenario, referenceEvents, { ...base, groupBy });
              expect({ where, groupBy, groups: byKey(answer.groups) }).toEqual({
                where,
                groupBy,
                groups: byKey(expected),
              });
            }
            // Against the indicator API for the same scope, where both count the same thing: a period over
            // by now, counted live.
            if (asOf === null && endOfLocalDay(spec.period.to) <= Date.parse(scenario.now)) {
              const ask = (id: string, input: Record<string, unknown>) =>
                indicators.compute(
                  id,
                  indicatorQuerySchema.parse({
                    ...input,
                    ...(spec.agency && { agency: spec.agency }),
                    structure: spec.structure,
                  }),
                );
              const online = await ask('dossiers.online', { from: spec.period.from, to: spec.period.to });
              const open = await ask('dossiers.open', { date: spec.period.to });
              const before = await ask('dossiers.open', { date: previousDay(spec.period.from) });
              expect({
                where,
                received: [whole.receivedOnline, whole.receivedOnline + whole.receivedOther],
                open: inProgress(whole),
                overdue: whole.inProgressOverdue,
                carried: whole.carriedOver,
              }).toEqual({
                where,
                received: [online.numerator, online.denominator],
                open: open.numerator,
                overdue: open.breakdown?.overdue,
                carried: before.numerator,
              });
              compared += 1;
            }
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
    expect(compared).toBeGreaterThan(0);
  }, 1_500_000);
});
