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
  /** Months since the history began: online shares grow with it. */
  monthsIn: number;
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
 * processing, perhaps a supplement round, fee, resolution (sometimes late, then an apology slip with a new
 * due date), return of the result.
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
  const onlineShare = Math.min(0.95, agency.onlineShare + 0.015 * options.monthsIn);
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
    at += random() * 4 * HOUR;
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
  const resolvedAt = Math.max(at + HOUR, dueAt + (random() - 0.85) * procedure.processingDays * DAY);
  if (resolvedAt > dueAt) {
    dueAt = resolvedAt + DAY;
    if (emit('rescheduled', dueAt - 2 * DAY)) {
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
