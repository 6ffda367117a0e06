/** ClickHouse's DateTime64 text form, in UTC: `2026-03-02 02:00:00.000`. */
export function toClickHouseTime(instant: string | number | Date): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
