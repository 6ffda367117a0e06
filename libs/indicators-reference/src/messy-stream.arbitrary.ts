import fc from 'fast-check';
import { buildCatalogueSnapshot, CatalogueContents } from '@dvc/catalogue';
import { Channel, DossierEvent, dossierEventSchema } from '@dvc/dossier-events';
import {
  addDays,
  GROUP_BY,
  GroupBy,
  IndicatorQueryInput,
  localDateOf,
  parsePeriod,
  Structure,
} from '@dvc/indicators';
import { ReferenceCatalogue, ReferenceEvent, ReferenceQuery } from './reference-indicators';

/**
 * Builders of random, messy scenarios for the engine-versus-reference property test: a catalogue, a province's
 * dossier stories turned into events (duplicates, re-sends, several insert batches out of order, refusals,
 * supplements, reschedules, closures, payments, returns, transfers, codes the catalogue does not know), a
 * clock and the queries to ask. Dates stay in a small window across a year end (2025-11 … 2026-02) and lean
 * on the instants where off-by-one mistakes show: 23:59:59.999 and 00:00 local (16:59:59.999 and 17:00 UTC)
 * of month and year ends, ISO-week starts, level changes and mergers on those days.
 */

export const SOURCES = ['mc.h99', 'mc.khac'] as const;
export const FIELDS = ['Tư pháp', 'Đất đai', 'Y tế'] as const;
/** Codes `000.00.00.H99` … `006.00.00.H99`: a catalogue holds the first few, the rest are unknown to it. */
const AGENCY_POOL = 7;
const PROCEDURE_POOL = 5;
export const agencyCode = (index: number) => `00${index}.00.00.H99`;
export const procedureCode = (index: number) => `1.00000${index}`;

const WINDOW_FROM = '2025-11-01';
const WINDOW_DAYS = 120;
/** Month ends and starts, the year end, an ISO week that straddles it (2025-12-29 starts 2026-W01). */
const EDGE_DAYS = [
  '2025-11-30',
  '2025-12-01',
  '2025-12-28',
  '2025-12-29',
  '2025-12-31',
  '2026-01-01',
  '2026-01-31',
  '2026-02-01',
];
/** Local times: both sides of midnight (UTC 16:59:59.999 / 17:00), office hours, the 17:00 due hour. */
const TIMES = ['00:00:00.000', '23:59:59.999', '09:30:00.000', '17:00:00.000', '00:00:00.001'] as const;

export const dayArbitrary = fc.oneof(
  fc.constantFrom(...EDGE_DAYS),
  fc.integer({ min: 0, max: WINDOW_DAYS - 1 }).map((offset) => addDays(WINDOW_FROM, offset)),
);

/** An instant given as a local day and time, written either with +07:00 or in UTC. */
export interface Moment {
  day: string;
  time: (typeof TIMES)[number];
  utc: boolean;
}
/** An instant some days after (or before) a base day, at one of the edge times. */
export interface Relative {
  days: number;
  time: (typeof TIMES)[number];
  utc: boolean;
}

const timeArbitrary = fc.constantFrom(...TIMES);
const momentArbitrary = (day: fc.Arbitrary<string>) =>
  fc.record({ day, time: timeArbitrary, utc: fc.boolean() });
const relativeArbitrary = (min: number, max: number) =>
  fc.record({ days: fc.integer({ min, max }), time: timeArbitrary, utc: fc.boolean() });

/** null in most cases, a value in about one case out of `oneIn`. */
const nowAndThen = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const msOf = (day: string, time: string) => Date.parse(`${day}T${time}+07:00`);
export const instantOfMoment = (moment: Moment) => msOf(moment.day, moment.time);

/** ISO text of an instant, with the local offset or in UTC (the contract takes both). */
export function isoOf(ms: number, utc: boolean): string {
  if (utc) return new Date(ms).toISOString();
  return new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
}
const writeMoment = (moment: Moment) => isoOf(instantOfMoment(moment), moment.utc);
const writeRelative = (day: string, relative: Relative) =>
  isoOf(msOf(addDays(day, relative.days), relative.time), relative.utc);

