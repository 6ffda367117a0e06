import { randomBytes } from 'node:crypto';
import { ClickHouseClient } from '@clickhouse/client';
import { SnapshotBuild } from '../engine/indicator-engine.sql';
import { correctionSetStatements } from './correction-sets.sql';

/**
 * A correction set is picked for 10 minutes after it is made; its rows expire 10 minutes later (migration 015),
 * so a statement that picked one reads all of it. Both ways of picking one are held to this: with `maxLag` (up
 * to an hour) the newest prepared set younger than both, else a set is made.
 */
const CORRECTION_SET_READABLE_SECONDS = 600;

/**
 * The correction sets of the read model (README.md): which build and set a live query reads, made when none fits
 * the changes since the build's watermark (a query's own set, as `dossier_state` is now) or prepared ahead (cut at
 * a moment of ingestion, for `maxLag`).
 */
export class CorrectionSets {
  /** Correction sets being made by this process, by build and changes: concurrent queries wait for one. */
  private readonly correctionSetsInTheMaking = new Map<string, Promise<string>>();

  constructor(
    private readonly client: ClickHouseClient,
    private readonly db: string,
  ) {}

  /**
   * The latest snapshot build, or null before the first, with the correction set for the dossiers changed since
   * its watermark: the one made for the changes as they stand now, made now if none was. A build is recorded only
   * once its tables are written, and kept for a while after newer ones, so a statement that picked it reads all
   * of it; the same holds for a correction set.
   *
   * With `maxLagSeconds`, the newest set of the build made within that many seconds is read instead, if there is
   * one (`preparedUntil`: the figures as the events stood at its cut), sparing the query the check and the making:
   * `CorrectionSetScheduler` prepares one every few seconds for live dashboards.
   */
  async latestBuild(options: { maxLagSeconds?: number | null } = {}): Promise<SnapshotBuild | null> {
    const lag = options.maxLagSeconds ?? 0;
    if (lag > 0) {
      const [latest] = await this.select<{ id: string; watermark: string; set_id: string; cut_at: string }>(
        `SELECT toString(build.build_id) AS id, toString(build.watermark) AS watermark,
                toString(prepared.set_id) AS set_id, toString(prepared.cut_at) AS cut_at
         FROM (${this.latestRecordedBuild}) AS build
         LEFT JOIN (
           SELECT build_id, argMax(set_id, (touched_until, touches)) AS set_id, max(touched_until) AS cut_at
           FROM ${this.db}.dossier_correction_sets
           WHERE cut AND created_at > now() - INTERVAL {lag:UInt32} SECOND
             AND created_at > now() - INTERVAL ${CORRECTION_SET_READABLE_SECONDS} SECOND
           GROUP BY build_id
         ) AS prepared ON prepared.build_id = build.build_id`,
        { lag },
      );
      if (!latest) return null;
      const { id, watermark } = latest;
      if (latest.set_id !== '0')
        return { id, watermark, corrections: latest.set_id, preparedUntil: latest.cut_at };
      return { id, watermark, corrections: (await this.correctionsFor({ id, watermark }, 'now')).set };
    }
    const latest = await this.latestRecorded();
    return latest ? { ...latest, corrections: (await this.correctionsFor(latest, 'now')).set } : null;
  }

  /**
   * Makes the correction set for the changes since the latest build's watermark as they stand now, cut at the
   * latest of them, unless one was made for them (`CorrectionSetScheduler`): what a query with `maxLag` reads.
   * Says which it was: `none` without a build or changes since its watermark.
   */
  async prepareCorrectionSet(): Promise<'none' | 'ready' | 'made'> {
    const latest = await this.latestRecorded();
    if (!latest) return 'none';
    const { set, made } = await this.correctionsFor(latest, 'cut');
    return set === null ? 'none' : made ? 'made' : 'ready';
  }

  private get latestRecordedBuild(): string {
    return `SELECT build_id, watermark FROM ${this.db}.dossier_snapshot_builds ORDER BY watermark DESC LIMIT 1`;
  }

  private async latestRecorded(): Promise<{ id: string; watermark: string } | undefined> {
    const [latest] = await this.select<{ id: string; watermark: string }>(
      `SELECT toString(build_id) AS id, toString(watermark) AS watermark FROM (${this.latestRecordedBuild})`,
    );
    return latest;
  }

