import { toClickHouseTime } from '@dvc/clickhouse';
import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { AppConfig } from '@dvc/config';
import { CatalogueSnapshot } from './catalogue-snapshot';

const TABLES = {
  agencies: 'catalogue_agencies',
  rollup: 'catalogue_agency_rollup',
  procedures: 'catalogue_procedures',
  offeringLevels: 'catalogue_offering_levels',
} as const satisfies Record<keyof CatalogueSnapshot, string>;

/** Writes catalogue publications into ClickHouse (migration 002 explains the layout). */
@Injectable()
export class CataloguePublicationsRepository {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
  }

  async latest(): Promise<{ publication: number; pgRevision: number } | null> {
    const result = await this.client.query({
      query: `SELECT publication, pg_revision FROM ${this.db}.catalogue_publications
              ORDER BY pg_revision DESC, publication DESC LIMIT 1`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ publication: string | number; pg_revision: string | number }>();
    return row ? { publication: Number(row.publication), pgRevision: Number(row.pg_revision) } : null;
  }

  /**
   * Writes every table's rows under a new publication number, then the publication row that makes them
   * visible, then drops all but this and the previous publication (queries in flight may still read it).
   */
  async publish(snapshot: CatalogueSnapshot, pgRevision: number, now = new Date()): Promise<number> {
    const previous = await this.latest();
    // Another replica already published a newer revision: this copy is stale and must never go live.
    if (previous && previous.pgRevision > pgRevision) return previous.publication;
    // Microseconds: increasing, and two replicas publishing at once do not collide in practice.
    const publication = Math.max(
      now.getTime() * 1000 + Math.floor(Math.random() * 1000),
      (previous?.publication ?? 0) + 1,
    );
    for (const [part, table] of Object.entries(TABLES) as [keyof CatalogueSnapshot, string][]) {
      const rows = snapshot[part];
      if (rows.length === 0) continue;
      await this.client.insert({
        table: `${this.db}.${table}`,
        values: rows.map((row) => ({ publication, ...row })),
        format: 'JSONEachRow',
      });
    }
    await this.client.insert({
      table: `${this.db}.catalogue_publications`,
      values: [
        {
          publication,
          pg_revision: pgRevision,
          published_at: toClickHouseTime(now),
        },
      ],
      format: 'JSONEachRow',
    });
    await this.dropOlderThan(previous?.publication ?? publication);
    return publication;
  }

  private async dropOlderThan(keepFrom: number): Promise<void> {
    for (const table of Object.values(TABLES)) {
      const result = await this.client.query({
        query: `SELECT DISTINCT publication FROM ${this.db}.${table} WHERE publication < {keepFrom:UInt64}`,
        query_params: { keepFrom },
        format: 'JSONEachRow',
      });
      for (const { publication } of await result.json<{ publication: string | number }>()) {
        await this.client.command({
          query: `ALTER TABLE ${this.db}.${table} DROP PARTITION ${Number(publication)}`,
        });
      }
    }
  }
}
