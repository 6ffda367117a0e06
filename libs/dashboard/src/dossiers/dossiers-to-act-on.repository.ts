import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { toClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import { inAgencyScope, LOCAL_TIME_ZONE, pinnedPublication } from '@dvc/indicators';
import { DossierStatus } from './dossiers.schema';

export interface DossierSelection {
  status: DossierStatus;
  agency: string | null;
  structure: 'reported' | 'current';
  /** Open is judged at this moment (the engine's dossiers.open rule: received, neither resolved nor closed). */
  now: number;
  sort: 'due' | '-due' | 'received' | '-received';
  limit: number;
  offset: number;
}

export interface DossierRow {
  source: string;
  dossierCode: string;
  procedureCode: string;
  procedureName: string | null;
  agencyCode: string;
  agencyName: string | null;
  receivedAt: string;
  dueAt: string;
}

const isoTime = z.string().transform((value) => new Date(`${value.replace(' ', 'T')}Z`).toISOString());
const rowSchema = z
  .object({
    source: z.string(),
    dossier_code: z.string(),
    procedure_code: z.string(),
    procedure_name: z.string(),
    agency_code: z.string(),
    agency_name: z.string(),
    received_at: isoTime,
    due_at: isoTime,
  })
  .transform((row): DossierRow => ({
    source: row.source,
    dossierCode: row.dossier_code,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name === '' ? null : row.procedure_name,
    agencyCode: row.agency_code,
    agencyName: row.agency_name === '' ? null : row.agency_name,
    receivedAt: row.received_at,
    dueAt: row.due_at,
  }));
const countSchema = z.object({ total: z.coerce.number().int() });

const ORDER: Record<DossierSelection['sort'], string> = {
  due: 'd.due_at ASC, d.dossier_code ASC',
  '-due': 'd.due_at DESC, d.dossier_code ASC',
  received: 'd.received_at ASC, d.dossier_code ASC',
  '-received': 'd.received_at DESC, d.dossier_code ASC',
};

/**
 * The open dossiers of a scope, one row per dossier from `dossier_state` (folded with FINAL, so exact at the
 * moment of reading), with the catalogue's names from the pinned publication. Reads every dossier's state, not
 * the snapshot the indicators read: a list needs the dossiers themselves, and the open ones are few.
 */
@Injectable()
export class DossiersToActOnRepository {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
  }

  async list(selection: DossierSelection): Promise<{ total: number; rows: DossierRow[] }> {
    const params = {
      now: toClickHouseTime(selection.now),
      agency: selection.agency ?? '',
      structure: selection.structure,
      limit: selection.limit,
      offset: selection.offset,
    };
    const [rows, [count]] = await Promise.all([
      this.query(
        `${this.selected(selection)}
         SELECT d.source AS source, d.dossier_code AS dossier_code, d.procedure_code AS procedure_code,
                p.name AS procedure_name, d.agency_code AS agency_code, a.name AS agency_name,
                d.received_at AS received_at, d.due_at AS due_at
         FROM selected AS d
         LEFT JOIN (SELECT code, name FROM ${this.db}.catalogue_agencies WHERE publication = publication_in_use) AS a
           ON a.code = d.agency_code
         LEFT JOIN (SELECT code, any(name) AS name FROM ${this.db}.catalogue_procedures
                    WHERE publication = publication_in_use GROUP BY code) AS p
           ON p.code = d.procedure_code
         ORDER BY ${ORDER[selection.sort]}
         LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
        params,
        rowSchema,
      ),
      this.query(`${this.selected(selection)} SELECT count() AS total FROM selected`, params, countSchema),
    ]);
    return { total: count.total, rows };
  }

  /** `selected`: the scope's dossiers open at {now} in the asked status. */
  private selected(selection: DossierSelection): string {
    const tz = `'${LOCAL_TIME_ZONE}'`;
    const status: Record<DossierStatus, string> = {
      overdue: `toDate(due_at, ${tz}) < toDate({now:DateTime64(3, 'UTC')}, ${tz})`,
      due_soon: `due_at >= {now:DateTime64(3, 'UTC')} AND due_at < {now:DateTime64(3, 'UTC')} + INTERVAL 24 HOUR`,
      open: '1',
    };
    return `${pinnedPublication(this.db)},
      selected AS (
        SELECT source, dossier_code, tupleElement(intake, 1) AS received_at, tupleElement(intake, 4) AS agency_code,
               tupleElement(intake, 5) AS procedure_code, tupleElement(due, 2) AS due_at
        FROM ${this.db}.dossier_state FINAL
        WHERE tupleElement(intake, 2) = 'received'
          AND tupleElement(intake, 1) <= {now:DateTime64(3, 'UTC')}
          AND resolved_at > {now:DateTime64(3, 'UTC')} AND closed_at > {now:DateTime64(3, 'UTC')}
          AND ${status[selection.status]}
          AND ${selection.agency === null ? '1' : inAgencyScope(this.db, 'tupleElement(intake, 4)')}
      )`;
  }

  private async query<T>(query: string, params: Record<string, unknown>, schema: z.ZodType<T>): Promise<T[]> {
    const result = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return z.array(schema).parse(await result.json());
  }
}
