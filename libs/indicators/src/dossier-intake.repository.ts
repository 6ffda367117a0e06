import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';
import { inAgencyScope, pinnedPublication } from './catalogue-scope.sql';
import { AgencyScope } from './indicator-scope';
import { DateRange } from './local-calendar';

/**
 * Reads per-dossier intake facts. FINAL collapses each dossier to its latest intake row at query time, so
 * the count is exact whether or not background merges have caught up.
 */
@Injectable()
export class DossierIntakeRepository {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
  }

  async countReceivedByChannel(
    range: DateRange,
    scope: AgencyScope,
  ): Promise<{ online: number; all: number }> {
    const agencyFilter = scope.agency === null ? '' : `AND ${inAgencyScope(this.db)}`;
    const result = await this.client.query({
      query: `${pinnedPublication(this.db)}
              SELECT countIf(channel = 'online') AS online, count() AS all
              FROM ${this.db}.dossier_intake FINAL
              WHERE received AND received_date BETWEEN {from:Date} AND {to:Date} ${agencyFilter}`,
      query_params: { from: range.from, to: range.to, agency: scope.agency, structure: scope.structure },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ online: string; all: string }>();
    return { online: Number(row.online), all: Number(row.all) };
  }
}
