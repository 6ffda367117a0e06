import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import { FACT_COLUMNS, flattenedDossierState } from '../engine/indicator-engine.sql';

/** One rebuild of `dossier_snapshot`. */
export interface DossierSnapshotBuild {
  /** Every event ingested by then is in the snapshot. */
  watermark: Date;
  dossiers: number;
  buildMs: number;
}

/**
 * Rebuilds `dossier_snapshot` (docs/indicators.md, "How the engine reads it fast"): every received dossier of
 * `dossier_state`, folded and flattened, into a fresh copy of the table that then replaces the snapshot's data
 * in one step, so a query sees the old snapshot or the new one, never a mix. The build is recorded last: a
 * query that reads a watermark reads a snapshot at least that new.
 */
@Injectable()
export class DossierSnapshotRepository {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
  }

  /**
   * @param watermark a moment by which every event ingested has been written: the caller keeps a margin for
   *   writes in flight (events are stamped on arrival, written moments later).
   */
  async rebuild(watermark: Date): Promise<DossierSnapshotBuild> {
    const started = performance.now();
    // A table of its own per build: two builders at once cannot mix their rows.
    const copy = `${this.db}.dossier_snapshot_build_${randomUUID().replaceAll('-', '')}`;
    await this.command(`CREATE TABLE ${copy} AS ${this.db}.dossier_snapshot`);
    let dossiers: number;
    try {
      await this.command(
        `INSERT INTO ${copy} (${FACT_COLUMNS})
         SELECT ${FACT_COLUMNS} FROM (${flattenedDossierState(
           `SELECT source, dossier_code, intake, due, resolved_at, closed_at, returned, paid
            FROM ${this.db}.dossier_state FINAL`,
         )})`,
      );
      dossiers = await this.count(copy);
      // An empty copy (no dossiers yet) must empty the snapshot too, which ClickHouse refuses by default.
      await this.command(
        `ALTER TABLE ${this.db}.dossier_snapshot REPLACE PARTITION tuple() FROM ${copy}
         SETTINGS allow_replace_partition_from_empty_source = 1`,
      );
    } finally {
      await this.command(`DROP TABLE IF EXISTS ${copy}`);
    }
    const buildMs = Math.round(performance.now() - started);
    await this.client.insert({
      table: `${this.db}.dossier_snapshot_builds`,
      values: [
        {
          watermark: toClickHouseTime(watermark),
          built_at: toClickHouseTime(new Date()),
          dossiers,
          build_ms: buildMs,
        },
      ],
      format: 'JSONEachRow',
    });
    return { watermark, dossiers, buildMs };
  }

  /** The latest build, or null before the first. */
  async latest(): Promise<DossierSnapshotBuild | null> {
    const result = await this.client.query({
      query: `SELECT toUnixTimestamp64Milli(watermark) AS watermark, dossiers, build_ms
              FROM ${this.db}.dossier_snapshot_builds ORDER BY watermark DESC LIMIT 1`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ watermark: string; dossiers: string; build_ms: number }>();
    return row
      ? {
          watermark: new Date(Number(row.watermark)),
          dossiers: Number(row.dossiers),
          buildMs: Number(row.build_ms),
        }
      : null;
  }

  private async count(table: string): Promise<number> {
    const result = await this.client.query({
      query: `SELECT count() AS n FROM ${table}`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string | number }>();
    return Number(row.n);
  }

  private async command(query: string): Promise<void> {
    await this.client.command({ query });
  }
}
