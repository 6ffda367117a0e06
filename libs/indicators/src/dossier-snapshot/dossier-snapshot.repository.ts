import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import { FACT_COLUMNS, flattenedDossierState } from '../engine/indicator-engine.sql';
import { LOCAL_TIME_ZONE } from '../local-calendar';

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
    // Tables of their own per build: two builders at once cannot mix their rows.
    const build = randomUUID().replaceAll('-', '');
    const copy = `${this.db}.dossier_snapshot_build_${build}`;
    const lateCopy = `${this.db}.late_event_firsts_build_${build}`;
    let dossiers: number;
    try {
      await this.command(`CREATE TABLE ${copy} AS ${this.db}.dossier_snapshot`);
      await this.command(`CREATE TABLE ${lateCopy} AS ${this.db}.late_event_firsts`);
      await this.command(
        `INSERT INTO ${copy} (${FACT_COLUMNS})
         SELECT ${FACT_COLUMNS} FROM (${flattenedDossierState(
           `SELECT source, dossier_code, intake, due, resolved_at, closed_at, returned, paid
            FROM ${this.db}.dossier_state FINAL`,
         )})`,
      );
      await this.command(this.lateEventFirsts(lateCopy, copy));
      dossiers = await this.count(copy);
      // Both swaps come before the build is recorded, so a query that reads this watermark reads both tables
      // at least this new. An empty copy (no dossiers yet) must empty the table too, which ClickHouse refuses
      // by default.
      for (const [table, from] of [
        ['late_event_firsts', lateCopy],
        ['dossier_snapshot', copy],
      ]) {
        await this.command(
          `ALTER TABLE ${this.db}.${table} REPLACE PARTITION tuple() FROM ${from}
           SETTINGS allow_replace_partition_from_empty_source = 1`,
        );
      }
    } finally {
      await this.command(`DROP TABLE IF EXISTS ${copy}`);
      await this.command(`DROP TABLE IF EXISTS ${lateCopy}`);
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

  /**
   * Fills `table` (shaped as `late_event_firsts`) with the first arrival of every event that has a copy in
   * `late_arrivals`, and its dossier as `snapshot` (the snapshot of the same build) has it.
   */
  private lateEventFirsts(table: string, snapshot: string): string {
    const late = `SELECT source, dossier_code, event_id FROM ${this.db}.late_arrivals`;
    return `INSERT INTO ${table}
      SELECT first.source, first.dossier_code, first.event_id, first.occurred_date, first.first_ingested_at,
             dossier.dossier_code != '' AS dossier_received, dossier.agency_code, dossier.procedure_code
      FROM (
        SELECT source, dossier_code, event_id,
               toDate32(min(occurred_at), '${LOCAL_TIME_ZONE}') AS occurred_date,
               min(ingested_at) AS first_ingested_at
        FROM ${this.db}.dossier_event_facts
        WHERE (source, dossier_code, event_id) IN (${late})
        GROUP BY source, dossier_code, event_id
      ) AS first
      LEFT JOIN (
        SELECT source, dossier_code, agency_code, procedure_code FROM ${snapshot}
        WHERE (source, dossier_code) IN (SELECT source, dossier_code FROM (${late}))
      ) AS dossier ON dossier.source = first.source AND dossier.dossier_code = first.dossier_code
      SETTINGS join_use_nulls = 0`;
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
