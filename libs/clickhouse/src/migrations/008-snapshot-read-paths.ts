import { ClickHouseMigration } from '../clickhouse-migration';

const TIME = `DateTime64(3, 'UTC')`;

/**
 * Read paths of a snapshot build sized to the statements that read them (docs/indicators.md, "How the engine
 * reads it fast"):
 * - `dossier_agency_day_counts`: a build's `dossier_day_counts` summed over the procedures. A statement that
 *   neither narrows to nor groups by a procedure or a field reads these: one row per day, agency and class
 *   instead of one per offering, tens of times fewer rows.
 * - `dossier_day_counts` sorted by class before the day, so a statement that counts one class (the online
 *   receipts of `services.uptake`) reads its rows only.
 * - `dossier_snapshot` sorted by the day each dossier stops being open (resolved or closed), so "open at" reads
 *   only the dossiers still open then; it is read for little else since the day counts.
 * The sort orders change by recreating the tables. What they held is derived data: every build table is emptied,
 * the build records too, and the next build refills them.
 */
export const snapshotReadPathsMigration: ClickHouseMigration = {
  version: 8,
  name: 'snapshot-read-paths',
  statements: [
    `DROP TABLE IF EXISTS {db}.dossier_snapshot`,
    `CREATE TABLE {db}.dossier_snapshot
    (
      build_id UInt64,
      source LowCardinality(String),
      dossier_code String,
      received_at ${TIME},
      received_date Date32,
      channel LowCardinality(String),
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String),
      due_at ${TIME},
      due_date Date32,
      resolved_at ${TIME},
      resolved_date Date32,
      closed_at ${TIME},
      closed_date Date32,
      returned_at ${TIME},
      returned_date Date32,
      return_channel LowCardinality(String),
      paid_at ${TIME},
      paid_date Date32,
      payment_method LowCardinality(String),
      -- Receipt precedes the end of a dossier by days or weeks, so granules sorted by that end have narrow
      -- ranges of receipt days too: this prunes "open at" a moment long past.
      INDEX received_date_range received_date TYPE minmax GRANULARITY 1,
      INDEX resolved_date_range resolved_date TYPE minmax GRANULARITY 1,
      INDEX closed_date_range closed_date TYPE minmax GRANULARITY 1,
      INDEX returned_date_range returned_date TYPE minmax GRANULARITY 1,
      INDEX paid_date_range paid_date TYPE minmax GRANULARITY 1,
      -- The rows of given dossiers, for taking back what the snapshot says about the dossiers changed since.
      PROJECTION by_dossier (SELECT * ORDER BY source, dossier_code)
    )
    ENGINE = MergeTree
    PARTITION BY build_id
    -- The day a dossier stops being open first: "open at" a moment reads the dossiers still open then, a range.
    ORDER BY (least(resolved_date, closed_date), received_date, agency_code)
    COMMENT 'dossier_state folded and flattened at a build''s watermark, one partition per build'`,
    `DROP TABLE IF EXISTS {db}.dossier_day_counts`,
    `CREATE TABLE {db}.dossier_day_counts
    (
      build_id UInt64,
      anchor LowCardinality(String) COMMENT 'received, resolved, paid, returned or overdue_open',
      day Date32 COMMENT 'local day of the anchor; for overdue_open the first day open past due',
      until Date32 COMMENT 'the anchor day; for overdue_open the last day open past due',
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String),
      class LowCardinality(String) COMMENT 'channel, on-time class, payment method or return channel',
      dossiers UInt64
    )
    ENGINE = MergeTree
    PARTITION BY build_id
    ORDER BY (anchor, class, day, agency_code, procedure_code)
    COMMENT 'the snapshot of a build counted per anchor day, agency, procedure and class'`,
    `CREATE TABLE IF NOT EXISTS {db}.dossier_agency_day_counts
    (
      build_id UInt64,
      anchor LowCardinality(String) COMMENT 'as in dossier_day_counts',
      day Date32,
      until Date32,
      agency_code LowCardinality(String),
      class LowCardinality(String),
      dossiers UInt64
    )
    ENGINE = MergeTree
    PARTITION BY build_id
    ORDER BY (anchor, day, agency_code, class)
    COMMENT 'dossier_day_counts of a build summed over the procedures'`,
    `TRUNCATE TABLE {db}.late_event_firsts`,
    `TRUNCATE TABLE {db}.late_event_counts`,
    // Builds recorded before this migration name rows that are gone.
    `TRUNCATE TABLE {db}.dossier_snapshot_builds`,
  ],
};
