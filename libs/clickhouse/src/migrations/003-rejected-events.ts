import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * A durable record of every item the ingestion pipeline rejected, over Kafka (which also dead-letters it) and
 * over HTTP (which also tells the caller), written in the same step as the valid events of the batch.
 *
 * Counting rule: count rejections with uniqExact(rejection_id). A Kafka message is identified by its topic,
 * partition and offset, so a batch delivered again after a failure or a crash records the same ids (collapsed
 * by merges, and by uniqExact before that); an HTTP item gets a fresh id, so every rejected item sent counts.
 * The payload is kept only in part (the first 4 KiB) and only for 180 days: it may hold anything a vendor sent.
 */
export const rejectedEventsMigration: ClickHouseMigration = {
  version: 3,
  name: 'rejected-events',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.rejected_events
    (
      rejected_at DateTime64(3, 'UTC'),
      rejection_id String COMMENT 'kafka:<topic>:<partition>:<offset>, or http:<uuid> (one per item sent)',
      via LowCardinality(String) COMMENT 'kafka or http',
      step LowCardinality(String) COMMENT 'pipeline step that rejected it: parse, validate',
      reason LowCardinality(String) COMMENT 'empty_message, invalid_json, schema_violation',
      errors Array(String),
      event_id Nullable(String) COMMENT 'when the payload parsed and carried a string eventId',
      source Nullable(String) COMMENT 'when the payload parsed and carried a string source',
      kafka_topic LowCardinality(Nullable(String)),
      kafka_partition Nullable(Int32),
      kafka_offset Nullable(Int64),
      payload String COMMENT 'the first 4 KiB of the payload as UTF-8, cut on a character boundary',
      payload_bytes UInt32 COMMENT 'size of the whole payload in bytes'
    )
    ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(rejected_at)
    ORDER BY (via, step, reason, rejection_id)
    TTL toDateTime(rejected_at) + INTERVAL 180 DAY`,
  ],
};
