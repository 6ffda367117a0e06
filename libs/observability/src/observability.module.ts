import { Global, Module } from '@nestjs/common';
import { HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';
import { OpsController } from './ops.controller';

@Global()
@Module({
  controllers: [OpsController],
  providers: [MetricsRegistry, HealthService],
  exports: [MetricsRegistry, HealthService],
})
export class ObservabilityModule {}
