import { Channel, DossierEvent, normaliseCode } from '@dvc/dossier-events';
import { instantOf, localDayOfInstant } from './reference-calendar';

export type ReferenceEvent = DossierEvent & { ingestedAt: string };

/** What the indicators need to know about one dossier whose intake is `received`. */
export interface ReceivedDossier {
  key: string;
  receivedAt: number;
  receiptDay: string;
  /** Receiving agency and procedure, after `normaliseCode`. */
  agencyCode: string;
  procedureCode: string;
  channel: Channel;
  dueAt: number | null;
  dueDay: string | null;
  resolvedAt: number | null;
  resolutionDay: string | null;
  /** Earliest `withdrawn` or `stopped`. */
  closedAt: number | null;
  returned: { day: string; channel: Channel } | null;
  payment: { day: string; method: 'online' | 'offline' } | null;
}

export const dossierKeyOf = (event: Pick<DossierEvent, 'source' | 'dossierCode'>): string =>
  JSON.stringify([event.source, event.dossierCode]);

/** The same (source, dossierCode, eventId) sent twice is one event: the first one in the list stays. */
export function distinctEvents(events: readonly ReferenceEvent[]): ReferenceEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const identity = JSON.stringify([event.source, event.dossierCode, event.eventId]);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** Element-by-element comparison of string tuples with plain `<`. */
export function compareStringTuples(left: readonly string[], right: readonly string[]): number {
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const a = left[i] ?? '';
    const b = right[i] ?? '';
    if (a < b) return -1;
    if (a > b) return 1;
  }
  return 0;
}

/** The item the comparison ranks highest (the first of equals). */
function highest<T>(items: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || compare(item, best) > 0) best = item;
  return best;
}

const lowest = <T>(items: readonly T[], compare: (a: T, b: T) => number) =>
  highest(items, (a, b) => compare(b, a));

const byInstant = (a: DossierEvent, b: DossierEvent) => instantOf(a.occurredAt) - instantOf(b.occurredAt);

type IntakeEvent = Extract<DossierEvent, { type: 'received' | 'refused' }>;
type DueEvent = Extract<DossierEvent, { type: 'received' | 'supplement_received' | 'rescheduled' }> & {
  dueAt: string;
};
type ReturnedEvent = Extract<DossierEvent, { type: 'returned' }>;
type PaidEvent = Extract<DossierEvent, { type: 'paid' }>;

// Codes enter the tie-break after normalisation, like every other comparison of codes.
const intakeTieTuple = (event: IntakeEvent): string[] => [
  event.type,
  event.type === 'received' ? event.channel : '',
  normaliseCode(event.agencyCode),
  normaliseCode(event.procedureCode),
];

const isIntake = (event: DossierEvent): event is IntakeEvent =>
  event.type === 'received' || event.type === 'refused';
const carriesDueAt = (event: DossierEvent): event is DueEvent =>
  (event.type === 'received' || event.type === 'supplement_received' || event.type === 'rescheduled') &&
  event.dueAt !== undefined;

/** Folds one dossier's distinct events; undefined unless its intake (latest received/refused) is `received`. */
export function foldDossier(key: string, events: readonly DossierEvent[]): ReceivedDossier | undefined {
  const intake = highest(
    events.filter(isIntake),
    (a, b) => byInstant(a, b) || compareStringTuples(intakeTieTuple(a), intakeTieTuple(b)),
  );
  if (intake?.type !== 'received') return undefined;

  const due = highest(
    events.filter(carriesDueAt),
    (a, b) => byInstant(a, b) || instantOf(a.dueAt) - instantOf(b.dueAt),
  );
  const resolution = lowest(
    events.filter((event) => event.type === 'resolved'),
    byInstant,
  );
  const closure = lowest(
    events.filter((event) => event.type === 'withdrawn' || event.type === 'stopped'),
    byInstant,
  );
  const returned = lowest(
    events.filter((event): event is ReturnedEvent => event.type === 'returned'),
    (a, b) => byInstant(a, b) || compareStringTuples([a.returnChannel], [b.returnChannel]),
  );
  const payment = lowest(
    events.filter((event): event is PaidEvent => event.type === 'paid' && event.payment.amount > 0),
    (a, b) => byInstant(a, b) || compareStringTuples([a.payment.method], [b.payment.method]),
  );

  const receivedAt = instantOf(intake.occurredAt);
  const dueAt = due ? instantOf(due.dueAt) : null;
  const resolvedAt = resolution ? instantOf(resolution.occurredAt) : null;
  return {
    key,
    receivedAt,
    receiptDay: localDayOfInstant(receivedAt),
    agencyCode: normaliseCode(intake.agencyCode),
    procedureCode: normaliseCode(intake.procedureCode),
    channel: intake.channel,
    dueAt,
    dueDay: dueAt === null ? null : localDayOfInstant(dueAt),
    resolvedAt,
    resolutionDay: resolvedAt === null ? null : localDayOfInstant(resolvedAt),
    closedAt: closure ? instantOf(closure.occurredAt) : null,
    returned: returned
      ? { day: localDayOfInstant(instantOf(returned.occurredAt)), channel: returned.returnChannel }
      : null,
    payment: payment
      ? { day: localDayOfInstant(instantOf(payment.occurredAt)), method: payment.payment.method }
      : null,
  };
}

/** Received dossiers by dossier key, from distinct events. */
export function receivedDossiers(events: readonly DossierEvent[]): Map<string, ReceivedDossier> {
  const eventsByDossier = new Map<string, DossierEvent[]>();
  for (const event of events) {
    const key = dossierKeyOf(event);
    const list = eventsByDossier.get(key);
    if (list) list.push(event);
    else eventsByDossier.set(key, [event]);
  }
  const dossiers = new Map<string, ReceivedDossier>();
  for (const [key, dossierEvents] of eventsByDossier) {
    const dossier = foldDossier(key, dossierEvents);
    if (dossier) dossiers.set(key, dossier);
  }
  return dossiers;
}

/** Open at T: received by T, neither resolved nor closed by T. */
export const isOpenAt = (dossier: ReceivedDossier, instant: number): boolean =>
  dossier.receivedAt <= instant &&
  !(dossier.resolvedAt !== null && dossier.resolvedAt <= instant) &&
  !(dossier.closedAt !== null && dossier.closedAt <= instant);
