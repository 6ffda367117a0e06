import { ClickHouseMigration } from '../clickhouse-migration';

const TIME = `DateTime64(3, 'UTC')`;
/** A set stays readable for an hour (queries pick younger sets only); its rows go an hour after that. */
const EXPIRY = `TTL created_at + INTERVAL 2 HOUR`;

/**
 * Correction sets (docs/indicators.md, "How the engine reads it fast"): what the dossiers changed since a
 * snapshot build's watermark take back from the build and add anew, written once for every query that reads the
 * same build and the same changes. Each set holds, for the changed dossiers, the day counts (per procedure), the
 * snapshot rows (with a weight) and the late-event counts, netted: a dossier whose re-sent events changed nothing
 * leaves no row. A set is recorded last, so a statement that picked it reads all of it. Sets expire by TTL.
 */
export const snapshotCorrectionsMigration: ClickHouseMigration = {
  version: 9,
  name: 'snapshot-corrections',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.dossier_correction_sets
    (
      set_id UInt64,
      build_id UInt64,
      touches UInt64 COMMENT 'rows of dossier_touches past the build''s watermark when the set was made',
      touched_until ${TIME} COMMENT 'the latest of those rows',
      created_at DateTime DEFAULT now()
    )
    ENGINE = MergeTree
    ORDER BY (build_id, touches, touched_until)
    ${EXPIRY}
    COMMENT 'correction sets written whole, by the build and the changes they cover'`,
    `CREATE TABLE IF NOT EXISTS {db}.dossier_day_count_corrections
    (
      set_id UInt64,
      anchor LowCardinality(String),
      day Date32,
      until Date32,
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String),
      class LowCardinality(String),
      weight Int64 COMMENT 'dossiers to add (negative: to take back)',
      created_at DateTime DEFAULT now()
    )
    ENGINE = MergeTree
    ORDER BY (set_id, anchor, day)
    ${EXPIRY}
    COMMENT 'dossier_day_counts rows that the changes of a set add or take back'`,
    `CREATE TABLE IF NOT EXISTS {db}.dossier_fact_corrections
    (
      set_id UInt64,
      weight Int64 COMMENT '1: the dossier as it is now; -1: as the snapshot has it',
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
      created_at DateTime DEFAULT now()
    )
    ENGINE = MergeTree
    ORDER BY set_id
    ${EXPIRY}
    COMMENT 'dossier_snapshot rows that the changes of a set add or take back'`,
    `CREATE TABLE IF NOT EXISTS {db}.late_event_corrections
    (
      set_id UInt64,
      occurred_date Date32,
      first_ingested_date Date32,
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String),
      events Int64,
      created_at DateTime DEFAULT now()
    )
    ENGINE = MergeTree
    ORDER BY (set_id, occurred_date)
    ${EXPIRY}
    COMMENT 'late_event_counts rows that the changes of a set add or take back'`,
  ],
};
