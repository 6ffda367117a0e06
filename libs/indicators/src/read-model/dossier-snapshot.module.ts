import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators.module';
import { CorrectionSetScheduler } from './correction-set.scheduler';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';
import { DossierSnapshotScheduler } from './dossier-snapshot.scheduler';

/**
 * The periodic dossier snapshot rebuild, and the correction sets prepared between rebuilds; imported by the
 * process that ingests, not by API replicas.
 */
@Module({
  imports: [IndicatorsModule],
  providers: [DossierSnapshotRepository, DossierSnapshotScheduler, CorrectionSetScheduler],
  exports: [DossierSnapshotRepository, CorrectionSetScheduler],
})
export class DossierSnapshotModule {}
