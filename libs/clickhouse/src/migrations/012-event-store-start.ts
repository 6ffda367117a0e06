import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * When the event store received its first event: periods that ended before it can have no late events (history
 * loaded afterwards, for which no report could have been made; docs/domain.md). One row per insert, folded by
 * `min`, so reading it costs nothing whatever the store holds.
 */
export const eventStoreStartMigration: ClickHouseMigration = {
  version: 12,
  name: 'event-store-start',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.event_store_start
    (
      first_ingested_at SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
    )
    ENGINE = AggregatingMergeTree
    ORDER BY tuple()
    COMMENT 'the first arrival of any event: min over every insert'`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.event_store_start_mv TO {db}.event_store_start AS
    SELECT min(ingested_at) AS first_ingested_at FROM {db}.dossier_events`,
    `INSERT INTO {db}.event_store_start
    SELECT min(ingested_at) FROM {db}.dossier_events HAVING count() > 0`,
  ],
};
