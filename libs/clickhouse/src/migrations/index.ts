import { ClickHouseMigration } from '../clickhouse-migration';
import { dossierEventsMigration } from './001-dossier-events';
import { catalogueMirrorMigration } from './002-catalogue-mirror';
import { rejectedEventsMigration } from './003-rejected-events';
import { dossierStateMigration } from './004-dossier-state';
import { dossierSnapshotMigration } from './005-dossier-snapshot';
import { lateEventFirstsMigration } from './006-late-event-firsts';
import { snapshotBuildsMigration } from './007-snapshot-builds';
import { snapshotReadPathsMigration } from './008-snapshot-read-paths';
import { snapshotCorrectionsMigration } from './009-snapshot-corrections';
import { lateArrivalTimesMigration } from './010-late-arrival-times';
import { correctionSetCutsMigration } from './011-correction-set-cuts';
import { eventStoreStartMigration } from './012-event-store-start';
import { rejectedEventAgenciesMigration } from './013-rejected-event-agencies';
import { rejectedPayloadRedactionMigration } from './014-rejected-payload-redaction';
import { boundedReadModelMigration } from './015-bounded-read-model';

/** Every migration, oldest first. Append only: an applied migration is never edited (its checksum is kept). */
export const clickHouseMigrations: readonly ClickHouseMigration[] = [
  dossierEventsMigration,
  catalogueMirrorMigration,
  rejectedEventsMigration,
  dossierStateMigration,
  dossierSnapshotMigration,
  lateEventFirstsMigration,
  snapshotBuildsMigration,
  snapshotReadPathsMigration,
  snapshotCorrectionsMigration,
  lateArrivalTimesMigration,
  correctionSetCutsMigration,
  eventStoreStartMigration,
  rejectedEventAgenciesMigration,
  rejectedPayloadRedactionMigration,
  boundedReadModelMigration,
];

/** Every table that holds dossier events or what is derived from them (for clearing a test database). */
export const DOSSIER_EVENT_TABLES: readonly string[] = [
  'dossier_events',
  'dossier_state',
  'dossier_event_facts',
  'dossier_touches',
  'late_arrivals',
  'dossier_snapshot',
  'dossier_snapshot_builds',
  'late_event_firsts',
  'dossier_day_counts',
  'dossier_agency_day_counts',
  'late_event_counts',
  'dossier_correction_sets',
  'dossier_day_count_corrections',
  'dossier_fact_corrections',
  'late_event_corrections',
  'event_store_start',
];
