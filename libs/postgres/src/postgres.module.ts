import { join } from 'node:path';
import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@dvc/config';
import { postgresDataSourceOptions } from './data-source.options';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where PostgreSQL is: the configured server, or an embedded one this process starts and stops. */
@Injectable()
export class PostgresEndpoint implements OnApplicationShutdown {
  private embedded?: EmbeddedPostgres;
  url = '';

  static async resolve(config: AppConfig): Promise<PostgresEndpoint> {
    const endpoint = new PostgresEndpoint();
    if (config.DATABASE_URL) {
      endpoint.url = config.DATABASE_URL;
    } else {
      endpoint.embedded = await EmbeddedPostgres.start(join(config.DATA_DIR, 'postgres'));
      endpoint.url = endpoint.embedded.url;
    }
    return endpoint;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

@Global()
@Module({
  providers: [{ provide: PostgresEndpoint, inject: [AppConfig], useFactory: PostgresEndpoint.resolve }],
  exports: [PostgresEndpoint],
})
class PostgresEndpointModule {}

@Module({
  imports: [
    PostgresEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [PostgresEndpoint],
      useFactory: (endpoint: PostgresEndpoint) => ({
        ...postgresDataSourceOptions(endpoint.url),
        autoLoadEntities: true,
      }),
    }),
  ],
})
export class PostgresModule {}
