import { provinceHistory, WireEvent } from '@dvc/synthetic-province';

/** A slice of the synthetic province's event stream: what vendors would send, duplicates and all. */
export interface Workload {
  events: WireEvent[];
  /** Distinct (source, eventId): what ends up in dossier_events once duplicates are dropped. */
  distinct: number;
  /** Mean size of one event as JSON, in bytes. */
  meanEventBytes: number;
  /** Local days on which the included dossiers started. */
  firstDay: string;
  lastDay: string;
}

const DAY = 86_400_000;

/**
 * The first `count` events of a deterministic province history starting 2025-01-01, at `dossiersPerDay`
 * (about 7 events per dossier; ~1% delivered twice with the same id, ~0.5% re-sent under a new id).
 */
export function syntheticWorkload(count: number, seed: number, dossiersPerDay = 2_000): Workload {
  const from = '2025-01-01';
  const to = new Date(Date.parse(from) + 3650 * DAY).toISOString().slice(0, 10);
  const events: WireEvent[] = [];
  let days = 0;
  for (const day of provinceHistory({ seed, from, to, dossiersPerDay, now: Date.parse('2036-01-01') })) {
    days++;
    for (const event of day) {
      if (events.length === count) break;
      events.push(event);
    }
    if (events.length === count) break;
  }
  const lastDay = new Date(Date.parse(from) + (days - 1) * DAY).toISOString().slice(0, 10);
  const keys = new Set(events.map((event) => `${String(event.source)}\0${String(event.eventId)}`));
  let bytes = 0;
  for (let index = 0; index < events.length; index += 97)
    bytes += Buffer.byteLength(JSON.stringify(events[index]));
  return {
    events,
    distinct: keys.size,
    meanEventBytes: Math.round(bytes / Math.ceil(events.length / 97)),
    firstDay: from,
    lastDay,
  };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let offset = 0; offset < items.length; offset += size) chunks.push(items.slice(offset, offset + size));
  return chunks;
}

export const toNdjson = (events: readonly WireEvent[]) =>
  events.map((event) => JSON.stringify(event)).join('\n');
