import { Module } from '@nestjs/common';
import { DossierIntakeRepository } from './dossier-intake.repository';
import { IndicatorsService } from './indicators.service';
import { ProcedureLevelRepository } from './procedure-level.repository';

@Module({
  providers: [DossierIntakeRepository, ProcedureLevelRepository, IndicatorsService],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
