import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dvc/audit';
import { CatalogueModule } from '@dvc/catalogue';
import { IndicatorsModule } from '@dvc/indicators';
import { TargetStatusModule } from '@dvc/target-status';
import { DossierFlowRepository } from './figures/dossier-flow.repository';
import { OfferedProceduresRepository } from './figures/offered-procedures.repository';
import { IssuedReportEntity } from './issued/issued-report.entity';
import { IssuedReportsService } from './issued/issued-reports.service';
import { ReportsService } from './reports.service';

/** Ministry-ready reports in the official forms, from the indicator engine's figures. */
@Module({
  imports: [
    TypeOrmModule.forFeature([IssuedReportEntity]),
    AuditModule,
    IndicatorsModule,
    CatalogueModule,
    TargetStatusModule,
  ],
  providers: [DossierFlowRepository, OfferedProceduresRepository, ReportsService, IssuedReportsService],
  exports: [ReportsService, IssuedReportsService],
})
export class ReportsModule {}
