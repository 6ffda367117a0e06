import { Module } from '@nestjs/common';
import { IngestionModule } from '@dvc/ingestion';
import { DossierEventsConsumer } from './dossier-events.consumer';

/** Kafka ingestion: consumer group `dvc-ingest` on `dvc.dossier-events.v1`, scaled by partitions. */
@Module({ imports: [IngestionModule], controllers: [DossierEventsConsumer] })
export class IngestModule {}
