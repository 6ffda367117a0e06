import { ClickHouseMigration } from '../clickhouse-migration';

const TIME = `DateTime64(3, 'UTC')`;

/** A rebuild fills a copy (CREATE TABLE … AS) and swaps it in whole with REPLACE PARTITION. */
const snapshotTable = `CREATE TABLE IF NOT EXISTS {db}.dossier_snapshot
(
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
ORDER BY (received_date, agency_code, procedure_code)`;

/**
 * The dossier snapshot (docs/indicators.md, "How the engine reads it fast"): `dossier_state` folded and
 * flattened at a watermark, one row per received dossier, sorted by receipt day and agency, so a period or a
 * department reads only its own rows and no query pays for FINAL over every dossier. Queries add what changed
 * since: dossiers with an event ingested after the watermark (`dossier_touches`, sorted by ingestion) are taken
 * back out of the snapshot and read from `dossier_state` instead, so answers stay exact between rebuilds.
 *
 * `late_arrivals` keeps the events ingested on a later local day than they happened: only those can be late
 * for a period, so counting late events reads them instead of every event.
 */
export const dossierSnapshotMigration: ClickHouseMigration = {
  version: 5,
  name: 'dossier-snapshot',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.dossier_touches
    (
      ingested_at ${TIME},
      source LowCardinality(String),
      dossier_code String
    )
    ENGINE = MergeTree
    ORDER BY ingested_at
    COMMENT 'one row per event written: which dossier it touched, when'`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.dossier_touches_mv TO {db}.dossier_touches AS
    SELECT ingested_at, source, dossier_code FROM {db}.dossier_events`,
    `INSERT INTO {db}.dossier_touches SELECT ingested_at, source, dossier_code FROM {db}.dossier_events`,
    `CREATE TABLE IF NOT EXISTS {db}.late_arrivals
    (
      occurred_date Date32 COMMENT 'local day (Asia/Ho_Chi_Minh) the event happened',
      source LowCardinality(String),
      dossier_code String,
      event_id String,
      ingested_at ${TIME}
    )
    ENGINE = MergeTree
    ORDER BY (occurred_date, source, dossier_code, event_id)
    COMMENT 'copies of events ingested on a later local day than they happened'`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.late_arrivals_mv TO {db}.late_arrivals AS
    SELECT toDate32(occurred_at, 'Asia/Ho_Chi_Minh') AS occurred_date, source, dossier_code, event_id, ingested_at
    FROM {db}.dossier_events
    WHERE toDate32(ingested_at, 'Asia/Ho_Chi_Minh') > toDate32(occurred_at, 'Asia/Ho_Chi_Minh')`,
    `INSERT INTO {db}.late_arrivals
    SELECT toDate32(occurred_at, 'Asia/Ho_Chi_Minh') AS occurred_date, source, dossier_code, event_id, ingested_at
    FROM {db}.dossier_events
    WHERE toDate32(ingested_at, 'Asia/Ho_Chi_Minh') > toDate32(occurred_at, 'Asia/Ho_Chi_Minh')`,
    snapshotTable,
    `CREATE TABLE IF NOT EXISTS {db}.dossier_snapshot_builds
    (
      watermark ${TIME} COMMENT 'the snapshot holds every event ingested by then',
      built_at ${TIME},
      dossiers UInt64,
      build_ms UInt32
    )
    ENGINE = MergeTree
    ORDER BY watermark`,
  ],
};
