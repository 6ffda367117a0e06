import { Module } from '@nestjs/common';
import { CatalogueModule } from '@dvc/catalogue';
import { IndicatorsModule } from '@dvc/indicators';
import { TargetStatusModule } from '@dvc/target-status';
import { OverviewService } from './overview/overview.service';

/** What the web dashboard reads: a scope's overview (and, on top, its live stream). */
@Module({
  imports: [CatalogueModule, IndicatorsModule, TargetStatusModule],
  providers: [OverviewService],
  exports: [OverviewService],
})
export class DashboardModule {}
