import { ClickHouseMigration } from '../clickhouse-migration';
import { dossierEventsMigration } from './001-dossier-events';
import { catalogueMirrorMigration } from './002-catalogue-mirror';
import { rejectedEventsMigration } from './003-rejected-events';
import { dossierStateMigration } from './004-dossier-state';

/** Every migration, oldest first. Append only: an applied migration is never edited (its checksum is kept). */
export const clickHouseMigrations: readonly ClickHouseMigration[] = [
  dossierEventsMigration,
  catalogueMirrorMigration,
  rejectedEventsMigration,
  dossierStateMigration,
];
