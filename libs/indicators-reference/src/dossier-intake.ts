import { Channel, DossierEvent, normaliseCode } from '@dvc/dossier-events';
import { DateRange, localDateOf, Ratio, ratio } from '@dvc/indicators';

/** Both ends inclusive. */
export const inDateRange = (date: string, range: DateRange) => date >= range.from && date <= range.to;

/** How a dossier entered the system, decided by its latest intake event (received or refused). */
export interface DossierIntake {
  source: string;
  dossierCode: string;
  received: boolean;
  channel: Channel | null;
  agencyCode: string;
  procedureCode: string;
  /** Local calendar day of the deciding intake event. */
  receivedDate: string;
}

const dossierKey = (event: { source: string; dossierCode: string }) =>
  `${event.source}\0${event.dossierCode}`;

/**
 * The counting rule, as plain code: a dossier (source + dossier code) counts once, with the values of its
 * latest intake event by occurredAt. Duplicates and re-sends of the same content change nothing. (Storage
 * breaks ties at the same millisecond by a hash of the event id; events that disagree within one
 * millisecond are not a case vendors produce.)
 */
export function resolveIntakes(events: readonly DossierEvent[]): DossierIntake[] {
  const latest = new Map<string, DossierEvent & { type: 'received' | 'refused' }>();
  for (const event of events) {
    if (event.type !== 'received' && event.type !== 'refused') continue;
    const key = dossierKey(event);
    const current = latest.get(key);
    if (!current || Date.parse(event.occurredAt) > Date.parse(current.occurredAt)) latest.set(key, event);
  }
  return [...latest.values()].map((event) => ({
    source: event.source,
    dossierCode: event.dossierCode,
    received: event.type === 'received',
    channel: event.type === 'received' ? event.channel : null,
    agencyCode: normaliseCode(event.agencyCode),
    procedureCode: normaliseCode(event.procedureCode),
    receivedDate: localDateOf(event.occurredAt),
  }));
}

export interface IntakeScope {
  /** Codes of the receiving agencies in scope (a subtree, resolved from the catalogue); null for every agency. */
  agencyCodes: ReadonlySet<string> | null;
}

/** The scope of one agency code alone (a code the catalogue does not know), or of every agency. */
export const singleAgency = (code: string | null): IntakeScope => ({
  agencyCodes: code === null ? null : new Set([code]),
});

/** The formula over resolved intakes: the reference the ClickHouse query must agree with. */
export function countDossiersOnline(
  intakes: readonly DossierIntake[],
  range: DateRange,
  scope: IntakeScope,
): Ratio {
  const received = intakes.filter(
    (intake) =>
      intake.received &&
      inDateRange(intake.receivedDate, range) &&
      (scope.agencyCodes === null || scope.agencyCodes.has(intake.agencyCode)),
  );
  return ratio(received.filter((intake) => intake.channel === 'online').length, received.length);
}
