import { Module } from '@nestjs/common';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';
import { DossierSnapshotScheduler } from './dossier-snapshot.scheduler';

/** The periodic dossier snapshot rebuild; imported by the process that ingests, not by API replicas. */
@Module({
  providers: [DossierSnapshotRepository, DossierSnapshotScheduler],
  exports: [DossierSnapshotRepository],
})
export class DossierSnapshotModule {}
