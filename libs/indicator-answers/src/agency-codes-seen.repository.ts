import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';

/** Whether any stored event names an agency code: what tells a code not yet catalogued from a typo. */
@Injectable()
export class AgencyCodesSeenRepository {
  private readonly database: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.database = config.CLICKHOUSE_DATABASE;
  }

  async seenInEvents(code: string): Promise<boolean> {
    const result = await this.client.query({
      query: `SELECT 1 AS seen FROM ${this.database}.dossier_events
              WHERE agency_code = {code:String} OR to_agency_code = {code:String} LIMIT 1`,
      query_params: { code },
      format: 'JSONEachRow',
    });
    return (await result.json()).length > 0;
  }
}
