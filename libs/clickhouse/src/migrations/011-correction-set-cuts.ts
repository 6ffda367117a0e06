import { ClickHouseMigration } from '../clickhouse-migration';

/**
 * Correction sets prepared ahead for `maxLag` queries are cut at a moment of ingestion; those a query makes for
 * itself fold the changed dossiers as they are now, which is cheaper (docs/indicators.md, "Prepared sets").
 * Only the former may be read as the figures of the moment they are named for.
 */
export const correctionSetCutsMigration: ClickHouseMigration = {
  version: 11,
  name: 'correction-set-cuts',
  statements: [
    `ALTER TABLE {db}.dossier_correction_sets ADD COLUMN IF NOT EXISTS cut Bool DEFAULT false
      COMMENT 'true: the set holds exactly the events ingested by touched_until (prepared for maxLag queries)'`,
  ],
};
