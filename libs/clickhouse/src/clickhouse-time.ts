/** ClickHouse's DateTime64 text form, in UTC: `2026-03-02 02:00:00.000`. */
export function toClickHouseTime(instant: string | number | Date): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** The instant (ms since the epoch) of ClickHouse's DateTime64 text form in UTC, as `toClickHouseTime` writes it. */
export function fromClickHouseTime(time: string): number {
  const instant = Date.parse(`${time.replace(' ', 'T')}Z`);
  if (Number.isNaN(instant)) throw new Error(`not a ClickHouse UTC time: "${time}"`);
  return instant;
}
