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

export const localMidnightUtc = (date: string) => Date.parse(`${date}T00:00:00Z`) - LOCAL_OFFSET;

/**
 * A province's event stream, one local day of dossier starts at a time, deterministic for a seed. Within a
 * day the events are shuffled (vendors deliver out of order) and some arrive twice or re-sent under a new id.
 */
export function* provinceHistory(options: HistoryOptions): Generator<WireEvent[]> {
  const province = syntheticProvince(options.seed);
  const first = localMidnightUtc(options.from);
  const last = localMidnightUtc(options.to);
  for (let midnight = first; midnight <= last; midnight += DAY) {
    yield dayOfEvents(province, midnight, options);
  }
}

/** A local day's dossiers, shuffled with their duplicates and re-sends; the same for the same seed and day. */
export function dayOfEvents(
  province: Province,
  midnight: number,
  options: Pick<HistoryOptions, 'seed' | 'dossiersPerDay' | 'now' | 'duplicateShare' | 'resendShare'>,
): WireEvent[] {
  const random = daysRandom(options.seed, midnight);
  const date = dayCode(midnight);
  const events: WireEvent[] = [];
  const monthOfYear = monthOfYearAt(midnight);
  startsOfDay(midnight, options, random, (index, startsAt) => {
    const code = dossierCode(date, index);
    events.push(...dossierLifecycle(province, random, code, { startsAt, now: options.now, monthOfYear }));
  });
  return messUp(events, random, options);
}

/** Each local day has its own random stream, seeded by the calendar day: any run gives that day the same dossiers. */
const daysRandom = (seed: number, midnight: number) =>
  seededRandom(seed * 100_003 + Math.round((midnight + LOCAL_OFFSET) / DAY));

function monthOfYearAt(midnight: number): number {
  const local = new Date(midnight + LOCAL_OFFSET);
  return local.getUTCMonth() + (local.getUTCDate() - 1) / 31;
}

/**
 * How a working day's dossiers spread over its hours (local time, from 07:30 to 17:00): a morning peak, a lunch
 * lull, a smaller afternoon peak, as one-stop-shop counters see them.
 */
export const OFFICE_HOURS_PROFILE: readonly { from: number; to: number; weight: number }[] = [
  { from: 7.5, to: 8, weight: 0.5 },
  { from: 8, to: 9, weight: 1.3 },
  { from: 9, to: 10, weight: 1.5 },
  { from: 10, to: 11, weight: 1.3 },
  { from: 11, to: 11.5, weight: 0.7 },
  { from: 11.5, to: 13.5, weight: 0.15 },
  { from: 13.5, to: 14, weight: 0.8 },
  { from: 14, to: 15, weight: 1.1 },
  { from: 15, to: 16, weight: 1 },
  { from: 16, to: 17, weight: 0.6 },
];
const PROFILE_TOTAL = OFFICE_HOURS_PROFILE.reduce(
  (sum, slot) => sum + slot.weight * (slot.to - slot.from),
  0,
);

/** A local hour of the day drawn from the office-hours profile. */
function officeHour(random: () => number): number {
  let mass = random() * PROFILE_TOTAL;
  for (const slot of OFFICE_HOURS_PROFILE) {
    const slotMass = slot.weight * (slot.to - slot.from);
    if (mass < slotMass) return slot.from + mass / slot.weight;
    mass -= slotMass;
  }
  return OFFICE_HOURS_PROFILE[OFFICE_HOURS_PROFILE.length - 1].to - 1e-9;
}

/** Draws how many dossiers start on a day (fewer at weekends), then each one's start by the office-hours profile. */
function startsOfDay(
  midnight: number,
  options: Pick<HistoryOptions, 'dossiersPerDay' | 'now'>,
  random: () => number,
  visit: (index: number, startsAt: number) => void,
): void {
  const weekday = new Date(midnight + LOCAL_OFFSET).getUTCDay();
  const volume = weekday === 0 ? 0.1 : weekday === 6 ? 0.3 : 1;
  const count = Math.round(options.dossiersPerDay * volume * (0.9 + random() * 0.2));
  for (let index = 0; index < count; index++) {
    const startsAt = midnight + officeHour(random) * 3_600_000;
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
    const lifecycle = { startsAt: 0, now: options.now, monthOfYear: monthOfYearAt(midnight) };
    let random = daysRandom(options.seed, midnight);
    let events = 0;
    const count = () => void events++;
    startsOfDay(midnight, options, random, (_index, startsAt) => {
      lifecycle.startsAt = startsAt;
      dossierLifecycleEvents(province, random, lifecycle, count, scratch);
    });
    const deliveries = new Uint8Array(events);
    for (let index = 0; index < events; index++) {
      deliveries[index] = (random() < duplicateShare ? 1 : 0) | (random() < resendShare ? 2 : 0);
    }

    random = daysRandom(options.seed, midnight);
    const date = dayCode(midnight);
    let index = 0;
    let code = '';
    const visit = (event: LifecycleEvent) => {
      delivery.duplicate = (deliveries[index] & 1) !== 0;
      delivery.resent = (deliveries[index] & 2) !== 0;
      index++;
      visitor.event(code, event, delivery);
    };
    startsOfDay(midnight, options, random, (dossierIndex, startsAt) => {
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

function messUp(
  events: WireEvent[],
  random: () => number,
  options: Pick<HistoryOptions, 'duplicateShare' | 'resendShare'>,
): WireEvent[] {
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
