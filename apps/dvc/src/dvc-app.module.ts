import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@dvc/access';
import { CatalogueModule } from '@dvc/catalogue';
import { DossierSnapshotModule } from '@dvc/indicators';
import { AppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { ApiModule } from '../../api/src/api.module';
import { IngestModule } from '../../ingest/src/ingest.module';
import { FirstStartAccess } from './first-start-access';
import { SyntheticCatalogueLoader } from './synthetic-catalogue.loader';
import { SyntheticFeedRunner } from './synthetic-feed.runner';

/** Every part of the pipeline in one process: the API, the Kafka consumer (when Kafka is configured), the feed. */
@Module({})
export class DvcAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DvcAppModule,
      imports: [
        PlatformModule.forRoot(config),
        ApiModule,
        CatalogueModule,
        AccessModule,
        // Without Kafka this process ingests over HTTP, so it keeps the snapshot itself.
        DossierSnapshotModule,
        ...(config.KAFKA_BROKERS ? [IngestModule] : []),
      ],
      providers: [SyntheticFeedRunner, SyntheticCatalogueLoader, FirstStartAccess],
    };
  }
}
