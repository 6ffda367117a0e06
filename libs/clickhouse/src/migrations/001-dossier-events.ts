import { ClickHouseMigration, LOCAL_TIME_ZONE } from '../clickhouse-migration';

/**
 * Raw events plus the first per-dossier fact table.
 *
 * Counting rule: indicators count dossiers, not events. `dossier_intake` keeps one row per dossier
 * (ReplacingMergeTree keyed by source + dossier code) and is read with FINAL, so however many times an intake
 * event is inserted (redelivery, duplicates, re-sends under new ids) the dossier is counted once, with the
 * values of its latest intake event. The version packs occurredAt (ms) with a hash of the event id, so ties
 * at the same millisecond resolve the same way whatever order the events arrived in.
 */
export const dossierEventsMigration: ClickHouseMigration = {
  version: 1,
  name: 'dossier-events',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.dossier_events
    (
      source LowCardinality(String),
      event_id String,
      type LowCardinality(String),
      status_code Nullable(UInt8),
      occurred_at DateTime64(3, 'UTC'),
      dossier_code String,
      procedure_code LowCardinality(String),
      agency_code LowCardinality(String),
      channel LowCardinality(String),
      due_at Nullable(DateTime64(3, 'UTC')),
      fee Nullable(UInt64),
      payment_method LowCardinality(String),
      payment_amount Nullable(UInt64),
      outcome LowCardinality(String),
      electronic_result Nullable(Bool),
      return_channel LowCardinality(String),
      to_agency_code LowCardinality(String),
      ingested_at DateTime64(3, 'UTC'),
      ingested_via LowCardinality(String)
    )
    ENGINE = ReplacingMergeTree
    PARTITION BY toYear(occurred_at)
    ORDER BY (source, dossier_code, event_id)`,

    `CREATE TABLE IF NOT EXISTS {db}.dossier_intake
    (
      source LowCardinality(String),
      dossier_code String,
      version UInt64,
      received Bool COMMENT 'false: refused at intake',
      channel LowCardinality(String),
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String),
      received_at DateTime64(3, 'UTC'),
      received_date Date COMMENT 'calendar day in ${LOCAL_TIME_ZONE}',
      due_at Nullable(DateTime64(3, 'UTC')),
      fee Nullable(UInt64)
    )
    ENGINE = ReplacingMergeTree(version)
    ORDER BY (source, dossier_code)`,

    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.dossier_intake_mv TO {db}.dossier_intake AS
    SELECT
      source,
      dossier_code,
      toUInt64(toUnixTimestamp64Milli(occurred_at)) * 1048576 + cityHash64(event_id) % 1048576 AS version,
      type = 'received' AS received,
      channel,
      agency_code,
      procedure_code,
      occurred_at AS received_at,
      toDate(occurred_at, '${LOCAL_TIME_ZONE}') AS received_date,
      due_at,
      fee
    FROM {db}.dossier_events
    WHERE type IN ('received', 'refused')`,
  ],
};
