import { Module } from '@nestjs/common';
import { CatalogueModule } from '@dvc/catalogue';
import { IndicatorsModule } from '@dvc/indicators';
import { TargetStatusService } from './target-status.service';

@Module({
  imports: [CatalogueModule, IndicatorsModule],
  providers: [TargetStatusService],
  exports: [TargetStatusService],
})
export class TargetStatusModule {}
