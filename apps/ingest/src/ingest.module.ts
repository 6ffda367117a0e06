import { Module } from '@nestjs/common';
import { DossierSnapshotModule } from '@dvc/indicators';
import { IngestionModule } from '@dvc/ingestion';
import { DossierEventsConsumer } from './dossier-events.consumer';

/**
 * Kafka ingestion: consumer group `dvc-ingest` on `dvc.dossier-events.v1`, scaled by partitions; and the
 * periodic dossier snapshot rebuild.
 */
@Module({ imports: [IngestionModule, DossierSnapshotModule], controllers: [DossierEventsConsumer] })
export class IngestModule {}
