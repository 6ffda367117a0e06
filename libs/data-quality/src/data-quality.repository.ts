import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { AppConfig } from '@dvc/config';
import { inAgencyScope, Structure } from '@dvc/indicators';
import { RejectionCount, SourceActivity, UnknownCode } from './data-quality.schema';
import { InstantWindow, isoFromClickHouseTime } from './reporting-window';

// A server sends 64-bit integers as strings, chDB as numbers: read both.
const count = z.coerce.number().int().nonnegative();
const time = z.string().transform(isoFromClickHouseTime);

const publicationRow = z.object({ publication: z.coerce.number().int().nullable() });
const unknownCodeRow = z
  .object({ code: z.string(), events: count, dossiers: count, first_seen: time, last_seen: time })
  .transform(({ first_seen, last_seen, ...row }): UnknownCode => ({
    ...row,
    firstSeen: first_seen,
    lastSeen: last_seen,
  }));
const rejectionCountRow = z
  .object({ reason: z.string(), step: z.string(), count, last_at: time })
  .transform(({ last_at, ...row }): RejectionCount => ({ ...row, lastAt: last_at }));

const sourceActivityRow = z
  .object({
    source: z.string(),
    events: count,
    last_occurred: time,
    last_ingested: time,
    last_via: z.string(),
  })
  .transform((row): SourceActivity => ({
    source: row.source,
    events: row.events,
    lastOccurredAt: row.last_occurred,
    lastIngestedAt: row.last_ingested,
    lastVia: row.last_via,
  }));

/** Which codes of the stored events name nothing in a catalogue table: the agencies' or the procedures'. */
type CodeColumns = { catalogueTable: 'catalogue_agencies' | 'catalogue_procedures'; codes: string };
const AGENCY_CODES: CodeColumns = {
  catalogueTable: 'catalogue_agencies',
  codes: "arrayDistinct(arrayFilter(c -> c != '', [agency_code, to_agency_code]))",
};
const PROCEDURE_CODES: CodeColumns = {
  catalogueTable: 'catalogue_procedures',
  codes: "arrayFilter(c -> c != '', [procedure_code])",
};

/** Whose rows are read: the whole province (agency null), or an agency's subtree in one structure. */
export interface DataQualityScope {
  agency: string | null;
  structure: Structure;
}

/**
 * Reads what the pipeline stored against the catalogue's ClickHouse mirror. Plain queries; the rules (which
 * publication, which period) come from the caller. `dossier_events` may hold unmerged copies of an event, so
 * events and dossiers are counted as distinct keys; so are rejections (see migration 003).
 */
@Injectable()
export class DataQualityRepository {
  private readonly database: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.database = config.CLICKHOUSE_DATABASE;
  }

  /** The publication readers see now (the latest one whose row has landed), or null if none has. */
  async currentPublication(): Promise<number | null> {
    const [row] = await this.rows(
      `SELECT maxOrNull(publication) AS publication FROM ${this.database}.catalogue_publications`,
      {},
      publicationRow,
    );
    return row.publication;
  }

  unknownAgencies(
    publication: number | null,
    window: InstantWindow,
    scope: DataQualityScope,
    limit: number,
  ): Promise<UnknownCode[]> {
    return this.unknownCodes(AGENCY_CODES, publication, window, scope, limit);
  }

  unknownProcedures(
    publication: number | null,
    window: InstantWindow,
    scope: DataQualityScope,
    limit: number,
  ): Promise<UnknownCode[]> {
    return this.unknownCodes(PROCEDURE_CODES, publication, window, scope, limit);
  }

  /** Rejections by reason and step, most frequent first; for an agency, those naming one of its subtree. */
  async rejectionsByReason(
    publication: number | null,
    window: InstantWindow,
    scope: DataQualityScope,
  ): Promise<RejectionCount[]> {
    return this.rows(
      `SELECT reason, step, uniqExact(rejection_id) AS count, max(rejected_at) AS last_at
       FROM ${this.database}.rejected_events
       WHERE ${windowCondition('rejected_at', window)} AND ${this.inScope('agency_code', scope)}
       GROUP BY reason, step
       ORDER BY count DESC, reason, step`,
      { publication, ...scopeParams(scope), ...windowParams(window) },
      rejectionCountRow,
    );
  }

  /**
   * Each source's events in the window and its latest one: which systems send, and which went quiet; for an
   * agency, the events naming a unit of its subtree.
   */
  async sourceActivity(
    publication: number | null,
    window: InstantWindow,
    scope: DataQualityScope,
  ): Promise<SourceActivity[]> {
    return this.rows(
      `SELECT source, uniqExact(event_id) AS events, max(occurred_at) AS last_occurred,
              max(ingested_at) AS last_ingested, argMax(ingested_via, ingested_at) AS last_via
       FROM ${this.database}.dossier_events
       WHERE ${windowCondition('occurred_at', window)} AND ${this.inScope('agency_code', scope)}
       GROUP BY source
       ORDER BY source`,
      { publication, ...scopeParams(scope), ...windowParams(window) },
      sourceActivityRow,
    );
  }

  /**
   * Codes absent from the given publication (all of them when it is null: `publication = NULL` matches no
   * catalogue row), with the events and dossiers naming them, most used first; for an agency, among the events
   * of its subtree (so only a transfer's destination can be unknown there, or the agency itself).
   */
  private unknownCodes(
    columns: CodeColumns,
    publication: number | null,
    window: InstantWindow,
    scope: DataQualityScope,
    limit: number,
  ): Promise<UnknownCode[]> {
    return this.rows(
      `SELECT code,
              uniqExact(source, event_id) AS events,
              uniqExact(source, dossier_code) AS dossiers,
              min(occurred_at) AS first_seen,
              max(occurred_at) AS last_seen
       FROM ${this.database}.dossier_events
       ARRAY JOIN ${columns.codes} AS code
       WHERE ${windowCondition('occurred_at', window)} AND ${this.inScope('agency_code', scope)}
         AND code NOT IN (
           SELECT code FROM ${this.database}.${columns.catalogueTable}
           WHERE publication = {publication:Nullable(UInt64)}
         )
       GROUP BY code
       ORDER BY events DESC, code
       LIMIT {limit:UInt32}`,
      { publication, limit, ...scopeParams(scope), ...windowParams(window) },
      unknownCodeRow,
    );
  }

  private inScope(column: string, scope: DataQualityScope): string {
    if (scope.agency === null) return '1';
    return inAgencyScope(this.database, column, { publication: '{publication:Nullable(UInt64)}' });
  }

  private async rows<T>(query: string, params: Record<string, unknown>, schema: z.ZodType<T>): Promise<T[]> {
    const result = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return z.array(schema).parse(await result.json());
  }
}

/** The SQL condition for a column within a window; the bounds themselves travel as query parameters. */
function windowCondition(column: 'occurred_at' | 'rejected_at', window: InstantWindow): string {
  const conditions = ['1'];
  if (window.start !== null) conditions.push(`${column} >= {start:DateTime64(3, 'UTC')}`);
  if (window.end !== null) conditions.push(`${column} < {end:DateTime64(3, 'UTC')}`);
  return conditions.join(' AND ');
}

function scopeParams(scope: DataQualityScope): Record<string, string> {
  return scope.agency === null ? {} : { agency: scope.agency, structure: scope.structure };
}

function windowParams(window: InstantWindow): Record<string, string> {
  return Object.fromEntries(Object.entries(window).filter(([, bound]) => bound !== null));
}