// ---------------------------------------------------------------------------------------------------------
// Catalogue

/** A random catalogue: a forest of agencies, mergers (lineage), procedures in fields, level histories. */
export const catalogueArbitrary: fc.Arbitrary<CatalogueContents> = fc
  .record({
    agencyCount: fc.integer({ min: 2, max: AGENCY_POOL - 1 }),
    procedureCount: fc.integer({ min: 2, max: PROCEDURE_POOL - 1 }),
  })
  .chain(({ agencyCount, procedureCount }) => {
    const agencyCodes = Array.from({ length: agencyCount }, (_, i) => agencyCode(i));
    const procedureCodes = Array.from({ length: procedureCount }, (_, i) => procedureCode(i));
    const catalogueDay = fc.oneof({ weight: 2, arbitrary: fc.constant('2025-01-01') }, dayArbitrary);
    const rarely = <T>(arbitrary: fc.Arbitrary<T>) => nowAndThen(arbitrary, 5);
    return fc.record({
      agencies: fc.tuple(
        ...agencyCodes.map((code, i) =>
          fc.record({
            code: fc.constant(code),
            name: fc.constant(`Đơn vị ${i}`),
            kind: fc.constant('other' as const),
            // Parents come earlier in the list: a forest, never a loop.
            parentCode:
              i === 0
                ? fc.constant(null)
                : fc.option(fc.constantFrom(...agencyCodes.slice(0, i)), { nil: null, freq: 4 }),
            validFrom: fc.constant('2020-01-01'),
            validTo: rarely(dayArbitrary),
          }),
        ),
      ),
      lineage: fc.uniqueArray(
        fc.record({
          fromCode: fc.constantFrom(...agencyCodes),
          toCode: fc.constantFrom(...agencyCodes),
          effectiveDate: dayArbitrary,
        }),
        { maxLength: 3, selector: (link) => `${link.fromCode}>${link.toCode}` },
      ),
      procedures: fc.tuple(
        ...procedureCodes.map((code) =>
          fc.record({
            code: fc.constant(code),
            name: fc.constant('Thủ tục'),
            field: fc.constantFrom(...FIELDS),
            validTo: rarely(dayArbitrary),
          }),
        ),
      ),
      offerings: fc.uniqueArray(
        fc.record({
          procedureCode: fc.constantFrom(...procedureCodes),
          agencyCode: fc.constantFrom(...agencyCodes),
          validTo: rarely(dayArbitrary),
          levels: fc.uniqueArray(
            fc.record({
              effectiveFrom: catalogueDay,
              level: fc.integer({ min: 1, max: 4 }),
              portal: fc.boolean(),
            }),
            { minLength: 1, maxLength: 3, selector: (level) => level.effectiveFrom },
          ),
        }),
        {
          minLength: 2,
          maxLength: 12,
          selector: (offering) => `${offering.procedureCode}@${offering.agencyCode}`,
        },
      ),
    });
  })
  .map((raw): CatalogueContents => ({
    agencies: [...raw.agencies],
    lineage: raw.lineage.filter((link) => link.fromCode !== link.toCode),
    procedures: [...raw.procedures],
    offerings: raw.offerings.map(({ procedureCode, agencyCode, validTo }) => ({
      procedureCode,
      agencyCode,
      validTo,
    })),
    levels: raw.offerings.flatMap(({ procedureCode, agencyCode, levels }) =>
      levels.map((level) => ({ procedureCode, agencyCode, ...level, mode: 'none' as const, fee: false })),
    ),
  }));

