-- The ClickHouse schema after every migration (libs/clickhouse/src/migrations): npm run schema:dump

CREATE TABLE {db}.catalogue_agencies
(
    `publication` UInt64,
    `code` String,
    `name` String,
    `kind` LowCardinality(String),
    `parent_code` Nullable(String),
    `valid_from` Date,
    `valid_to` Date,
    `current_code` String COMMENT 'the unit it is restated to under today\'s structure (itself if still in force)'
)
ENGINE = MergeTree
PARTITION BY publication
ORDER BY code
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.catalogue_agency_rollup
(
    `publication` UInt64,
    `structure` Enum8('reported' = 1, 'current' = 2),
    `ancestor_code` String,
    `agency_code` String COMMENT 'a code whose figures count under ancestor_code (ancestor_code itself included)',
    `distance` UInt8 DEFAULT 0 COMMENT 'steps from the unit\'s own place (0: itself, or the unit it is restated to) up to ancestor_code'
)
ENGINE = MergeTree
PARTITION BY publication
ORDER BY (structure, ancestor_code, agency_code)
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.catalogue_offering_levels
(
    `publication` UInt64,
    `procedure_code` String,
    `agency_code` String,
    `field` LowCardinality(String),
    `level` UInt8 COMMENT 'Decree 43/2011 level, 1-4',
    `mode` LowCardinality(String) COMMENT 'Decree 42/2022: none, partial (một phần), full (toàn trình)',
    `portal` Bool COMMENT 'integrated with the National Public Service Portal',
    `fee` Bool,
    `valid_from` Date,
    `valid_to` Date
)
ENGINE = MergeTree
PARTITION BY publication
ORDER BY (procedure_code, agency_code, valid_from)
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.catalogue_procedures
(
    `publication` UInt64,
    `code` String,
    `name` String,
    `field` LowCardinality(String),
    `valid_to` Date
)
ENGINE = MergeTree
PARTITION BY publication
ORDER BY code
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.catalogue_publications
(
    `publication` UInt64,
    `pg_revision` UInt64 COMMENT 'catalogue.revision in PostgreSQL when the copy was read',
    `published_at` DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY publication
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.dossier_agency_day_counts
(
    `build_id` UInt64,
    `anchor` LowCardinality(String) COMMENT 'as in dossier_day_counts',
    `day` Date32,
    `until` Date32,
    `agency_code` LowCardinality(String),
    `class` LowCardinality(String),
    `dossiers` UInt64
)
ENGINE = MergeTree
PARTITION BY build_id
ORDER BY (anchor, day, agency_code, class)
SETTINGS index_granularity = 8192, old_parts_lifetime = 60
COMMENT 'dossier_day_counts of a build summed over the procedures';

CREATE TABLE {db}.dossier_correction_sets
(
    `set_id` UInt64,
    `build_id` UInt64,
    `touches` UInt64 COMMENT 'rows of dossier_touches past the build\'s watermark when the set was made',
    `touched_until` DateTime64(3, 'UTC') COMMENT 'the latest of those rows',
    `created_at` DateTime DEFAULT now(),
    `cut` Bool DEFAULT false COMMENT 'true: the set holds exactly the events ingested by touched_until (prepared for maxLag queries)'
)
ENGINE = MergeTree
ORDER BY (build_id, touches, touched_until)
TTL created_at + toIntervalMinute(20)
SETTINGS index_granularity = 8192, merge_with_ttl_timeout = 300, old_parts_lifetime = 60
COMMENT 'correction sets written whole, by the build and the changes they cover';

CREATE TABLE {db}.dossier_day_count_corrections
(
    `set_id` UInt64,
    `anchor` LowCardinality(String),
    `day` Date32,
    `until` Date32,
    `agency_code` LowCardinality(String),
    `procedure_code` LowCardinality(String),
    `class` LowCardinality(String),
    `weight` Int64 COMMENT 'dossiers to add (negative: to take back)',
    `created_at` DateTime DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (set_id, anchor, day)
TTL created_at + toIntervalMinute(20)
SETTINGS index_granularity = 8192, merge_with_ttl_timeout = 300, old_parts_lifetime = 60
COMMENT 'dossier_day_counts rows that the changes of a set add or take back';

CREATE TABLE {db}.dossier_day_counts
(
    `build_id` UInt64,
    `anchor` LowCardinality(String) COMMENT 'received, resolved, paid, returned or overdue_open',
    `day` Date32 COMMENT 'local day of the anchor; for overdue_open the first day open past due',
    `until` Date32 COMMENT 'the anchor day; for overdue_open the last day open past due',
    `agency_code` LowCardinality(String),
    `procedure_code` LowCardinality(String),
    `class` LowCardinality(String) COMMENT 'channel, on-time class, payment method or return channel',
    `dossiers` UInt64
)
ENGINE = MergeTree
PARTITION BY build_id
ORDER BY (anchor, class, day, agency_code, procedure_code)
SETTINGS index_granularity = 8192, old_parts_lifetime = 60
COMMENT 'the snapshot of a build counted per anchor day, agency, procedure and class';

CREATE TABLE {db}.dossier_event_facts
(
    `source` LowCardinality(String),
    `dossier_code` String,
    `event_id` String,
    `ingested_at` SimpleAggregateFunction(min, DateTime64(3, 'UTC')) COMMENT 'first arrival: a copy delivered again later does not move it',
    `occurred_at` SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    `intake` SimpleAggregateFunction(max, Tuple(
        at DateTime64(3, 'UTC'),
        type String,
        channel String,
        agency_code String,
        procedure_code String)) COMMENT 'latest received / refused event',
    `due` SimpleAggregateFunction(max, Tuple(
        at DateTime64(3, 'UTC'),
        due_at DateTime64(3, 'UTC'))) COMMENT 'latest event carrying a due date',
    `resolved_at` SimpleAggregateFunction(min, DateTime64(3, 'UTC')) COMMENT 'first resolved event; 2299: none',
    `closed_at` SimpleAggregateFunction(min, DateTime64(3, 'UTC')) COMMENT 'first withdrawn / stopped event',
    `returned` SimpleAggregateFunction(min, Tuple(
        at DateTime64(3, 'UTC'),
        channel String)),
    `paid` SimpleAggregateFunction(min, Tuple(
        at DateTime64(3, 'UTC'),
        method String)) COMMENT 'first payment of a non-zero amount'
)
ENGINE = AggregatingMergeTree
ORDER BY (source, dossier_code, event_id)
SETTINGS index_granularity = 8192;

CREATE MATERIALIZED VIEW {db}.dossier_event_facts_mv TO {db}.dossier_event_facts
(
    `event_id` String,
    `ingested_at` DateTime64(3, 'UTC'),
    `occurred_at` DateTime64(3, 'UTC'),
    `source` LowCardinality(String),
    `dossier_code` String,
    `intake` Tuple(
        DateTime64(3, 'UTC'),
        String,
        String,
        String,
        String),
    `due` Tuple(
        DateTime64(3, 'UTC'),
        DateTime64(3, 'UTC')),
    `resolved_at` DateTime64(3, 'UTC'),
    `closed_at` DateTime64(3, 'UTC'),
    `returned` Tuple(
        DateTime64(3, 'UTC'),
        String),
    `paid` Tuple(
        DateTime64(3, 'UTC'),
        String)
)
AS SELECT
    event_id,
    ingested_at,
    occurred_at,
    source,
    dossier_code,
    if((type IN ('received', 'refused')), tuple(occurred_at, type, channel, agency_code, procedure_code), tuple(toDateTime64(0, 3, 'UTC'), '', '', '', '')) AS intake,
    if((type IN ('received', 'supplement_received', 'rescheduled')) AND (due_at IS NOT NULL), tuple(occurred_at, assumeNotNull(due_at)), tuple(toDateTime64(0, 3, 'UTC'), toDateTime64(0, 3, 'UTC'))) AS due,
    if(type = 'resolved', occurred_at, toDateTime64('2299-12-31 00:00:00', 3, 'UTC')) AS resolved_at,
    if((type IN ('withdrawn', 'stopped')), occurred_at, toDateTime64('2299-12-31 00:00:00', 3, 'UTC')) AS closed_at,
    if(type = 'returned', tuple(occurred_at, return_channel), tuple(toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '')) AS returned,
    if((type = 'paid') AND (payment_amount > 0), tuple(occurred_at, payment_method), tuple(toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '')) AS paid
FROM {db}.dossier_events;

CREATE TABLE {db}.dossier_events
(
    `source` LowCardinality(String),
    `event_id` String,
    `type` LowCardinality(String),
    `status_code` Nullable(UInt8),
    `occurred_at` DateTime64(3, 'UTC'),
    `dossier_code` String,
    `procedure_code` LowCardinality(String),
    `agency_code` LowCardinality(String),
    `channel` LowCardinality(String),
    `due_at` Nullable(DateTime64(3, 'UTC')),
    `fee` Nullable(UInt64),
    `payment_method` LowCardinality(String),
    `payment_amount` Nullable(UInt64),
    `outcome` LowCardinality(String),
    `electronic_result` Nullable(Bool),
    `return_channel` LowCardinality(String),
    `to_agency_code` LowCardinality(String),
    `ingested_at` DateTime64(3, 'UTC'),
    `ingested_via` LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYear(occurred_at)
ORDER BY (source, dossier_code, event_id)
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.dossier_fact_corrections
(
    `set_id` UInt64,
    `weight` Int64 COMMENT '1: the dossier as it is now; -1: as the snapshot has it',
    `source` LowCardinality(String),
    `dossier_code` String,
    `received_at` DateTime64(3, 'UTC'),
    `received_date` Date32,
    `channel` LowCardinality(String),
    `agency_code` LowCardinality(String),
    `procedure_code` LowCardinality(String),
    `due_at` DateTime64(3, 'UTC'),
    `due_date` Date32,
    `resolved_at` DateTime64(3, 'UTC'),
    `resolved_date` Date32,
    `closed_at` DateTime64(3, 'UTC'),
    `closed_date` Date32,
    `returned_at` DateTime64(3, 'UTC'),
    `returned_date` Date32,
    `return_channel` LowCardinality(String),
    `paid_at` DateTime64(3, 'UTC'),
    `paid_date` Date32,
    `payment_method` LowCardinality(String),
    `created_at` DateTime DEFAULT now()
)
ENGINE = MergeTree
ORDER BY set_id
TTL created_at + toIntervalMinute(20)
SETTINGS index_granularity = 8192, merge_with_ttl_timeout = 300, old_parts_lifetime = 60
COMMENT 'dossier_snapshot rows that the changes of a set add or take back';

CREATE TABLE {db}.dossier_snapshot
(
    `build_id` UInt64,
    `source` LowCardinality(String),
    `dossier_code` String,
    `received_at` DateTime64(3, 'UTC'),
    `received_date` Date32,
    `channel` LowCardinality(String),
    `agency_code` LowCardinality(String),
    `procedure_code` LowCardinality(String),
    `due_at` DateTime64(3, 'UTC'),
    `due_date` Date32,
    `resolved_at` DateTime64(3, 'UTC'),
    `resolved_date` Date32,
    `closed_at` DateTime64(3, 'UTC'),
    `closed_date` Date32,
    `returned_at` DateTime64(3, 'UTC'),
    `returned_date` Date32,
    `return_channel` LowCardinality(String),
    `paid_at` DateTime64(3, 'UTC'),
    `paid_date` Date32,
    `payment_method` LowCardinality(String),
    INDEX received_date_range received_date TYPE minmax GRANULARITY 1,
    INDEX resolved_date_range resolved_date TYPE minmax GRANULARITY 1,
    INDEX closed_date_range closed_date TYPE minmax GRANULARITY 1,
    INDEX returned_date_range returned_date TYPE minmax GRANULARITY 1,
    INDEX paid_date_range paid_date TYPE minmax GRANULARITY 1,
    PROJECTION by_dossier
    (
        SELECT *
        ORDER BY
            source,
            dossier_code
    )
)
ENGINE = MergeTree
PARTITION BY build_id
ORDER BY (least(resolved_date, closed_date), received_date, agency_code)
SETTINGS index_granularity = 8192, old_parts_lifetime = 60
COMMENT 'dossier_state folded and flattened at a build\'s watermark, one partition per build';

CREATE TABLE {db}.dossier_snapshot_builds
(
    `watermark` DateTime64(3, 'UTC') COMMENT 'the snapshot holds every event ingested by then',
    `built_at` DateTime64(3, 'UTC'),
    `dossiers` UInt64,
    `build_ms` UInt32,
    `build_id` UInt64
)
ENGINE = MergeTree
ORDER BY watermark
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.dossier_state
(
    `source` LowCardinality(String),
    `dossier_code` String,
    `intake` SimpleAggregateFunction(max, Tuple(
        at DateTime64(3, 'UTC'),
        type String,
        channel String,
        agency_code String,
        procedure_code String)) COMMENT 'latest received / refused event',
    `due` SimpleAggregateFunction(max, Tuple(
        at DateTime64(3, 'UTC'),
        due_at DateTime64(3, 'UTC'))) COMMENT 'latest event carrying a due date',
    `resolved_at` SimpleAggregateFunction(min, DateTime64(3, 'UTC')) COMMENT 'first resolved event; 2299: none',
    `closed_at` SimpleAggregateFunction(min, DateTime64(3, 'UTC')) COMMENT 'first withdrawn / stopped event',
    `returned` SimpleAggregateFunction(min, Tuple(
        at DateTime64(3, 'UTC'),
        channel String)),
    `paid` SimpleAggregateFunction(min, Tuple(
        at DateTime64(3, 'UTC'),
        method String)) COMMENT 'first payment of a non-zero amount'
)
ENGINE = AggregatingMergeTree
ORDER BY (source, dossier_code)
SETTINGS index_granularity = 8192;

CREATE MATERIALIZED VIEW {db}.dossier_state_mv TO {db}.dossier_state
(
    `source` LowCardinality(String),
    `dossier_code` String,
    `intake` Tuple(
        DateTime64(3, 'UTC'),
        String,
        String,
        String,
        String),
    `due` Tuple(
        DateTime64(3, 'UTC'),
        DateTime64(3, 'UTC')),
    `resolved_at` DateTime64(3, 'UTC'),
    `closed_at` DateTime64(3, 'UTC'),
    `returned` Tuple(
        DateTime64(3, 'UTC'),
        String),
    `paid` Tuple(
        DateTime64(3, 'UTC'),
        String)
)
AS SELECT
    source,
    dossier_code,
    if((type IN ('received', 'refused')), tuple(occurred_at, type, channel, agency_code, procedure_code), tuple(toDateTime64(0, 3, 'UTC'), '', '', '', '')) AS intake,
    if((type IN ('received', 'supplement_received', 'rescheduled')) AND (due_at IS NOT NULL), tuple(occurred_at, assumeNotNull(due_at)), tuple(toDateTime64(0, 3, 'UTC'), toDateTime64(0, 3, 'UTC'))) AS due,
    if(type = 'resolved', occurred_at, toDateTime64('2299-12-31 00:00:00', 3, 'UTC')) AS resolved_at,
    if((type IN ('withdrawn', 'stopped')), occurred_at, toDateTime64('2299-12-31 00:00:00', 3, 'UTC')) AS closed_at,
    if(type = 'returned', tuple(occurred_at, return_channel), tuple(toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '')) AS returned,
    if((type = 'paid') AND (payment_amount > 0), tuple(occurred_at, payment_method), tuple(toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '')) AS paid
FROM {db}.dossier_events;

CREATE TABLE {db}.dossier_touches
(
    `ingested_at` DateTime64(3, 'UTC'),
    `source` LowCardinality(String),
    `dossier_code` String
)
ENGINE = MergeTree
ORDER BY ingested_at
SETTINGS index_granularity = 8192
COMMENT 'one row per event written: which dossier it touched, when';

CREATE MATERIALIZED VIEW {db}.dossier_touches_mv TO {db}.dossier_touches
(
    `ingested_at` DateTime64(3, 'UTC'),
    `source` LowCardinality(String),
    `dossier_code` String
)
AS SELECT
    ingested_at,
    source,
    dossier_code
FROM {db}.dossier_events;

CREATE TABLE {db}.event_store_start
(
    `first_ingested_at` SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY tuple()
SETTINGS index_granularity = 8192
COMMENT 'the first arrival of any event: min over every insert';

CREATE MATERIALIZED VIEW {db}.event_store_start_mv TO {db}.event_store_start
(
    `first_ingested_at` DateTime64(3, 'UTC')
)
AS SELECT min(ingested_at) AS first_ingested_at
FROM {db}.dossier_events;

CREATE TABLE {db}.late_arrivals
(
    `occurred_date` Date32 COMMENT 'local day (Asia/Ho_Chi_Minh) the event happened',
    `source` LowCardinality(String),
    `dossier_code` String,
    `event_id` String,
    `ingested_at` DateTime64(3, 'UTC'),
    INDEX ingested_at_range ingested_at TYPE minmax GRANULARITY 1
)
ENGINE = MergeTree
ORDER BY (occurred_date, source, dossier_code, event_id)
SETTINGS index_granularity = 8192
COMMENT 'copies of events ingested on a later local day than they happened';

CREATE MATERIALIZED VIEW {db}.late_arrivals_mv TO {db}.late_arrivals
(
    `occurred_date` Date32,
    `source` LowCardinality(String),
    `dossier_code` String,
    `event_id` String,
    `ingested_at` DateTime64(3, 'UTC')
)
AS SELECT
    toDate32(occurred_at, 'Asia/Ho_Chi_Minh') AS occurred_date,
    source,
    dossier_code,
    event_id,
    ingested_at
FROM {db}.dossier_events
WHERE toDate32(ingested_at, 'Asia/Ho_Chi_Minh') > toDate32(occurred_at, 'Asia/Ho_Chi_Minh');

CREATE TABLE {db}.late_event_corrections
(
    `set_id` UInt64,
    `occurred_date` Date32,
    `first_ingested_date` Date32,
    `agency_code` LowCardinality(String),
    `procedure_code` LowCardinality(String),
    `events` Int64,
    `created_at` DateTime DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (set_id, occurred_date)
TTL created_at + toIntervalMinute(20)
SETTINGS index_granularity = 8192, merge_with_ttl_timeout = 300, old_parts_lifetime = 60
COMMENT 'late_event_counts rows that the changes of a set add or take back';

CREATE TABLE {db}.late_event_counts
(
    `build_id` UInt64,
    `occurred_date` Date32 COMMENT 'local day the events happened',
    `first_ingested_date` Date32 COMMENT 'local day the first copy of each arrived',
    `agency_code` LowCardinality(String),
    `procedure_code` LowCardinality(String),
    `events` UInt64
)
ENGINE = MergeTree
PARTITION BY build_id
ORDER BY (occurred_date, first_ingested_date, agency_code, procedure_code)
SETTINGS index_granularity = 8192, old_parts_lifetime = 60
COMMENT 'late_event_firsts of a build for received dossiers, counted per day, arrival day, agency and procedure';

CREATE TABLE {db}.late_event_firsts
(
    `build_id` UInt64,
    `source` LowCardinality(String),
    `dossier_code` String,
    `event_id` String,
    `occurred_date` Date32 COMMENT 'local day it happened',
    `first_ingested_at` DateTime64(3, 'UTC'),
    `dossier_received` UInt8 COMMENT 'the dossier is in the snapshot of the same build',
    `agency_code` LowCardinality(String),
    `procedure_code` LowCardinality(String),
    PROJECTION by_dossier
    (
        SELECT *
        ORDER BY
            source,
            dossier_code
    )
)
ENGINE = MergeTree
PARTITION BY build_id
ORDER BY (occurred_date, source, dossier_code, event_id)
SETTINGS index_granularity = 8192, old_parts_lifetime = 60
COMMENT 'first arrival of every event with a late copy, one partition per snapshot build';

CREATE TABLE {db}.rejected_events
(
    `rejected_at` DateTime64(3, 'UTC'),
    `rejection_id` String COMMENT 'kafka:<topic>:<partition>:<offset>, or http:<uuid> (one per item sent)',
    `via` LowCardinality(String) COMMENT 'kafka or http',
    `step` LowCardinality(String) COMMENT 'pipeline step that rejected it: parse, validate',
    `reason` LowCardinality(String) COMMENT 'empty_message, invalid_json, schema_violation',
    `errors` Array(String),
    `event_id` Nullable(String) COMMENT 'when the payload parsed and carried a string eventId',
    `source` Nullable(String) COMMENT 'when the payload parsed and carried a string source',
    `kafka_topic` LowCardinality(Nullable(String)),
    `kafka_partition` Nullable(Int32),
    `kafka_offset` Nullable(Int64),
    `contract_fields` String DEFAULT '{}' COMMENT 'the contract fields the item carried with a value the contract allows, as JSON',
    `payload_sha256` String DEFAULT '' COMMENT 'hex SHA-256 of the item as received (a JSON array item: its JSON text)',
    `payload_bytes` UInt32 COMMENT 'size of the whole payload in bytes',
    `agency_code` LowCardinality(String) DEFAULT '' COMMENT 'the payload\'s agencyCode (normalised) when it parsed and carried a string one, else empty'
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(rejected_at)
ORDER BY (via, step, reason, rejection_id)
TTL toDateTime(rejected_at) + toIntervalDay(180)
SETTINGS index_granularity = 8192;

CREATE TABLE {db}.schema_migrations
(
    `version` UInt32,
    `name` String,
    `checksum` String,
    `applied_at` DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY version
SETTINGS index_granularity = 8192;
