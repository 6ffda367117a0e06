import { Module } from '@nestjs/common';
import { CatalogueModule } from '@dvc/catalogue';
import { IndicatorsModule } from '@dvc/indicators';
import { TargetStatusModule } from '@dvc/target-status';
import { DossiersToActOnRepository } from './dossiers/dossiers-to-act-on.repository';
import { DossiersToActOnService } from './dossiers/dossiers-to-act-on.service';
import { LeversService } from './levers/levers.service';
import { OverviewService } from './overview/overview.service';

/** What the web dashboard reads: a scope's overview, its dossiers to act on, its biggest levers. */
@Module({
  imports: [CatalogueModule, IndicatorsModule, TargetStatusModule],
  providers: [OverviewService, DossiersToActOnRepository, DossiersToActOnService, LeversService],
  exports: [OverviewService, DossiersToActOnService, LeversService],
})
export class DashboardModule {}
