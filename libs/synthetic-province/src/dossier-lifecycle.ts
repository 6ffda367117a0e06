import { Province } from './province';
import { pick } from './random';

export type WireEvent = Record<string, unknown>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LOCAL_OFFSET = 7 * HOUR;

/** ISO-8601 in Vietnam's local time with its offset, as one-stop-shop systems write it. */
export function localIso(utcMs: number): string {
  return new Date(utcMs + LOCAL_OFFSET).toISOString().replace('Z', '+07:00');
}

export interface LifecycleOptions {
  /** UTC ms of the dossier's first event. */
  startsAt: number;
  /** Events after this instant have not happened yet and are not emitted. */
  now: number;
  /** Months since the year began (0 to 12): online shares grow through the year. */
  monthOfYear: number;
}

/**
 * One event of a dossier as plain facts: what `dossierLifecycle` turns into a wire event. Fields an event type
 * does not carry are null. Instants are UTC ms.
 */
export interface LifecycleEvent {
  /** The event's number within its dossier (1, 2, …): the event id is `<dossier code>-<sequence>`. */
  sequence: number;
  type: string;
  occurredAt: number;
  procedureCode: string | null;
  agencyCode: string | null;
  channel: string | null;
  dueAt: number | null;
  fee: number | null;
  paymentMethod: string | null;
  paymentAmount: number | null;
  outcome: string | null;
  electronicResult: boolean | null;
  returnChannel: string | null;
}

/**
 * One dossier's events, in the order they happened: submission (online only), intake (received or refused),
 * processing, perhaps a supplement round, fee, resolution against the real due date (mostly early, some on
 * the due day, some late, a few stuck for weeks; a late office sometimes issues an apology slip with a new due
 * date first), return of the result (by post for postal dossiers and a few others).
 */
export function dossierLifecycle(
  province: Province,
  random: () => number,
  dossierCode: string,
  options: LifecycleOptions,
): WireEvent[] {
  const events: WireEvent[] = [];
  dossierLifecycleEvents(province, random, options, (event) =>
    events.push(toWireEvent(province.source, dossierCode, event)),
  );
  return events;
}

/**
 * The lifecycle of `dossierLifecycle` without building wire events: `visit` sees each event as facts, in a
 * scratch object reused for the dossier's next event (copy what you keep). The same random draws in the same
 * order, so the same seed gives the same dossier either way; for loading millions of dossiers.
 */
export function dossierLifecycleEvents(
  province: Province,
  random: () => number,
  options: LifecycleOptions,
  visit: (event: LifecycleEvent) => void,
  scratch: LifecycleEvent = blankEvent(),
): void {
  const agency = pick(random, province.agencies);
  const procedure = pick(random, province.procedures);
  const onlineShare = Math.min(0.95, agency.onlineShare + 0.01 * options.monthOfYear);
  const roll = random();
  const channel = roll < onlineShare ? 'online' : roll < onlineShare + 0.05 ? 'postal' : 'direct';
  const event = scratch;
  let sequence = 0;
  const emit = (type: string, at: number) => {
    if (at > options.now) return false;
    event.sequence = ++sequence;
    event.type = type;
    event.occurredAt = at;
    return true;
  };
  const send = () => {
    visit(event);
    clearFields(event);
  };
  const describe = () => {
    event.procedureCode = procedure.code;
    event.agencyCode = agency.code;
  };

  clearFields(event);
  let at = options.startsAt;
  if (channel === 'online') {
    if (emit('submitted', at)) {
      describe();
      event.channel = channel;
      send();
    }
    at = withinOfficeHours(at + random() * 4 * HOUR, random);
    if (random() < 0.03) {
      if (emit('refused', at)) {
        describe();
        send();
      }
      return;
    }
  }
  let dueAt = at + procedure.processingDays * DAY;
  if (emit('received', at)) {
    describe();
    event.channel = channel;
    event.dueAt = dueAt;
    if (procedure.fee) event.fee = procedure.fee;
    send();
  }
  at += random() * 2 * HOUR;
  if (emit('processing', at)) send();
  if (random() < 0.1) {
    at += random() * 2 * DAY;
    if (emit('supplement_requested', at)) send();
    at += random() * 4 * DAY;
    dueAt = at + procedure.processingDays * DAY;
    if (emit('supplement_received', at)) {
      event.dueAt = dueAt;
      send();
    }
  }
  if (procedure.fee) {
    at += random() * DAY;
    if (emit('payment_requested', at)) {
      event.fee = procedure.fee;
      send();
    }
    at += random() * DAY;
    const method = channel === 'online' && random() < 0.6 ? 'online' : 'offline';
    if (emit('paid', at)) {
      event.paymentMethod = method;
      event.paymentAmount = procedure.fee;
      send();
    }
  }
  if (random() < 0.02) {
    if (emit('withdrawn', at + random() * DAY)) send();
    return;
  }
  const resolvedAt = resolutionTime(random, at, dueAt, procedure.processingDays);
  if (localDay(resolvedAt) > localDay(dueAt) && random() < 0.3) {
    // A late office issues an apology slip before the due day ends, with a new date it then keeps.
    const slipAt = Math.max(at, dueAt - random() * DAY);
    dueAt = resolvedAt + random() * 2 * DAY;
    if (emit('rescheduled', slipAt)) {
      event.dueAt = dueAt;
      send();
    }
  }
  const outcome = random() < 0.97 ? 'approved' : 'denied';
  if (emit('resolved', resolvedAt)) {
    event.outcome = outcome;
    event.electronicResult = channel === 'online';
    send();
  }
  const returnChannel =
    channel === 'postal' || random() < 0.05 ? 'postal' : channel === 'online' ? 'online' : 'direct';
  if (emit('returned', resolvedAt + random() * 2 * DAY)) {
    event.returnChannel = returnChannel;
    send();
  }
}

