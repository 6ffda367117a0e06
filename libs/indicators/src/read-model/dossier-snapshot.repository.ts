import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import { dayCountRows, FACT_COLUMNS, flattenedDossierState } from '../engine/indicator-engine.sql';
import { LOCAL_TIME_ZONE } from '../local-calendar';

/** One build of the dossier snapshot. */
export interface DossierSnapshotBuild {
  /** Every event ingested by then is in the snapshot. */
  watermark: Date;
  dossiers: number;
  buildMs: number;
}

/** Builds kept beside the latest, for queries that picked it just before a newer one was recorded. */
const KEPT_BUILDS = 2;
/**
 * On a ClickHouse server (other replicas may be building), a build not recorded after this long was abandoned
 * (its builder stopped): its partitions go.
 */
const ABANDONED_AFTER_SECONDS = 6 * 3600;
/** The builds this process is writing (`database/build`): never orphans, whatever the store. */
const BUILDS_IN_FLIGHT = new Set<string>();
const BUILD_TABLES = [
  'dossier_snapshot',
  'late_event_firsts',
  'dossier_day_counts',
  'dossier_agency_day_counts',
  'late_event_counts',
] as const;

/**
 * Builds the dossier snapshot (docs/indicators.md, "How the engine reads it fast"): every received dossier of
 * `dossier_state`, folded and flattened, into a partition of `dossier_snapshot` named by a fresh build id; the
 * late events of `late_event_firsts` and the counts of `dossier_day_counts`, `dossier_agency_day_counts` and
 * `late_event_counts` from it, in partitions of the same id. The build is recorded last, so a query that picks it
 * reads every table whole and of one build. Two builders at once write apart; builds before the last few are
 * dropped, and so are the partitions of builds that will never be recorded (a builder killed or a write failed
 * mid-way): on chDB, which one process holds, every unrecorded build this process is not writing; on a server,
 * those hours old.
 */
