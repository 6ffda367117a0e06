import { localDateOf } from './local-calendar';

/**
 * Whether a period ending on `lastDay` can have late events. An event is late when it was first ingested after
 * its period's last day: a report made then missed it. That needs the store to have been receiving events by then
 * (its first arrival on or before the last day); a period that had ended before the first event arrived is
 * history loaded afterwards (a first start, a back-fill), for which no report could have been made, so nothing
 * in it arrived late for one.
 */
export function periodCanHaveLateEvents(lastDay: string, eventStoreStart: Date | null): boolean {
  return eventStoreStart !== null && localDateOf(eventStoreStart) <= lastDay;
}
