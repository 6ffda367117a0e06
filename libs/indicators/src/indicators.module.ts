import { Module } from '@nestjs/common';
import { IndicatorEngineRepository } from './engine/indicator-engine.repository';
import { IndicatorClock } from './indicator-clock';
import { IndicatorsService } from './indicators.service';

@Module({
  providers: [IndicatorEngineRepository, IndicatorClock, IndicatorsService],
  exports: [IndicatorsService, IndicatorEngineRepository, IndicatorClock],
})
export class IndicatorsModule {}
