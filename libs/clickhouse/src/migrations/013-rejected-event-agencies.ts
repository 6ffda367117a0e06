import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * Rejected items keep the agency they name, so that a department's data quality counts the rejections of its
 * own units (GET /v1/data-quality?agency=...). Rows rejected before this keep '' and count province-wide only.
 */
export const rejectedEventAgenciesMigration: ClickHouseMigration = {
  version: 13,
  name: 'rejected-event-agencies',
  statements: [
    `ALTER TABLE {db}.rejected_events ADD COLUMN IF NOT EXISTS agency_code LowCardinality(String) DEFAULT ''
      COMMENT 'the payload''s agencyCode (normalised) when it parsed and carried a string one, else empty'`,
  ],
};
