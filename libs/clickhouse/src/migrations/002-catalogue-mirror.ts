import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * The catalogue as ClickHouse sees it: a copy of PostgreSQL's, published whole. Each publication's rows sit in
 * a partition of their own; a publication becomes visible when its row lands in `catalogue_publications`
 * (written last), and readers pin the publication of the newest PostgreSQL revision (`pinnedPublication`), so a
 * query never mixes two versions of the catalogue.
 * Dates are local (Asia/Ho_Chi_Minh) calendar days, both ends inclusive; an open end is 2149-06-06.
 */
export const catalogueMirrorMigration: ClickHouseMigration = {
  version: 2,
  name: 'catalogue-mirror',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.catalogue_publications
    (
      publication UInt64,
      pg_revision UInt64 COMMENT 'catalogue.revision in PostgreSQL when the copy was read',
      published_at DateTime64(3, 'UTC')
    )
    ENGINE = MergeTree
    ORDER BY publication`,
    `CREATE TABLE IF NOT EXISTS {db}.catalogue_agencies
    (
      publication UInt64,
      code String,
      name String,
      kind LowCardinality(String),
      parent_code Nullable(String),
      valid_from Date,
      valid_to Date,
      current_code String COMMENT 'the unit it is restated to under today''s structure (itself if still in force)'
    )
    ENGINE = MergeTree
    PARTITION BY publication
    ORDER BY code`,
    `CREATE TABLE IF NOT EXISTS {db}.catalogue_agency_rollup
    (
      publication UInt64,
      structure Enum8('reported' = 1, 'current' = 2),
      ancestor_code String,
      agency_code String COMMENT 'a code whose figures count under ancestor_code (ancestor_code itself included)'
    )
    ENGINE = MergeTree
    PARTITION BY publication
    ORDER BY (structure, ancestor_code, agency_code)`,
    `CREATE TABLE IF NOT EXISTS {db}.catalogue_procedures
    (
      publication UInt64,
      code String,
      name String,
      field LowCardinality(String),
      valid_to Date
    )
    ENGINE = MergeTree
    PARTITION BY publication
    ORDER BY code`,
    `CREATE TABLE IF NOT EXISTS {db}.catalogue_offering_levels
    (
      publication UInt64,
      procedure_code String,
      agency_code String,
      field LowCardinality(String),
      level UInt8 COMMENT 'Decree 43/2011 level, 1-4',
      mode LowCardinality(String) COMMENT 'Decree 42/2022: none, partial (một phần), full (toàn trình)',
      portal Bool COMMENT 'integrated with the National Public Service Portal',
      fee Bool,
      valid_from Date,
      valid_to Date
    )
    ENGINE = MergeTree
    PARTITION BY publication
    ORDER BY (procedure_code, agency_code, valid_from)`,
  ],
};