/** The reference's plain catalogue: the same agencies, lineage and procedures, levels as published spans. */
export function referenceCatalogueOf(contents: CatalogueContents): ReferenceCatalogue {
  return {
    agencies: contents.agencies.map(({ code, parentCode }) => ({ code, parentCode })),
    lineage: contents.lineage.map(({ fromCode, toCode, effectiveDate }) => ({
      fromCode,
      toCode,
      effectiveDate,
    })),
    procedures: contents.procedures.map(({ code, field }) => ({ code, field })),
    levels: buildCatalogueSnapshot(contents).offeringLevels.map((row) => ({
      procedureCode: row.procedure_code,
      agencyCode: row.agency_code,
      level: row.level,
      portal: row.portal,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Dossier stories → events

const INTAKES = [
  'received',
  'refused_before',
  'refused_after',
  'refused_same_instant',
  'received_twice',
  'received_twice_same_instant',
  'refused_only',
  'submitted_only',
] as const;

/** One dossier's life as a vendor might report it; `storyEvents` turns it into wire events. */
export interface DossierStory {
  source: number;
  code: number;
  agency: { index: number; lower: boolean };
  procedure: { index: number; spaced: boolean };
  channel: Channel;
  intake: (typeof INTAKES)[number];
  receipt: Moment;
  /** The refusal or second receipt, relative to the receipt day. */
  otherIntake: Relative;
  second: { channel: Channel; agency: number };
  submitted: boolean;
  due: Relative;
  supplement: { at: Relative; due: Relative | null } | null;
  rescheduled: { at: Relative; due: Relative } | null;
  /** Resolution relative to the last due day written: before it, on it, after it. */
  resolution: { vsDue: number; time: Moment['time']; utc: boolean } | null;
  closure: { type: 'withdrawn' | 'stopped'; at: Relative } | null;
  payments: { at: Relative; method: 'online' | 'offline'; amount: number }[];
  returned: { at: Relative; channel: Channel } | null;
  transferred: { at: Relative; to: number } | null;
  /** Insert batch of each event (index modulo the batch count; missing: the first batch). */
  arrivals: number[];
  /** Extra copies: the same event again (same id), or re-sent under a new id, in some batch. */
  copies: { event: number; batch: number; resend: boolean }[];
}

/** Mostly codes a catalogue of two or more agencies (three or more procedures) knows; now and then not. */
const agencyIndexArbitrary = fc.oneof({ weight: 4, arbitrary: fc.nat(2) }, fc.nat(AGENCY_POOL - 1));
const procedureIndexArbitrary = fc.oneof({ weight: 4, arbitrary: fc.nat(1) }, fc.nat(PROCEDURE_POOL - 1));

const channelArbitrary = fc.constantFrom<Channel>('direct', 'online', 'postal');
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 2 });

export const storyArbitrary: fc.Arbitrary<DossierStory> = fc.record({
  source: fc.constantFrom(0, 0, 0, 1),
  code: fc.nat(40),
  agency: fc.record({ index: agencyIndexArbitrary, lower: fc.boolean() }),
  procedure: fc.record({ index: procedureIndexArbitrary, spaced: fc.boolean() }),
  channel: channelArbitrary,
  intake: fc.oneof(
    { weight: 4, arbitrary: fc.constant('received' as const) },
    { weight: 4, arbitrary: fc.constantFrom(...INTAKES) },
  ),
  receipt: momentArbitrary(dayArbitrary),
  otherIntake: relativeArbitrary(0, 20),
  second: fc.record({ channel: channelArbitrary, agency: agencyIndexArbitrary }),
  submitted: fc.boolean(),
  due: relativeArbitrary(0, 15),
  supplement: sometimes(
    fc.record({ at: relativeArbitrary(0, 15), due: fc.option(relativeArbitrary(1, 25), { nil: null }) }),
  ),
  rescheduled: sometimes(fc.record({ at: relativeArbitrary(0, 15), due: relativeArbitrary(1, 30) })),
  resolution: fc.option(
    fc.record({ vsDue: fc.integer({ min: -2, max: 2 }), time: timeArbitrary, utc: fc.boolean() }),
    { nil: null, freq: 3 },
  ),
  closure: nowAndThen(
    fc.record({
      type: fc.constantFrom('withdrawn' as const, 'stopped' as const),
      at: relativeArbitrary(-1, 20),
    }),
    4,
  ),
  payments: fc.array(
    fc.record({
      at: relativeArbitrary(-1, 20),
      method: fc.constantFrom('online' as const, 'offline' as const),
      amount: fc.constantFrom(0, 50_000, 120_000),
    }),
    { maxLength: 2 },
  ),
  returned: sometimes(fc.record({ at: relativeArbitrary(0, 25), channel: channelArbitrary })),
  transferred: nowAndThen(fc.record({ at: relativeArbitrary(0, 10), to: fc.nat(AGENCY_POOL - 1) }), 5),
  arrivals: fc.array(fc.nat(5), { maxLength: 12 }),
  copies: fc.array(fc.record({ event: fc.nat(11), batch: fc.nat(5), resend: fc.boolean() }), {
    maxLength: 2,
  }),
});

type WireEvent = Record<string, unknown>;

const writeAgency = (index: number, lower: boolean) =>
  lower ? agencyCode(index).toLowerCase() : agencyCode(index);
const writeProcedure = (index: number, spaced: boolean) =>
  spaced ? procedureCode(index).replace('.', '. ') : procedureCode(index);

/** A story's events in story order, without ids and batches (those come from `scenarioEvents`). */
export function storyEvents(story: DossierStory): WireEvent[] {
  const receiptDay = story.receipt.day;
  const at = (relative: Relative) => writeRelative(receiptDay, relative);
  const receivedAt = writeMoment(story.receipt);
  const agency = writeAgency(story.agency.index, story.agency.lower);
  const procedure = writeProcedure(story.procedure.index, story.procedure.spaced);
  const dueAt = at(story.due);
  const describes = { agencyCode: agency, procedureCode: procedure };
  const received = (occurredAt: string, channel: Channel, agencyCode = agency): WireEvent => ({
    type: 'received',
    occurredAt,
    agencyCode,
    procedureCode: procedure,
    channel,
    dueAt,
    fee: 10_000,
  });
  const refused = (occurredAt: string): WireEvent => ({ type: 'refused', occurredAt, ...describes });
  const dayBefore: Relative = { ...story.otherIntake, days: -1 };

  const events: WireEvent[] = [];
  if (story.submitted || story.intake === 'submitted_only')
    events.push({ type: 'submitted', occurredAt: at(dayBefore), ...describes });
  switch (story.intake) {
    case 'received':
      events.push(received(receivedAt, story.channel));
      break;
    case 'refused_before':
      events.push(refused(at(dayBefore)), received(receivedAt, story.channel));
      break;
    case 'refused_after':
      events.push(received(receivedAt, story.channel), refused(at(story.otherIntake)));
      break;
    case 'refused_same_instant':
      events.push(received(receivedAt, story.channel), refused(receivedAt));
      break;
    case 'received_twice':
      events.push(
        received(receivedAt, story.channel),
        received(at(story.otherIntake), story.second.channel, writeAgency(story.second.agency, false)),
      );
      break;
    case 'received_twice_same_instant':
      events.push(
        received(receivedAt, story.channel),
        received(receivedAt, story.second.channel, writeAgency(story.second.agency, story.agency.lower)),
      );
      break;
    case 'refused_only':
      events.push(refused(receivedAt));
      break;
    case 'submitted_only':
      break;
  }

  let lastDue = story.due;
  if (story.supplement) {
    events.push({ type: 'supplement_requested', occurredAt: at({ ...story.supplement.at, days: 0 }) });
    events.push({
      type: 'supplement_received',
      occurredAt: at(story.supplement.at),
      ...(story.supplement.due && { dueAt: at(story.supplement.due) }),
    });
    if (story.supplement.due) lastDue = story.supplement.due;
  }
  if (story.rescheduled) {
    events.push({
      type: 'rescheduled',
      occurredAt: at(story.rescheduled.at),
      dueAt: at(story.rescheduled.due),
    });
    lastDue = story.rescheduled.due;
  }
  if (story.transferred)
    events.push({
      type: 'transferred',
      occurredAt: at(story.transferred.at),
      toAgencyCode: writeAgency(story.transferred.to, false),
    });
  if (story.resolution) {
    const { vsDue, time, utc } = story.resolution;
    events.push({
      type: 'resolved',
      occurredAt: writeRelative(receiptDay, { days: lastDue.days + vsDue, time, utc }),
      outcome: 'approved',
    });
  }
  if (story.closure) events.push({ type: story.closure.type, occurredAt: at(story.closure.at) });
  for (const payment of story.payments)
    events.push({
      type: 'paid',
      occurredAt: at(payment.at),
      payment: { method: payment.method, amount: payment.amount },
    });
  if (story.returned)
    events.push({
      type: 'returned',
      occurredAt: at(story.returned.at),
      returnChannel: story.returned.channel,
    });
  return events;
}

// ---------------------------------------------------------------------------------------------------------
// Queries

export const INDICATOR_IDS = [
  'dossiers.online',
  'services.uptake',
  'dossiers.on_time',
  'dossiers.open',
  'dossiers.overdue',
  'payments.online',
  'dossiers.postal',
  'procedures.online',
  'procedures.level3',
  'procedures.level4',
  'procedures.portal',
  'procedures.level_growth',
  'dossiers.carried_over',
  'dossiers.closed_without_result',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

type PeriodInput = { from: string; to: string } | { period: string } | { date: string } | { year: number };

/** A query as the API would receive it, with asOf still pointing at a batch. */
export interface QuerySpec {
  indicator: IndicatorId;
  options: {
    denominator?: 'all' | 'online_procedures';
    level?: 3 | 4;
    postal?: 'include' | 'exclude';
    of?: 'receipt' | 'return';
  };
  period: PeriodInput;
  agency: { index: number; lower: boolean } | null;
  structure: Structure | null;
  subtree: boolean | 'true' | 'false' | null;
  field: string | null;
  procedure: { index: number; spaced: boolean } | null;
  groupBy: GroupBy | null;
  /** Just before (-1), at (0) or just after (+1) the ingestion of a batch. */
  asOf: { batch: number; shift: -1 | 0 | 1; utc: boolean } | null;
}

const PERIOD_TEXTS = [
  '2026-Q1',
  '2025-Q4',
  '2026',
  '2025',
  '2026-H1',
  '2025-H2',
  '2026-9M',
  '2026-3M',
  '2026-01',
  '2025-12',
  '2026-02',
  'ytd',
  'qtd',
  'mtd',
  'rolling-30d',
  'rolling-7d',
  '2025-12-31',
  '2026-01-01',
  '2025-12-31..2026-01-01',
];

const periodArbitrary: fc.Arbitrary<PeriodInput> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(dayArbitrary, dayArbitrary)
      .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
  },
  { weight: 3, arbitrary: fc.constantFrom(...PERIOD_TEXTS).map((period) => ({ period })) },
  { weight: 1, arbitrary: dayArbitrary.map((date) => ({ date })) },
  { weight: 1, arbitrary: fc.constantFrom(2025, 2026).map((year) => ({ year })) },
);

const indicatorArbitrary: fc.Arbitrary<Pick<QuerySpec, 'indicator' | 'options'>> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      indicator: fc.constant('dossiers.online' as const),
      // Each option now and then (the level ones leave out every dossier of a procedure at another level).
      options: fc
        .record({
          denominator: nowAndThen(fc.constantFrom('all' as const, 'online_procedures' as const), 3),
          level: nowAndThen(fc.constantFrom(3 as const, 4 as const), 3),
          postal: nowAndThen(fc.constantFrom('include' as const, 'exclude' as const), 3),
        })
        .map((options) => Object.fromEntries(Object.entries(options).filter(([, value]) => value !== null))),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      indicator: fc.constant('dossiers.postal' as const),
      options: fc.record(
        { of: fc.constantFrom('receipt' as const, 'return' as const) },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      indicator: fc.constant('procedures.level_growth' as const),
      options: fc.record({ level: fc.constantFrom(3 as const, 4 as const) }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc
      .constantFrom<IndicatorId>(
        'services.uptake',
        'dossiers.on_time',
        'dossiers.on_time',
        'dossiers.open',
        'dossiers.overdue',
        'payments.online',
        'procedures.online',
        'procedures.level3',
        'procedures.level4',
        'procedures.portal',
        'dossiers.carried_over',
        'dossiers.closed_without_result',
      )
      .map((indicator) => ({ indicator, options: {} })),
  },
);

export const querySpecArbitrary: fc.Arbitrary<QuerySpec> = fc
  .record({
    indicator: indicatorArbitrary,
    period: periodArbitrary,
    agency: fc.option(fc.record({ index: agencyIndexArbitrary, lower: fc.boolean() }), {
      nil: null,
      freq: 2,
    }),
    structure: fc.option(fc.constantFrom<Structure>('reported', 'current'), { nil: null }),
    subtree: fc.option(fc.constantFrom(true, false, 'true' as const, 'false' as const), { nil: null }),
    field: nowAndThen(fc.constantFrom(...FIELDS, 'Xây dựng'), 4),
    procedure: nowAndThen(fc.record({ index: procedureIndexArbitrary, spaced: fc.boolean() }), 5),
    groupBy: fc.option(fc.constantFrom(...GROUP_BY), { nil: null, freq: 2 }),
    asOf: nowAndThen(
      fc.record({
        batch: fc.nat(5),
        shift: fc.constantFrom(-1 as const, 0 as const, 1 as const),
        utc: fc.boolean(),
      }),
      3,
    ),
  })
  .map(({ indicator, ...rest }) => ({
    ...indicator,
    ...rest,
    // subtree=false needs an agency (the API refuses it otherwise).
    subtree: rest.agency === null ? null : rest.subtree,
  }));

// ---------------------------------------------------------------------------------------------------------
// Scenario

export interface MessyScenario {
  catalogue: CatalogueContents;
  /** The service's clock, and the reference's "now". */
  now: string;
  /** Ingestion instants of the insert batches, increasing. */
  batches: string[];
  stories: DossierStory[];
  /** Merge the event tables (OPTIMIZE … FINAL) after this batch, as ClickHouse may at any time. */
  mergeAfter: number | null;
  /**
   * Rebuild the dossier snapshot after these batches (increasing), each with its batch's instant as the
   * watermark; queries then read the snapshot plus the dossiers changed since. Empty: no snapshot.
   */
  snapshotsAfter: number[];
  /**
   * Prepare a correction set after these batches (increasing; after the batch's rebuild, if any), as
   * `CorrectionSetScheduler` does; queries with maxLag may then read the latest, later batches notwithstanding.
   */
  preparedAfter: number[];
  /**
   * Query after these batches (increasing; after the batch's rebuild and prepared set), as a dashboard reading
   * between batches does: the query makes a correction set for the changes as they stand. Sets made for one
   * build after one another, prepared or queried, are made from the set before (a chain).
   */
  queriedAfter: number[];
  queries: QuerySpec[];
}

const NOWS = [
  '2026-01-15T10:00:00+07:00',
  '2026-01-01T00:00:00+07:00',
  '2025-12-31T16:59:59.999Z',
  '2026-02-28T12:00:00+07:00',
  '2026-04-20T09:00:00+07:00',
];

const ingestionDayArbitrary = fc.oneof(
  dayArbitrary,
  fc.integer({ min: 0, max: 179 }).map((offset) => addDays(WINDOW_FROM, offset)),
);

export const scenarioArbitrary: fc.Arbitrary<MessyScenario> = fc
  .record({
    catalogue: catalogueArbitrary,
    now: fc.constantFrom(...NOWS),
    batches: fc.uniqueArray(momentArbitrary(ingestionDayArbitrary), {
      minLength: 1,
      maxLength: 4,
      selector: instantOfMoment,
    }),
    stories: fc.array(storyArbitrary, { minLength: 3, maxLength: 18, size: 'max' }),
    mergeAfter: fc.option(fc.nat(3), { nil: null, freq: 2 }),
    snapshotsAfter: fc
      .uniqueArray(fc.nat(3), { maxLength: 2 })
      .map((after) => [...after].sort((a, b) => a - b)),
    preparedAfter: fc
      .uniqueArray(fc.nat(3), { maxLength: 2 })
      .map((after) => [...after].sort((a, b) => a - b)),
    queriedAfter: fc
      .uniqueArray(fc.nat(3), { maxLength: 3 })
      .map((after) => [...after].sort((a, b) => a - b)),
    queries: fc.array(querySpecArbitrary, { minLength: 1, maxLength: 8 }),
  })
  .map(({ batches, ...rest }) => ({
    ...rest,
    batches: [...batches]
      .sort((a, b) => instantOfMoment(a) - instantOfMoment(b))
      .map((moment) => writeMoment(moment)),
  }));

/** One event as inserted: its batch (and so its ingestion instant) and the parsed event. */
export interface ScheduledEvent {
  batch: number;
  event: DossierEvent;
}

/** Every event of the scenario with its batch, in batch order (within a batch, story order). */
export function scenarioEvents(scenario: MessyScenario): ScheduledEvent[] {
  const batchCount = scenario.batches.length;
  const scheduled: ScheduledEvent[] = [];
  scenario.stories.forEach((story, storyIndex) => {
    const identity = { source: SOURCES[story.source], dossierCode: `HS-${story.code}` };
    const events = storyEvents(story).map((event, j) => ({
      ...identity,
      eventId: `${storyIndex}:${j}`,
      ...event,
    }));
    events.forEach((event, j) =>
      scheduled.push({
        batch: (story.arrivals[j] ?? 0) % batchCount,
        event: dossierEventSchema.parse(event),
      }),
    );
    story.copies.forEach((copy, k) => {
      if (events.length === 0) return;
      const original = events[copy.event % events.length];
      const event = copy.resend ? { ...original, eventId: `${original.eventId}:resent${k}` } : original;
      scheduled.push({ batch: copy.batch % batchCount, event: dossierEventSchema.parse(event) });
    });
  });
  return scheduled
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.batch - b.item.batch || a.order - b.order)
    .map(({ item }) => item);
}

/** The reference's input: the parsed events, each with the ingestion instant of its batch, in arrival order. */
export function referenceEventsOf(
  scenario: MessyScenario,
  events: readonly ScheduledEvent[],
): ReferenceEvent[] {
  return events.map(({ batch, event }) => ({ ...event, ingestedAt: scenario.batches[batch] }));
}

export function asOfOf(scenario: MessyScenario, spec: QuerySpec): string | null {
  if (spec.asOf === null) return null;
  const batch = scenario.batches[spec.asOf.batch % scenario.batches.length];
  return isoOf(Date.parse(batch) + spec.asOf.shift, spec.asOf.utc);
}

/** The query string the API would parse (`indicatorQuerySchema` input). */
export function apiInputOf(scenario: MessyScenario, spec: QuerySpec): IndicatorQueryInput {
  const asOf = asOfOf(scenario, spec);
  return {
    ...spec.period,
    ...(spec.agency && { agency: writeAgency(spec.agency.index, spec.agency.lower) }),
    ...(spec.structure && { structure: spec.structure }),
    ...(spec.subtree !== null && { subtree: spec.subtree }),
    ...(spec.field !== null && { field: spec.field }),
    ...(spec.procedure && { procedure: writeProcedure(spec.procedure.index, spec.procedure.spaced) }),
    ...(spec.groupBy && { groupBy: spec.groupBy }),
    ...(asOf !== null && { asOf }),
    ...spec.options,
  };
}

/** The days a period input covers, resolved against the scenario's today for ytd, rolling and the like. */
export function periodDaysOf(period: PeriodInput, now: string): { from: string; to: string } {
  if ('period' in period) return parsePeriod(period.period, localDateOf(new Date(now)));
  if ('date' in period) return { from: period.date, to: period.date };
  if ('year' in period) return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
  return { from: period.from, to: period.to };
}

/** The same query for the reference implementation. */
export function referenceQueryOf(scenario: MessyScenario, spec: QuerySpec): ReferenceQuery {
  const { from, to } = periodDaysOf(spec.period, scenario.now);
  return {
    indicator: spec.indicator,
    options: spec.options,
    from,
    to,
    agency: spec.agency && writeAgency(spec.agency.index, spec.agency.lower),
    structure: spec.structure ?? 'reported',
    subtree: spec.subtree === null || spec.subtree === true || spec.subtree === 'true',
    field: spec.field,
    procedure: spec.procedure && writeProcedure(spec.procedure.index, spec.procedure.spaced),
    groupBy: spec.groupBy,
    now: scenario.now,
    asOf: asOfOf(scenario, spec),
  };
}
