import { ClickHouseMigration } from '../clickhouse-migration';

const TIME = `DateTime64(3, 'UTC')`;

/**
 * Snapshot builds side by side (docs/indicators.md, "How the engine reads it fast"): `dossier_snapshot`,
 * `late_event_firsts` and the new `dossier_day_counts` and `late_event_counts` keep each build in a partition of
 * its own, named by the build id recorded in `dossier_snapshot_builds` once all four are written. A query reads
 * the tables of the one build it picked, so counts, dossier rows and late events always agree; builds before the
 * last three are dropped. What the tables held is derived data: they are recreated empty and the next build
 * refills them.
 */
export const snapshotBuildsMigration: ClickHouseMigration = {
  version: 7,
  name: 'snapshot-builds',
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
      -- Resolution, return and payment follow receipt by days or weeks, so granules sorted by receipt day have
      -- narrow ranges of them too: these prune the statements anchored on those days and "open at".
      INDEX resolved_date_range resolved_date TYPE minmax GRANULARITY 1,
      INDEX closed_date_range closed_date TYPE minmax GRANULARITY 1,
      INDEX returned_date_range returned_date TYPE minmax GRANULARITY 1,
      INDEX paid_date_range paid_date TYPE minmax GRANULARITY 1,
      -- The rows of given dossiers, for taking back what the snapshot says about the dossiers changed since.
      PROJECTION by_dossier (SELECT * ORDER BY source, dossier_code)
    )
    ENGINE = MergeTree
    PARTITION BY build_id
    ORDER BY (received_date, agency_code, procedure_code)
    COMMENT 'dossier_state folded and flattened at a build''s watermark, one partition per build'`,
    `DROP TABLE IF EXISTS {db}.late_event_firsts`,
    `CREATE TABLE {db}.late_event_firsts
    (
      build_id UInt64,
      source LowCardinality(String),
      dossier_code String,
      event_id String,
      occurred_date Date32 COMMENT 'local day it happened',
      first_ingested_at ${TIME},
      dossier_received UInt8 COMMENT 'the dossier is in the snapshot of the same build',
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String),
      -- The rows of given dossiers, for taking back what the build says about the dossiers changed since.
      PROJECTION by_dossier (SELECT * ORDER BY source, dossier_code)
    )
    ENGINE = MergeTree
    PARTITION BY build_id
    ORDER BY (occurred_date, source, dossier_code, event_id)
    COMMENT 'first arrival of every event with a late copy, one partition per snapshot build'`,
    `CREATE TABLE IF NOT EXISTS {db}.dossier_day_counts
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
    ORDER BY (anchor, day, agency_code, procedure_code, class)
    COMMENT 'the snapshot of a build counted per anchor day, agency, procedure and class'`,
    `CREATE TABLE IF NOT EXISTS {db}.late_event_counts
    (
      build_id UInt64,
      occurred_date Date32 COMMENT 'local day the events happened',
      first_ingested_date Date32 COMMENT 'local day the first copy of each arrived',
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String),
      events UInt64
    )
    ENGINE = MergeTree
    PARTITION BY build_id
    ORDER BY (occurred_date, first_ingested_date, agency_code, procedure_code)
    COMMENT 'late_event_firsts of a build for received dossiers, counted per day, arrival day, agency and procedure'`,
    `ALTER TABLE {db}.dossier_snapshot_builds ADD COLUMN IF NOT EXISTS build_id UInt64`,
    // Builds recorded before this migration name rows that are gone.
    `TRUNCATE TABLE {db}.dossier_snapshot_builds`,
  ],
};
