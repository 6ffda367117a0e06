import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * A correction set checks whether any changed dossier has a late copy before looking late events up
 * (docs/indicators.md, "How the engine reads it fast"). The copies ingested by the build's watermark are in the
 * build's `late_event_firsts`; only the later ones are read from `late_arrivals`, whose granules this index
 * skips by arrival time, so the check does not grow with the late copies of the years before.
 */
export const lateArrivalTimesMigration: ClickHouseMigration = {
  version: 10,
  name: 'late-arrival-times',
  statements: [
    `ALTER TABLE {db}.late_arrivals ADD INDEX IF NOT EXISTS ingested_at_range ingested_at TYPE minmax GRANULARITY 1`,
    `ALTER TABLE {db}.late_arrivals MATERIALIZE INDEX ingested_at_range SETTINGS mutations_sync = 2`,
  ],
};
