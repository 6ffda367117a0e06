import { Module } from '@nestjs/common';
import { CatalogueModule } from '@dvc/catalogue';
import { IndicatorsModule } from '@dvc/indicators';
import { AgencyCodesSeenRepository } from './agency-codes-seen.repository';
import { IndicatorAnswersService } from './indicator-answers.service';

@Module({
  imports: [IndicatorsModule, CatalogueModule],
  providers: [AgencyCodesSeenRepository, IndicatorAnswersService],
  exports: [IndicatorAnswersService],
})
export class IndicatorAnswersModule {}
