import { Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';
import { createClickHouseClient } from './clickhouse-client.factory';
import { ClickHouseMigrator } from './clickhouse-migrator';
import { clickHouseMigrations } from './migrations';

/** Applies migrations before anything else touches ClickHouse, and closes the client last. */
@Injectable()
export class ClickHouseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await new ClickHouseMigrator(this.client, this.config.CLICKHOUSE_DATABASE, {
      replicated: this.config.CLICKHOUSE_REPLICATED,
    }).migrate(clickHouseMigrations);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: ClickHouseClient,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        createClickHouseClient({
          url: config.CLICKHOUSE_URL,
          username: config.CLICKHOUSE_USER,
          password: config.CLICKHOUSE_PASSWORD,
          dataDir: config.DATA_DIR,
        }),
    },
    ClickHouseLifecycle,
  ],
  exports: [ClickHouseClient],
})
export class ClickHouseModule {}
