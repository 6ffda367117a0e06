import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { toClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import { EventsWatermark } from './events-watermark';

const watermarkSchema = z.object({ count: z.coerce.number().int(), latest: z.string() });

/** How many events were stored since a moment: `dossier_touches` is sorted by ingestion, so one index range. */
@Injectable()
export class EventsWatermarkRepository {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
  }

  async read(since: number): Promise<EventsWatermark> {
    const result = await this.client.query({
      query: `SELECT count() AS count, toString(max(ingested_at)) AS latest FROM ${this.db}.dossier_touches
              WHERE ingested_at >= {since:DateTime64(3, 'UTC')}`,
      query_params: { since: toClickHouseTime(since) },
      format: 'JSONEachRow',
    });
    const [row] = z.array(watermarkSchema).parse(await result.json());
    return { count: row.count, latest: row.count === 0 ? null : row.latest };
  }
}
