import { Module } from '@nestjs/common';
import { IndicatorsModule } from '@dvc/indicators';
import { IngestionModule } from '@dvc/ingestion';
import { EventsController } from './events/events.controller';
import { IndicatorsController } from './indicators/indicators.controller';

/** The stateless HTTP API: event ingestion for systems without Kafka, indicators out. */
@Module({
  imports: [IngestionModule, IndicatorsModule],
  controllers: [EventsController, IndicatorsController],
})
export class ApiModule {}
