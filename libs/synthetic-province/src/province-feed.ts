import { WireEvent } from './dossier-lifecycle';
import { Province, syntheticProvince } from './province';
import { dayOfEvents, localMidnightUtc } from './synthetic-feed';

const DAY = 86_400_000;
const LOCAL_OFFSET = 7 * 3_600_000;

export interface ProvinceFeedOptions {
  seed: number;
  dossiersPerDay: number;
  /** Local days of history before today's: the first `advance` hands them over at once. */
  historyDays: number;
  duplicateShare?: number;
  resendShare?: number;
}

interface PendingEvent {
  at: number;
  event: WireEvent;
}

/**
 * The synthetic province as it happens, for the demo: every dossier's whole lifecycle is drawn when its day
 * begins (the same as `provinceHistory`'s for that calendar day, so a restart re-sends only duplicates), and
 * each event is handed over once its moment has come. A dossier received yesterday is resolved next week,
 * today's dossiers arrive through the working day, so the figures look the same day after day.
 */
export class ProvinceFeed {
  private readonly province: Province;
  /** Events drawn but not yet happened, earliest first. */
  private pending: PendingEvent[] = [];
  /** UTC ms of the local midnight of the first day not drawn yet. */
  private nextDay: number | null = null;

  constructor(private readonly options: ProvinceFeedOptions) {
    this.province = syntheticProvince(options.seed);
  }

  /**
   * What happened by `now` and was not handed over yet, in delivery batches: on the first call the history,
   * one batch per day (shuffled, with duplicates and re-sends, as vendors deliver); later, one batch of the
   * events whose moment has come since, in the order they happened.
   */
  advance(now: number): WireEvent[][] {
    const batches: WireEvent[][] = [];
    const first = this.nextDay === null;
    this.nextDay ??= localMidnightUtc(localDate(now - this.options.historyDays * DAY));
    let drawn = false;
    for (; this.nextDay <= now; this.nextDay += DAY) {
      const happened: WireEvent[] = [];
      for (const event of dayOfEvents(this.province, this.nextDay, { ...this.options, now: Infinity })) {
        const at = Date.parse(String(event.occurredAt));
        if (first && at <= now) happened.push(event);
        else this.pending.push({ at, event });
      }
      if (happened.length) batches.push(happened);
      drawn = true;
    }
    if (drawn) this.pending.sort((left, right) => left.at - right.at);
    let due = 0;
    while (due < this.pending.length && this.pending[due].at <= now) due++;
    if (due > 0) batches.push(this.pending.splice(0, due).map((pending) => pending.event));
    return batches;
  }

  /** Events drawn that have not happened yet. */
  get pendingEvents(): number {
    return this.pending.length;
  }
}

const localDate = (utcMs: number) => new Date(utcMs + LOCAL_OFFSET).toISOString().slice(0, 10);
