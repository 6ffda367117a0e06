import { Module } from '@nestjs/common';
import { DossierEventRepository } from './dossier-event.repository';
import { IngestionPipeline } from './ingestion-pipeline';
import { IngestionMetrics } from './ingestion.metrics';
import { IngestionService } from './ingestion.service';

@Module({
  providers: [DossierEventRepository, IngestionPipeline, IngestionMetrics, IngestionService],
  exports: [IngestionService, IngestionMetrics],
})
export class IngestionModule {}
