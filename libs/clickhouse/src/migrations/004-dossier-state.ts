import { ClickHouseMigration } from '../clickhouse-migration';

const EPOCH = `toDateTime64(0, 3, 'UTC')`;
const NEVER = `toDateTime64('2299-12-31 00:00:00', 3, 'UTC')`;

/**
 * What one event says about its dossier, as the columns of `dossier_state` (docs/indicators.md, "From events
 * to dossiers"). An event that says nothing about a column gives the neutral value of its max / min: the epoch
 * or 2299. Ties at the same instant fall to the tuple's next elements, so arrival order never matters.
 */
const eventFacts = `
  source,
  dossier_code,
  if(type IN ('received', 'refused'),
     tuple(occurred_at, type, channel, agency_code, procedure_code),
     tuple(${EPOCH}, '', '', '', '')) AS intake,
  if(type IN ('received', 'supplement_received', 'rescheduled') AND due_at IS NOT NULL,
     tuple(occurred_at, assumeNotNull(due_at)),
     tuple(${EPOCH}, ${EPOCH})) AS due,
  if(type = 'resolved', occurred_at, ${NEVER}) AS resolved_at,
  if(type IN ('withdrawn', 'stopped'), occurred_at, ${NEVER}) AS closed_at,
  if(type = 'returned', tuple(occurred_at, return_channel), tuple(${NEVER}, '')) AS returned,
  if(type = 'paid' AND payment_amount > 0, tuple(occurred_at, payment_method), tuple(${NEVER}, '')) AS paid`;

/** The columns of `eventFacts`, each folded by the max or min its comment names. */
const factColumns = `
  intake SimpleAggregateFunction(max,
    Tuple(at DateTime64(3, 'UTC'), type String, channel String, agency_code String, procedure_code String))
    COMMENT 'latest received / refused event',
  due SimpleAggregateFunction(max, Tuple(at DateTime64(3, 'UTC'), due_at DateTime64(3, 'UTC')))
    COMMENT 'latest event carrying a due date',
  resolved_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')) COMMENT 'first resolved event; 2299: none',
  closed_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')) COMMENT 'first withdrawn / stopped event',
  returned SimpleAggregateFunction(min, Tuple(at DateTime64(3, 'UTC'), channel String)),
  paid SimpleAggregateFunction(min, Tuple(at DateTime64(3, 'UTC'), method String))
    COMMENT 'first payment of a non-zero amount'`;

/**
 * One row per dossier with everything the dossier indicators need, kept exact under a messy feed: each column
 * is a max or min over the dossier's events, and max / min do not care how often or in which order the
 * events arrive. Read with FINAL, which folds a dossier's rows into one at query time.
 *
 * `dossier_event_facts` is the same projection per event, with the event's first arrival, for `asOf` queries
 * and late-event counts: grouping it by dossier over the events ingested by a moment gives the state as it
 * stood then. It keeps the first arrival itself because `dossier_events` cannot: the pipeline writes a
 * redelivered event again, and its ReplacingMergeTree keeps the copy inserted last when it merges them.
 */
export const dossierStateMigration: ClickHouseMigration = {
  version: 4,
  name: 'dossier-state',
  statements: [
    `ALTER TABLE {db}.catalogue_agency_rollup ADD COLUMN IF NOT EXISTS distance UInt8 DEFAULT 0
      COMMENT 'steps from the unit''s own place (0: itself, or the unit it is restated to) up to ancestor_code'`,
    `CREATE TABLE IF NOT EXISTS {db}.dossier_state
    (
      source LowCardinality(String),
      dossier_code String,
      ${factColumns}
    )
    ENGINE = AggregatingMergeTree
    ORDER BY (source, dossier_code)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.dossier_state_mv TO {db}.dossier_state AS
    SELECT ${eventFacts} FROM {db}.dossier_events`,
    `INSERT INTO {db}.dossier_state SELECT ${eventFacts} FROM {db}.dossier_events`,
    // dossier_state supersedes the intake-only table of migration 001.
    `DROP VIEW IF EXISTS {db}.dossier_intake_mv`,
    `DROP TABLE IF EXISTS {db}.dossier_intake`,
    `CREATE TABLE IF NOT EXISTS {db}.dossier_event_facts
    (
      source LowCardinality(String),
      dossier_code String,
      event_id String,
      ingested_at SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
        COMMENT 'first arrival: a copy delivered again later does not move it',
      occurred_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
      ${factColumns}
    )
    ENGINE = AggregatingMergeTree
    ORDER BY (source, dossier_code, event_id)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.dossier_event_facts_mv TO {db}.dossier_event_facts AS
    SELECT event_id, ingested_at, occurred_at, ${eventFacts} FROM {db}.dossier_events`,
    `INSERT INTO {db}.dossier_event_facts
       (event_id, ingested_at, occurred_at, source, dossier_code, intake, due, resolved_at, closed_at, returned, paid)
    SELECT event_id, ingested_at, occurred_at, ${eventFacts} FROM {db}.dossier_events`,
  ],
};
