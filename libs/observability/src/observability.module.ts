import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@dvc/config';
import { HealthService } from './health.service';
import { MetricsListener } from './metrics-listener';
import { MetricsRegistry } from './metrics.registry';
import { MetricsController, OpsController } from './ops.controller';

@Global()
@Module({})
export class ObservabilityModule {
  /** /metrics on the public port, or (METRICS_PORT set) only on its own listener. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: config.METRICS_PORT === undefined ? [OpsController, MetricsController] : [OpsController],
      providers: [MetricsRegistry, HealthService, MetricsListener],
      exports: [MetricsRegistry, HealthService, MetricsListener],
    };
  }
}