  /**
   * The correction set of `build` for the changes since its watermark as they stand now (null: none). The
   * changes are told by the rows of `dossier_touches` past the watermark, how many and the latest: every event
   * written adds one. A set made for them is reused (by every query and replica) while they stay the same;
   * otherwise one is made, once per process for concurrent queries. `now` reuses any set and makes one of the
   * dossiers as they are (cheaper: events that arrive meanwhile are in it too, and it is recorded for the changes
   * seen before them, so no later query picks it); `cut` wants a set cut at the latest of those rows
   * (`correctionSetStatements`).
   */
  private async correctionsFor(
    build: { id: string; watermark: string },
    fold: 'now' | 'cut',
  ): Promise<{ set: string | null; made: boolean }> {
    const [changes] = await this.select<Changes & { set_id: string }>(
      `SELECT toString(changes.touches) AS touches, toString(changes.touched_until) AS touched_until,
              toString(made.set_id) AS set_id
       FROM (
         SELECT count() AS touches, max(ingested_at) AS touched_until FROM ${this.db}.dossier_touches
         WHERE ingested_at > {watermark:DateTime64(3, 'UTC')}
       ) AS changes
       LEFT JOIN (
         SELECT touches, touched_until, any(set_id) AS set_id FROM ${this.db}.dossier_correction_sets
         WHERE ${this.readable} ${fold === 'cut' ? 'AND cut' : ''}
         GROUP BY touches, touched_until
       ) AS made ON made.touches = changes.touches AND made.touched_until = changes.touched_until`,
      { build: build.id, watermark: build.watermark },
    );
    if (changes.touches === '0') return { set: null, made: false };
    if (changes.set_id !== '0') return { set: changes.set_id, made: false };
    const key = `${build.id}/${changes.touches}/${changes.touched_until}/${fold}`;
    let making = this.correctionSetsInTheMaking.get(key);
    if (!making) {
      making = this.parentFor(build, changes)
        .then((parent) => this.makeCorrectionSet(build, changes, fold, parent))
        .finally(() => this.correctionSetsInTheMaking.delete(key));
      this.correctionSetsInTheMaking.set(key, making);
    }
    return { set: await making, made: true };
  }

  /**
   * The newest readable set of `build` for fewer changes, cut or not (none: undefined): a new set keeps its rows of
   * the dossiers not touched since. Any such set will do: every set holds its dossiers as its changes left them, or
   * later.
   */
  private async parentFor(
    build: { id: string },
    changes: Changes,
  ): Promise<{ parent_set: string; parent_until: string } | undefined> {
    const [parent] = await this.select<{ parent_set: string; parent_until: string }>(
      `SELECT toString(argMax(set_id, (touched_until, touches))) AS parent_set,
              toString(max(touched_until)) AS parent_until
       FROM ${this.db}.dossier_correction_sets
       WHERE ${this.readable} AND touched_until <= {until:DateTime64(3, 'UTC')} AND touches < {touches:UInt64}
       HAVING count() > 0`,
      { build: build.id, until: changes.touched_until, touches: changes.touches },
    );
    return parent;
  }

  /** The sets of build {build:UInt64} a query may still pick (their rows are all there). */
  private get readable(): string {
    return `build_id = {build:UInt64} AND created_at > now() - INTERVAL ${CORRECTION_SET_READABLE_SECONDS} SECOND`;
  }

  /**
   * Writes a correction set of `build` (`correctionSetStatements`; `cut`: at `changes.touched_until`; from
   * `parent`'s rows if given) and records it for `changes` last; returns its id. Queries reach it through
   * `latestBuild`.
   */
  async makeCorrectionSet(
    build: { id: string; watermark: string },
    changes: Changes,
    fold: 'now' | 'cut',
    parent?: { parent_set: string; parent_until: string },
  ): Promise<string> {
    const set = BigInt(`0x${randomBytes(8).toString('hex')}`).toString();
    const params = {
      set,
      build: build.id,
      watermark: build.watermark,
      cut: changes.touched_until,
      ...(parent && { parent: parent.parent_set, parent_until: parent.parent_until }),
    };
    const statements = correctionSetStatements(this.db, fold, { chained: parent !== undefined });
    await this.client.command({ query: statements.facts, query_params: params });
    await this.client.command({ query: statements.dayCounts, query_params: params });
    // Most feeds arrive on time: checking first is cheaper than the late-event insert's lookups.
    const [late] = await this.select<{ needed: number }>(statements.lateEventsNeeded, params);
    if (Number(late.needed))
      await this.client.command({ query: statements.lateEvents, query_params: params });
    await this.client.insert({
      table: `${this.db}.dossier_correction_sets`,
      values: [
        {
          set_id: set,
          build_id: build.id,
          touches: changes.touches,
          touched_until: changes.touched_until,
          cut: fold === 'cut',
        },
      ],
      format: 'JSONEachRow',
    });
    return set;
  }

  private async select<T>(statement: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await this.client.query({ query: statement, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }
}

/** The changes past a build's watermark that a correction set covers: how many rows of `dossier_touches`, the latest. */
interface Changes {
  touches: string;
  touched_until: string;
}
