import { dossierLifecycle, WireEvent } from './dossier-lifecycle';
import { Province, syntheticProvince } from './province';
import { seededRandom } from './random';

const DAY = 86_400_000;
const LOCAL_OFFSET = 7 * 3_600_000;

export interface HistoryOptions {
  seed: number;
  /** First and last local day (YYYY-MM-DD) on which dossiers start. */
  from: string;
  to: string;
  dossiersPerDay: number;
  /** Events after this instant are left out (they have not happened yet). */
  now: number;
  /** Shares of events delivered twice with the same id, and re-sent under a new id. */
  duplicateShare?: number;
  resendShare?: number;
}

const localMidnightUtc = (date: string) => Date.parse(`${date}T00:00:00Z`) - LOCAL_OFFSET;

/**
 * A province's event stream, one local day of dossier starts at a time, deterministic for a seed. Within a
 * day the events are shuffled (vendors deliver out of order) and some arrive twice or re-sent under a new id.
 */
export function* provinceHistory(options: HistoryOptions): Generator<WireEvent[]> {
  const province = syntheticProvince(options.seed);
  const first = localMidnightUtc(options.from);
  const last = localMidnightUtc(options.to);
  for (let midnight = first; midnight <= last; midnight += DAY) {
    yield dayOfEvents(province, midnight, first, options);
  }
}

function dayOfEvents(
  province: Province,
  midnight: number,
  first: number,
  options: HistoryOptions,
): WireEvent[] {
  const dayIndex = Math.round((midnight - first) / DAY);
  const random = seededRandom(options.seed * 100_003 + dayIndex);
  const weekday = new Date(midnight + LOCAL_OFFSET).getUTCDay();
  const volume = weekday === 0 ? 0.1 : weekday === 6 ? 0.3 : 1;
  const count = Math.round(options.dossiersPerDay * volume * (0.8 + random() * 0.4));
  const date = new Date(midnight + LOCAL_OFFSET).toISOString().slice(0, 10).replaceAll('-', '');
  const events: WireEvent[] = [];
  for (let index = 0; index < count; index++) {
    // Office hours, 07:30-17:00 local.
    const startsAt = midnight + 7.5 * 3_600_000 + random() * 9.5 * 3_600_000;
    if (startsAt > options.now) continue;
    const code = `HS-${date}-${String(index).padStart(6, '0')}`;
    const monthsIn = dayIndex / 30;
    events.push(...dossierLifecycle(province, random, code, { startsAt, now: options.now, monthsIn }));
  }
  return messUp(events, random, options);
}

function messUp(events: WireEvent[], random: () => number, options: HistoryOptions): WireEvent[] {
  const duplicateShare = options.duplicateShare ?? 0.01;
  const resendShare = options.resendShare ?? 0.005;
  const delivered: WireEvent[] = [];
  for (const event of events) {
    delivered.push(event);
    if (random() < duplicateShare) delivered.push(event);
    if (random() < resendShare) delivered.push({ ...event, eventId: `${String(event.eventId)}-resent` });
  }
  for (let index = delivered.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [delivered[index], delivered[other]] = [delivered[other], delivered[index]];
  }
  return delivered;
}

/** New dossiers starting now: the live trickle after the history. */
export function liveDossierEvents(seed: number, now: number, sequence: number): WireEvent[] {
  const province = syntheticProvince(seed);
  const random = seededRandom(seed * 7919 + sequence);
  const code = `HS-LIVE-${now}-${sequence}`;
  return dossierLifecycle(province, random, code, { startsAt: now, now, monthsIn: 3 });
}