@Injectable()
export class DossierSnapshotRepository {
  private readonly db: string;
  /** chDB: this process alone writes the data directory, so it knows every build in flight. */
  private readonly storeIsOurs: boolean;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
    this.storeIsOurs = !config.CLICKHOUSE_URL;
  }

  /**
   * @param watermark a moment by which every event ingested has been written: the caller keeps a margin for
   *   writes in flight (events are stamped on arrival, written moments later).
   */
  async rebuild(watermark: Date): Promise<DossierSnapshotBuild> {
    const started = performance.now();
    const build = BigInt(`0x${randomBytes(8).toString('hex')}`).toString();
    const inFlight = `${this.db}/${build}`;
    BUILDS_IN_FLIGHT.add(inFlight);
    try {
      // What a builder killed or failed before left behind goes first (also when this build fails).
      await this.dropOldBuilds();
      const built = await this.writeBuild(build, watermark, started);
      await this.dropOldBuilds();
      return built;
    } finally {
      BUILDS_IN_FLIGHT.delete(inFlight);
    }
  }

  /** Writes the build's partitions, then records it; on a failure drops what it wrote, as far as it can. */
  private async writeBuild(build: string, watermark: Date, started: number): Promise<DossierSnapshotBuild> {
    let dossiers: number;
    try {
      await this.command(
        `INSERT INTO ${this.db}.dossier_snapshot (build_id, ${FACT_COLUMNS})
         SELECT ${build}, ${FACT_COLUMNS} FROM (${flattenedDossierState(
           `SELECT source, dossier_code, intake, due, resolved_at, closed_at, returned, paid
            FROM ${this.db}.dossier_state FINAL`,
         )})`,
      );
      const snapshot = `(SELECT * FROM ${this.db}.dossier_snapshot WHERE build_id = ${build})`;
      await this.command(this.lateEventFirsts(build, snapshot));
      await this.command(
        `INSERT INTO ${this.db}.late_event_counts
         SELECT ${build}, occurred_date, toDate32(first_ingested_at, '${LOCAL_TIME_ZONE}') AS first_ingested_date,
                agency_code, procedure_code, count()
         FROM ${this.db}.late_event_firsts
         WHERE build_id = ${build} AND dossier_received
         GROUP BY occurred_date, first_ingested_date, agency_code, procedure_code`,
      );
      await this.command(
        `INSERT INTO ${this.db}.dossier_day_counts
         SELECT ${build}, anchor, day, until, agency_code, procedure_code, class, count()
         FROM (${dayCountRows(`SELECT ${FACT_COLUMNS} FROM ${snapshot}`)})
         GROUP BY anchor, day, until, agency_code, procedure_code, class`,
      );
      await this.command(
        `INSERT INTO ${this.db}.dossier_agency_day_counts
         SELECT ${build}, anchor, day, until, agency_code, class, sum(dossiers)
         FROM ${this.db}.dossier_day_counts
         WHERE build_id = ${build}
         GROUP BY anchor, day, until, agency_code, class`,
      );
      dossiers = await this.scalar(`SELECT count() FROM ${snapshot}`);
    } catch (error) {
      // If ClickHouse refuses the drops too, what stays is unrecorded: the next build's clean-up drops it.
      await this.dropBuilds([build]).catch(() => undefined);
      throw error;
    }
    const buildMs = Math.round(performance.now() - started);
    await this.client.insert({
      table: `${this.db}.dossier_snapshot_builds`,
      values: [
        {
          build_id: build,
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
   * Fills `late_event_firsts` for `build` with the first arrival of every event that has a copy in
   * `late_arrivals`, and its dossier as `snapshot` (the snapshot of the same build) has it.
   */
  private lateEventFirsts(build: string, snapshot: string): string {
    const late = `SELECT source, dossier_code, event_id FROM ${this.db}.late_arrivals`;
    return `INSERT INTO ${this.db}.late_event_firsts
      SELECT ${build}, first.source, first.dossier_code, first.event_id, first.occurred_date,
             first.first_ingested_at, dossier.dossier_code != '' AS dossier_received, dossier.agency_code,
             dossier.procedure_code
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

  /**
   * Drops the builds before the latest few, and those never recorded that no builder is writing: on chDB every
   * one this process is not writing, on a server those whose partitions are hours old (their builder died; a
   * build still being written is younger than that). Builds this process is writing stay.
   */
  private async dropOldBuilds(): Promise<void> {
    const result = await this.client.query({
      query: `SELECT DISTINCT partition AS build FROM system.parts
              WHERE database = {db:String} AND table IN {tables:Array(String)} AND active
                AND partition NOT IN (
                  SELECT toString(build_id) FROM ${this.db}.dossier_snapshot_builds
                  ORDER BY watermark DESC LIMIT ${KEPT_BUILDS + 1})
                AND (partition IN (SELECT toString(build_id) FROM ${this.db}.dossier_snapshot_builds)
                     OR ${this.storeIsOurs ? '1' : `modification_time < now() - ${ABANDONED_AFTER_SECONDS}`})`,
      query_params: { db: this.db, tables: BUILD_TABLES },
      format: 'JSONEachRow',
    });
    const builds = (await result.json<{ build: string }>()).map((row) => row.build);
    await this.dropBuilds(builds.filter((build) => !BUILDS_IN_FLIGHT.has(`${this.db}/${build}`)));
  }

  /** Drops every table's partition of each build, going on past a failure; throws the first after. */
  private async dropBuilds(builds: readonly string[]): Promise<void> {
    let failure: unknown = null;
    for (const build of builds) {
      for (const table of BUILD_TABLES) {
        await this.command(`ALTER TABLE ${this.db}.${table} DROP PARTITION ${build}`).catch((error) => {
          failure ??= error;
        });
      }
    }
    if (failure) throw failure;
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

  /**
   * Events ingested after `watermark` and by `until` (rows of `dossier_touches`, sorted by ingestion: the count
   * reads one range of its index): what a correction set of a build at `watermark` would fold, at most.
   */
  async changesBetween(watermark: Date, until: Date): Promise<number> {
    const result = await this.client.query({
      query: `SELECT count() AS n FROM ${this.db}.dossier_touches
              WHERE ingested_at > {watermark:DateTime64(3, 'UTC')} AND ingested_at <= {until:DateTime64(3, 'UTC')}`,
      query_params: { watermark: toClickHouseTime(watermark), until: toClickHouseTime(until) },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string }>();
    return Number(row.n);
  }

  private async scalar(query: string): Promise<number> {
    const result = await this.client.query({
      query: `SELECT (${query}) AS n`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string | number }>();
    return Number(row.n);
  }

  private async command(query: string): Promise<void> {
    await this.client.command({ query });
  }
}
