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
  const agency = pick(random, province.agencies);
  const procedure = pick(random, province.procedures);
  const onlineShare = Math.min(0.95, agency.onlineShare + 0.015 * options.monthsIn);
  const roll = random();
  const channel = roll < onlineShare ? 'online' : roll < onlineShare + 0.05 ? 'postal' : 'direct';
  const events: WireEvent[] = [];
  let sequence = 0;
  const emit = (type: string, at: number, fields: WireEvent = {}) => {
    if (at > options.now) return;
    events.push({
      eventId: `${dossierCode}-${++sequence}`,
      source: province.source,
      type,
      occurredAt: localIso(at),
      dossierCode,
      ...fields,
    });
  };
  const describes = { procedureCode: procedure.code, agencyCode: agency.code };

  let at = options.startsAt;
  if (channel === 'online') {
    emit('submitted', at, { ...describes, channel });
    at += random() * 4 * HOUR;
    if (random() < 0.03) {
      emit('refused', at, describes);
      return events;
    }
  }
  let dueAt = at + procedure.processingDays * DAY;
  emit('received', at, {
    ...describes,
    channel,
    dueAt: localIso(dueAt),
    ...(procedure.fee ? { fee: procedure.fee } : {}),
  });
  at += random() * 2 * HOUR;
  emit('processing', at);
  if (random() < 0.1) {
    at += random() * 2 * DAY;
    emit('supplement_requested', at);
    at += random() * 4 * DAY;
    dueAt = at + procedure.processingDays * DAY;
    emit('supplement_received', at, { dueAt: localIso(dueAt) });
  }
  if (procedure.fee) {
    at += random() * DAY;
    emit('payment_requested', at, { fee: procedure.fee });
    at += random() * DAY;
    const method = channel === 'online' && random() < 0.6 ? 'online' : 'offline';
    emit('paid', at, { payment: { method, amount: procedure.fee } });
  }
  if (random() < 0.02) {
    emit('withdrawn', at + random() * DAY);
    return events;
  }
  const resolvedAt = Math.max(at + HOUR, dueAt + (random() - 0.85) * procedure.processingDays * DAY);
  if (resolvedAt > dueAt) {
    dueAt = resolvedAt + DAY;
    emit('rescheduled', dueAt - 2 * DAY, { dueAt: localIso(dueAt) });
  }
  emit('resolved', resolvedAt, {
    outcome: random() < 0.97 ? 'approved' : 'denied',
    electronicResult: channel === 'online',
  });
  const returnChannel =
    channel === 'postal' || random() < 0.05 ? 'postal' : channel === 'online' ? 'online' : 'direct';
  emit('returned', resolvedAt + random() * 2 * DAY, { returnChannel });
  return events;
}
