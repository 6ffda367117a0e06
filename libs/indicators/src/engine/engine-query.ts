import type { Structure } from '../indicator-query.schema';
import { DateRange } from '../local-calendar';
import type { SnapshotBuild } from './indicator-engine.sql';

/** A grouping that narrows the scope (each group is computed as if it were the scope). */
export type ScopeGrouping = 'agency' | 'procedure' | 'field';

/** What the engine computes: one query, resolved to consecutive buckets of days and a scope. */
export interface EngineQuery {
  /** Consecutive periods (one unless grouped by day, week or month), each computed as a period of its own. */
  buckets: DateRange[];
  /** Per bucket, the instant "open" is judged at (ClickHouse time, UTC): its end, or now if earlier. */
  instants: string[];
  agency: string | null;
  structure: Structure;
  /** false: the agency alone, without the units under it. */
  subtree: boolean;
  field: string | null;
  procedure: string | null;
  groupBy: ScopeGrouping | null;
  /** ClickHouse time (UTC): count only events ingested by then. */
  asOf: string | null;
  /**
   * The snapshot build the statements read (`IndicatorEngineRepository.latestBuild`), resolved once for all the
   * statements of a query; null: none yet. Left out, each statement looks up the latest itself. Unused with asOf.
   */
  snapshot?: SnapshotBuild | null;
}

/** Counts for one bucket and group. */
export interface EngineRow {
  bucket: number;
  group: string | null;
  numerator: number;
  denominator: number;
  breakdown: Record<string, number>;
}
