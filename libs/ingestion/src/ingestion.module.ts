import { Module } from '@nestjs/common';
import { AgencyTreeReader } from '@dvc/catalogue';
import { CoalescedEventWriter } from './coalesced-event.writer';
import { DossierEventRepository } from './dossier-event.repository';
import { EventsStoredSignalModule } from './events-stored.signal';
import { IngestionPipeline } from './ingestion-pipeline';
import { IngestionMetrics } from './ingestion.metrics';
import { IngestionService } from './ingestion.service';

@Module({
  imports: [EventsStoredSignalModule],
  providers: [
    AgencyTreeReader,
    CoalescedEventWriter,
    DossierEventRepository,
    IngestionPipeline,
    IngestionMetrics,
    IngestionService,
  ],
  exports: [IngestionService, IngestionMetrics, EventsStoredSignalModule],
})
export class IngestionModule {}
