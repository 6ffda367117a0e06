import { Module } from '@nestjs/common';
import { AgencyTreeReader } from '@dvc/catalogue';
import { CoalescedEventWriter } from './coalesced-event.writer';
import { DossierEventRepository } from './dossier-event.repository';
import { IngestionPipeline } from './ingestion-pipeline';
import { IngestionMetrics } from './ingestion.metrics';
import { IngestionService } from './ingestion.service';

@Module({
  providers: [
    AgencyTreeReader,
    CoalescedEventWriter,
    DossierEventRepository,
    IngestionPipeline,
    IngestionMetrics,
    IngestionService,
  ],
  exports: [IngestionService, IngestionMetrics],
})
export class IngestionModule {}
