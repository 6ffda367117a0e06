import { ClickHouseMigration } from '../clickhouse-migration';

const CORRECTION_TABLES = [
  'dossier_correction_sets',
  'dossier_fact_corrections',
  'dossier_day_count_corrections',
  'late_event_corrections',
];
const BUILD_TABLES = [
  'dossier_snapshot',
  'late_event_firsts',
  'dossier_day_counts',
  'dossier_agency_day_counts',
  'late_event_counts',
];

/**
 * Bounded disk (issue 20 item 3; libs/indicators/src/read-model/README.md, "Where the bytes go"):
 * - Correction sets are read for 10 minutes after they are made (`CORRECTION_SET_READABLE_SECONDS`; a query
 *   reads the set for the changes as they stand, or with maxLag the newest prepared one, so an older set is
 *   never picked again) and their rows go 20 minutes after, not 2 hours. A set is made every few seconds while
 *   events arrive, each with every dossier changed since the build, so these tables were the data folder's
 *   largest after an hour of bursts. `merge_with_ttl_timeout` (4 hours by default) lets expired rows go
 *   within 5 minutes instead of at the next TTL merge hours later.
 * - Parts merged away or dropped (a superseded build's partition, a merged correction part) are removed after
 *   a minute instead of 8 (`old_parts_lifetime`): these tables hold derived data, rebuilt or remade whole, and
 *   are written every few seconds, so the inactive parts kept for a crash before an fsync were as large as the
 *   active ones.
 */
export const boundedReadModelMigration: ClickHouseMigration = {
  version: 15,
  name: 'bounded-read-model',
  statements: [
    ...CORRECTION_TABLES.flatMap((table) => [
      `ALTER TABLE {db}.${table} MODIFY TTL created_at + INTERVAL 20 MINUTE`,
      `ALTER TABLE {db}.${table} MODIFY SETTING merge_with_ttl_timeout = 300, old_parts_lifetime = 60`,
    ]),
    ...BUILD_TABLES.map((table) => `ALTER TABLE {db}.${table} MODIFY SETTING old_parts_lifetime = 60`),
  ],
};
