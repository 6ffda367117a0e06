import {
  blankEvent,
  dossierLifecycle,
  dossierLifecycleEvents,
  LifecycleEvent,
  WireEvent,
} from './dossier-lifecycle';
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
  const date = dayCode(midnight);
  const events: WireEvent[] = [];
  startsOfDay(midnight, dayIndex, options, random, (index, startsAt) => {
    const code = dossierCode(date, index);
    events.push(
      ...dossierLifecycle(province, random, code, { startsAt, now: options.now, monthsIn: dayIndex / 30 }),
    );
  });
  return messUp(events, random, options);
}

/** Draws how many dossiers start on a day, then each one's start (office hours, 07:30-17:00 local). */
function startsOfDay(
  midnight: number,
  dayIndex: number,
  options: HistoryOptions,
  random: () => number,
  visit: (index: number, startsAt: number) => void,
): void {
  const weekday = new Date(midnight + LOCAL_OFFSET).getUTCDay();
  const volume = weekday === 0 ? 0.1 : weekday === 6 ? 0.3 : 1;
  const count = Math.round(options.dossiersPerDay * volume * (0.8 + random() * 0.4));
  for (let index = 0; index < count; index++) {
    const startsAt = midnight + 7.5 * 3_600_000 + random() * 9.5 * 3_600_000;
    if (startsAt > options.now) continue;
    visit(index, startsAt);
  }
}

const dayCode = (midnight: number) =>
  new Date(midnight + LOCAL_OFFSET).toISOString().slice(0, 10).replaceAll('-', '');
const dossierCode = (date: string, index: number) => `HS-${date}-${String(index).padStart(6, '0')}`;

/** How an event of the history is delivered besides once: again with the same id, re-sent under a new id. */
export interface HistoryDelivery {
  duplicate: boolean;
  resent: boolean;
}

export interface HistoryVisitor {
  /** A dossier starts: its events follow, in the order they happened. */
  dossier?(dossierCode: string, startsAt: number): void;
  /** One event (a scratch object, reused for the next event) and how often it is delivered. */
  event(dossierCode: string, event: LifecycleEvent, delivery: HistoryDelivery): void;
}

/**
 * The same events as `provinceHistory`, with the same duplicates and re-sends, without building wire events
 * or shuffling: each dossier's events in the order they happened. For loading tens of millions of events;
 * `days` picks the day indexes (0 = `from`) to visit, so workers can share a history. Each day is generated
 * twice: once to count its events (the delivery draws come after them in the day's random stream), once to
 * visit them.
 */
export function visitProvinceHistory(
  options: HistoryOptions & { days?: (dayIndex: number) => boolean },
  visitor: HistoryVisitor,
): { days: number; dossiers: number; events: number } {
  const province = syntheticProvince(options.seed);
  const first = localMidnightUtc(options.from);
  const last = localMidnightUtc(options.to);
  const duplicateShare = options.duplicateShare ?? 0.01;
  const resendShare = options.resendShare ?? 0.005;
  const scratch = blankEvent();
  const delivery: HistoryDelivery = { duplicate: false, resent: false };
  const totals = { days: 0, dossiers: 0, events: 0 };
  for (let midnight = first; midnight <= last; midnight += DAY) {
    const dayIndex = Math.round((midnight - first) / DAY);
    if (options.days && !options.days(dayIndex)) continue;
    const monthsIn = dayIndex / 30;
    const lifecycle = { startsAt: 0, now: options.now, monthsIn };
    let random = seededRandom(options.seed * 100_003 + dayIndex);
    let events = 0;
    const count = () => void events++;
    startsOfDay(midnight, dayIndex, options, random, (_index, startsAt) => {
      lifecycle.startsAt = startsAt;
      dossierLifecycleEvents(province, random, lifecycle, count, scratch);
    });
    const deliveries = new Uint8Array(events);
    for (let index = 0; index < events; index++) {
      deliveries[index] = (random() < duplicateShare ? 1 : 0) | (random() < resendShare ? 2 : 0);
    }

    random = seededRandom(options.seed * 100_003 + dayIndex);
    const date = dayCode(midnight);
    let index = 0;
    let code = '';
    const visit = (event: LifecycleEvent) => {
      delivery.duplicate = (deliveries[index] & 1) !== 0;
      delivery.resent = (deliveries[index] & 2) !== 0;
      index++;
      visitor.event(code, event, delivery);
    };
    startsOfDay(midnight, dayIndex, options, random, (dossierIndex, startsAt) => {
      code = dossierCode(date, dossierIndex);
      lifecycle.startsAt = startsAt;
      visitor.dossier?.(code, startsAt);
      totals.dossiers++;
      dossierLifecycleEvents(province, random, lifecycle, visit, scratch);
    });
    totals.days++;
    totals.events += events;
  }
  return totals;
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
