import { DynamicModule, Module } from '@nestjs/common';
import { ClickHouseModule } from '@dvc/clickhouse';
import { AppConfig, ConfigModule } from '@dvc/config';
import { KafkaModule } from '@dvc/kafka';
import { ObservabilityModule } from '@dvc/observability';
import { PostgresModule } from '@dvc/postgres';

/** The engines every service stands on: config, ClickHouse, PostgreSQL, Kafka (if configured), metrics. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        ClickHouseModule,
        PostgresModule,
        KafkaModule,
        ObservabilityModule.forRoot(config),
      ],
    };
  }
}
