import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * `dossier_agency_day_counts`: a build's `dossier_day_counts` summed over the procedures. A statement that
 * neither narrows to nor groups by a procedure or a field reads these: one row per day, agency and class instead
 * of one per offering, so a province-year reads tens of times fewer rows. Kept per build like the other tables
 * of a build; the next build fills it.
 */
export const agencyDayCountsMigration: ClickHouseMigration = {
  version: 8,
  name: 'agency-day-counts',
  statements: [
    `CREATE TABLE IF NOT EXISTS {db}.dossier_agency_day_counts
    (
      build_id UInt64,
      anchor LowCardinality(String) COMMENT 'as in dossier_day_counts',
      day Date32,
      until Date32,
      agency_code LowCardinality(String),
      class LowCardinality(String),
      dossiers UInt64
    )
    ENGINE = MergeTree
    PARTITION BY build_id
    ORDER BY (anchor, day, agency_code, class)
    COMMENT 'dossier_day_counts of a build summed over the procedures'`,
  ],
};
