import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';
import { inAgencyScope, pinnedPublication } from './catalogue-scope.sql';
import { AgencyScope } from './indicator-scope';
import { ProcedureLevel } from './procedure-levels.indicator';

/** Procedures in force on a day for a scope, each at its highest level: the catalogue mirror, read as of a date. */
@Injectable()
export class ProcedureLevelRepository {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
  }

  async highestLevelsOn(date: string, scope: AgencyScope): Promise<ProcedureLevel[]> {
    const result = await this.client.query({
      query: `${pinnedPublication(this.db)}
              SELECT procedure_code, max(level) AS level, max(portal) AS portal
              FROM ${this.db}.catalogue_offering_levels
              WHERE publication = publication_in_use
                AND valid_from <= {date:Date} AND valid_to >= {date:Date}
                ${scope.agency === null ? '' : `AND ${inAgencyScope(this.db)}`}
              GROUP BY procedure_code
              ORDER BY procedure_code`,
      query_params: { date, agency: scope.agency, structure: scope.structure },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ procedure_code: string; level: number; portal: boolean | number }>();
    return rows.map((row) => ({
      procedureCode: row.procedure_code,
      level: Number(row.level),
      portal: Boolean(row.portal),
    }));
  }
}
