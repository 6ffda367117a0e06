import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';
import { IntakeScope } from './dossiers-online.indicator';
import { DateRange } from './local-calendar';

/**
 * Reads per-dossier intake facts. FINAL collapses each dossier to its latest intake row at query time, so
 * the count is exact whether or not background merges have caught up.
 */
@Injectable()
export class DossierIntakeRepository {
  private readonly table: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.table = `${config.CLICKHOUSE_DATABASE}.dossier_intake`;
  }

  async countReceivedByChannel(
    range: DateRange,
    scope: IntakeScope,
  ): Promise<{ online: number; all: number }> {
    const agencyFilter = scope.agencyCode === null ? '' : 'AND agency_code = {agency:String}';
    const result = await this.client.query({
      query: `SELECT countIf(channel = 'online') AS online, count() AS all
              FROM ${this.table} FINAL
              WHERE received AND received_date BETWEEN {from:Date} AND {to:Date} ${agencyFilter}`,
      query_params: { from: range.from, to: range.to, agency: scope.agencyCode },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ online: string; all: string }>();
    return { online: Number(row.online), all: Number(row.all) };
  }
}
