import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * `late_event_firsts`, rebuilt with each dossier snapshot (docs/indicators.md, "How the engine reads it fast"):
 * for every event with a copy in `late_arrivals`, the first arrival of any of its copies and the day it happened
 * (both as `dossier_event_facts` keeps them), with its dossier as the snapshot has it. A first arrival never
 * changes once a copy is stored (a later copy arrives later), so the late events of a period are read from here
 * by the day they happened; only events whose late copies all arrived after the build, and dossiers changed
 * after the watermark, are still looked up in full.
 */
export const lateEventFirstsMigration: ClickHouseMigration = {
  version: 6,
  name: 'late-event-firsts',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.late_event_firsts
    (
      source LowCardinality(String),
      dossier_code String,
      event_id String,
      occurred_date Date32 COMMENT 'local day it happened',
      first_ingested_at DateTime64(3, 'UTC'),
      dossier_received UInt8 COMMENT 'the dossier is in the snapshot built with this table',
      agency_code LowCardinality(String),
      procedure_code LowCardinality(String)
    )
    ENGINE = MergeTree
    ORDER BY (occurred_date, source, dossier_code, event_id)
    COMMENT 'rebuilt with dossier_snapshot: first arrival of every event with a late copy'`,
  ],
};
