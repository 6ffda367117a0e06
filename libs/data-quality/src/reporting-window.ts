import { toClickHouseTime } from '@dvc/clickhouse';
/** Vietnam's offset from UTC: fixed since 1975, no daylight saving (see @dvc/indicators' local calendar). */
const LOCAL_OFFSET = '+07:00';
const DAY_MS = 86_400_000;

/** Half-open span of instants, in ClickHouse's UTC DateTime64 text form; null where unbounded. */
export interface InstantWindow {
  start: string | null;
  end: string | null;
}

const localMidnight = (date: string) => Date.parse(`${date}T00:00:00${LOCAL_OFFSET}`);

/**
 * The instants an inclusive span of local calendar days covers: from the local midnight that starts `from` up
 * to (excluding) the local midnight after `to`. Either end may be open.
 */
export function instantWindow(days: { from?: string; to?: string }): InstantWindow {
  return {
    start: days.from === undefined ? null : toClickHouseTime(localMidnight(days.from)),
    end: days.to === undefined ? null : toClickHouseTime(localMidnight(days.to) + DAY_MS),
  };
}

/** ClickHouse's UTC DateTime64 text (`2026-03-02 02:00:00.000`) as an ISO-8601 instant. */
export function isoFromClickHouseTime(value: string): string {
  return `${value.replace(' ', 'T')}Z`;
}
