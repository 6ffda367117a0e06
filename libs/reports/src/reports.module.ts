import { Module } from '@nestjs/common';
import { CatalogueModule } from '@dvc/catalogue';
import { IndicatorsModule } from '@dvc/indicators';
import { DossierFlowRepository } from './figures/dossier-flow.repository';
import { ReportsService } from './reports.service';

/** Ministry-ready reports in the official forms, from the indicator engine's figures. */
@Module({
  imports: [IndicatorsModule, CatalogueModule],
  providers: [DossierFlowRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
