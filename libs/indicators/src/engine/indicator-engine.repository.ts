import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { fromClickHouseTime } from '@dvc/clickhouse';
import { AppConfig } from '@dvc/config';
import { EngineQuery, EngineRow } from './engine-query';
import { CorrectionSets } from '../read-model/correction-sets';
import { SnapshotBuild } from './indicator-engine.sql';
import { lateEventsStatement } from './late-events.statement';
import { assembleStatement, Statement } from './statement';

type CountRow = { bucket: number; grp: string; numerator: string; denominator: string } & Record<
  string,
  unknown
>;

/**
 * Runs statements (`Statement`, written in the indicators' files) and returns their rows. It writes no SQL of
 * its own and knows no indicator: formulas that combine counts (ratios, percentage points, target gaps) live in
 * pure code; this class only moves data.
 */
@Injectable()
export class IndicatorEngineRepository {
  private readonly db: string;
  /** The read model's correction sets: what a live statement reads beside its build. */
  private readonly correctionSets: CorrectionSets;

  constructor(
    @Inject(ClickHouseClient) private readonly client: ClickHouseClient,
    config: AppConfig,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
    this.correctionSets = new CorrectionSets(client, this.db);
  }

  /**
   * The counts a counting statement selects (`bucket`, `grp`, `numerator`, `denominator` and any breakdown
   * columns), per bucket and group; a group with nothing counted anywhere is left out.
   */
  async counts(query: EngineQuery, statement: Statement): Promise<EngineRow[]> {
    const rows = await this.rows(query, statement);
    // A group whose dossiers all moved out since the snapshot sums to zero everywhere: nothing counted.
    const counted = rows.filter((row) =>
      Object.entries(row).some(([name, value]) => name !== 'bucket' && name !== 'grp' && Number(value) !== 0),
    );
    return counted.map((row) => {
      const { bucket, grp, numerator, denominator, ...breakdown } = row as CountRow;
      return {
        bucket: Number(bucket),
        group: grp === '' ? null : String(grp),
        numerator: Number(numerator),
        denominator: Number(denominator),
        breakdown: Object.fromEntries(
          Object.entries(breakdown).map(([name, value]) => [name, Number(value)]),
        ),
      };
    });
  }

  /**
   * The rows `statement` selects for `query`, over the query's snapshot build (the latest if it names none).
   * `readsDossiers: false`: a statement over the catalogue alone, which reads no build. `params`: parameters of
   * the statement's own.
   */
  async rows(
    query: EngineQuery,
    statement: Statement,
    { params = {}, readsDossiers = true }: { params?: Record<string, unknown>; readsDossiers?: boolean } = {},
  ): Promise<Record<string, unknown>[]> {
    const snapshot = readsDossiers ? await this.snapshotOf(query) : null;
    const result = await this.client.query({
      ...assembleStatement(this.db, query, snapshot, statement, params),
      format: 'JSONEachRow',
    });
    return result.json<Record<string, unknown>>();
  }

  /**
   * Events of the scope's dossiers that happened in the period but were first ingested after its last day (and
   * by `asOf`, if given): what a report made at the period's end could not have counted (`lateEventsStatement`).
   */
  async lateEvents(query: EngineQuery): Promise<number> {
    const [row] = await this.rows(query, lateEventsStatement);
    return Number(row.late);
  }

  /** When the first event was ingested (migration 012); null while the store is empty. */
  async eventStoreStart(): Promise<Date | null> {
    const result = await this.client.query({
      query: `SELECT count() AS inserts, min(first_ingested_at) AS first FROM ${this.db}.event_store_start`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ inserts: string; first: string }>();
    return Number(row.inserts) === 0 ? null : new Date(fromClickHouseTime(row.first));
  }

  /** The latest snapshot build and its correction set (`CorrectionSets.latestBuild`). */
  latestBuild(options: { maxLagSeconds?: number | null } = {}): Promise<SnapshotBuild | null> {
    return this.correctionSets.latestBuild(options);
  }

  /** `CorrectionSets.prepareCorrectionSet`: what `CorrectionSetScheduler` runs. */
  prepareCorrectionSet(): Promise<'none' | 'ready' | 'made'> {
    return this.correctionSets.prepareCorrectionSet();
  }

  /** `CorrectionSets.makeCorrectionSet`. */
  makeCorrectionSet(
    build: { id: string; watermark: string },
    changes: { touches: string; touched_until: string },
    fold: 'now' | 'cut',
  ): Promise<string> {
    return this.correctionSets.makeCorrectionSet(build, changes, fold);
  }

  /** The snapshot build `query` reads: none with asOf, the one it names, or else the latest. */
  private async snapshotOf(query: EngineQuery): Promise<SnapshotBuild | null> {
    if (query.asOf) return null;
    return query.snapshot === undefined ? this.latestBuild() : query.snapshot;
  }
}