/** The wire event (contract v1) of a lifecycle event. */
export function toWireEvent(source: string, dossierCode: string, event: LifecycleEvent): WireEvent {
  const wire: WireEvent = {
    eventId: `${dossierCode}-${event.sequence}`,
    source,
    type: event.type,
    occurredAt: localIso(event.occurredAt),
    dossierCode,
  };
  if (event.procedureCode !== null) wire.procedureCode = event.procedureCode;
  if (event.agencyCode !== null) wire.agencyCode = event.agencyCode;
  if (event.channel !== null) wire.channel = event.channel;
  if (event.dueAt !== null) wire.dueAt = localIso(event.dueAt);
  if (event.fee !== null) wire.fee = event.fee;
  if (event.paymentMethod !== null)
    wire.payment = { method: event.paymentMethod, amount: event.paymentAmount };
  if (event.outcome !== null) wire.outcome = event.outcome;
  if (event.electronicResult !== null) wire.electronicResult = event.electronicResult;
  if (event.returnChannel !== null) wire.returnChannel = event.returnChannel;
  return wire;
}

export const blankEvent = (): LifecycleEvent => ({
  sequence: 0,
  type: '',
  occurredAt: 0,
  procedureCode: null,
  agencyCode: null,
  channel: null,
  dueAt: null,
  fee: null,
  paymentMethod: null,
  paymentAmount: null,
  outcome: null,
  electronicResult: null,
  returnChannel: null,
});

function clearFields(event: LifecycleEvent): void {
  event.procedureCode = null;
  event.agencyCode = null;
  event.channel = null;
  event.dueAt = null;
  event.fee = null;
  event.paymentMethod = null;
  event.paymentAmount = null;
  event.outcome = null;
  event.electronicResult = null;
  event.returnChannel = null;
}

const localDay = (utcMs: number) => Math.floor((utcMs + LOCAL_OFFSET) / DAY);
const localHour = (utcMs: number) => ((((utcMs + LOCAL_OFFSET) % DAY) + DAY) % DAY) / HOUR;

/** An online dossier submitted after hours is received the next morning. */
function withinOfficeHours(at: number, random: () => number): number {
  const hour = localHour(at);
  if (hour >= 7.5 && hour < 17) return at;
  const nextMorning = (localDay(at) + (hour >= 17 ? 1 : 0)) * DAY - LOCAL_OFFSET + 7.5 * HOUR;
  return nextMorning + random() * 2 * HOUR;
}

/**
 * When a dossier received (or completed) at `at` and due at `dueAt` is resolved: 72% before the due day, 20% on
 * it, 7.5% late by up to half the processing time plus a day, 0.5% stuck for two to four weeks past due.
 */
function resolutionTime(random: () => number, at: number, dueAt: number, processingDays: number): number {
  const earliest = at + HOUR;
  const draw = random();
  const spread = random();
  if (draw < 0.72) {
    const dueDayStart = localDay(dueAt) * DAY - LOCAL_OFFSET;
    return earliest + spread * Math.max(0, dueDayStart - HOUR - earliest);
  }
  if (draw < 0.92) return Math.max(earliest, dueAt - spread * 3 * HOUR);
  const late = draw < 0.995 ? (1 + spread * (processingDays / 2 + 1)) * DAY : (14 + spread * 14) * DAY;
  return Math.max(earliest, dueAt) + late;
}
