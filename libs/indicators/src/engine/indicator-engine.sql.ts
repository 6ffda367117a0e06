import { LOCAL_TIME_ZONE } from '../local-calendar';
import { inAgencyScope, pinnedPublication } from '../catalogue-scope.sql';
import { EngineQuery } from './engine-query';

/**
 * SQL for the indicators of docs/indicators.md over ClickHouse. Every statement pins one catalogue
 * publication, filters by the query's scope, and groups by `bucket` (1-based index into the query's
 * consecutive periods) and `grp` (the group key of a grouping by agency, procedure or field; '' otherwise).
 */

export const tz = `'${LOCAL_TIME_ZONE}'`;

/**
 * What every dossier statement reads of a dossier (the columns of `dossier_snapshot`, in its order), each as it
 * is computed from `dossier_state`'s columns (intake, due, resolved_at, …). Tuple elements by position: the asOf
 * path builds the same tuples without their names.
 */
const FACTS_FROM_STATE = {
  source: 'source',
  dossier_code: 'dossier_code',
  received_at: 'tupleElement(intake, 1)',
  received_date: `toDate32(tupleElement(intake, 1), ${tz})`,
  channel: 'tupleElement(intake, 3)',
  agency_code: 'tupleElement(intake, 4)',
  procedure_code: 'tupleElement(intake, 5)',
  due_at: 'tupleElement(due, 2)',
  due_date: `toDate32(tupleElement(due, 2), ${tz})`,
  resolved_at: 'resolved_at',
  resolved_date: `toDate32(resolved_at, ${tz})`,
  closed_at: 'closed_at',
  closed_date: `toDate32(closed_at, ${tz})`,
  returned_at: 'tupleElement(returned, 1)',
  returned_date: `toDate32(tupleElement(returned, 1), ${tz})`,
  return_channel: 'tupleElement(returned, 2)',
  paid_at: 'tupleElement(paid, 1)',
  paid_date: `toDate32(tupleElement(paid, 1), ${tz})`,
  payment_method: 'tupleElement(paid, 2)',
} as const;
export type FactColumn = keyof typeof FACTS_FROM_STATE;
/** Of `dossier_state`'s rows, the dossiers received (the others count nowhere). */
export const RECEIVED_STATE = `tupleElement(intake, 2) = 'received'`;

export const ALL_FACTS: readonly FactColumn[] = Object.keys(FACTS_FROM_STATE) as FactColumn[];
/** The columns of `dossier_snapshot`, in its order. */
export const FACT_COLUMNS = ALL_FACTS.join(', ');

/** `columns` computed from `dossier_state`'s columns, as a SELECT list. */
export function factsFromState(columns: readonly FactColumn[]): string {
  return columns
    .map((name) => (FACTS_FROM_STATE[name] === name ? name : `${FACTS_FROM_STATE[name]} AS ${name}`))
    .join(', ');
}

/**
 * `dossier_state`'s columns of the dossiers `where` selects in `table` (`dossier_state` or
 * `dossier_event_facts`), folded by GROUP BY as FINAL would: for a few dossiers, faster than FINAL.
 */
export function foldedState(table: string, where: string): string {
  return `SELECT source, dossier_code, max(intake) AS intake, max(due) AS due, min(resolved_at) AS resolved_at,
                 min(closed_at) AS closed_at, min(returned) AS returned, min(paid) AS paid
          FROM ${table} WHERE ${where}
          GROUP BY source, dossier_code`;
}

/** Rows of `dossier_state`'s columns flattened to `FACT_COLUMNS`, received dossiers only. */
export function flattenedDossierState(state: string): string {
  return `SELECT ${factsFromState(ALL_FACTS)} FROM (${state}) WHERE ${RECEIVED_STATE}`;
}

/** What a dossier counts for in `dossier_day_counts`, by anchor (docs/indicators.md). */
export const DAY_COUNT_ANCHORS = [
  'received',
  'resolved',
  'closed',
  'paid',
  'returned',
  'overdue_open',
] as const;
export type DayCountAnchor = (typeof DAY_COUNT_ANCHORS)[number];

/**
 * A dossier's row for `anchor` in `dossier_day_counts`: its `day`, `until` and `class`, from its fact columns; no
 * row unless day <= until. Receipt by channel; resolution by its day against the due day (early / on_time /
 * late); closure (withdrawal or stop) only before any resolution (a dossier closed without a result); payment by
 * method; return by channel (a day of 2299-12-31 is "never": no period reaches it).
 * `overdue_open` spans the days at whose end the dossier was received, not yet resolved nor closed, and past its
 * due day: the `.on_time` denominator's "open past due at a period's end".
 */
function anchorEntry(anchor: DayCountAnchor): { day: string; until: string; class: string } {
  const stillOpen = 'least(resolved_date, closed_date)';
  const overdue = `due_date < ${stillOpen}`;
  const on = (date: FactColumn, what: string) => ({ day: date, until: date, class: what });
  switch (anchor) {
    case 'received':
      return on('received_date', 'toString(channel)');
    case 'resolved':
      return on(
        'resolved_date',
        `multiIf(resolved_date < due_date, 'early', resolved_date = due_date, 'on_time', 'late')`,
      );
    case 'closed':
      // A dossier resolved first (or never closed: both 2299) gives no row.
      return {
        day: 'closed_date',
        until: `if(closed_at < resolved_at, closed_date, toDate32('1900-01-01'))`,
        class: `''`,
      };
    case 'paid':
      return on('paid_date', 'toString(payment_method)');
    case 'returned':
      return on('returned_date', 'toString(return_channel)');
    case 'overdue_open':
      // Date32 ends at 2299-12-31: the day after a "never" due day is not computed.
      return {
        day: `if(${overdue}, greatest(received_date, due_date + 1), toDate32('2299-12-31'))`,
        until: `if(${overdue}, ${stillOpen} - 1, toDate32('1900-01-01'))`,
        class: `''`,
      };
  }
}

/**
 * The rows of `dossier_day_counts` that the dossiers `facts` selects (with `FACT_COLUMNS`) count for, one per
 * dossier and anchor (`anchorEntry`), not yet counted: `anchor`, `day`, `until`, `agency_code`,
 * `procedure_code`, `class`.
 */
export function dayCountRows(
  facts: string,
  anchors: readonly DayCountAnchor[] = DAY_COUNT_ANCHORS,
  { weighted = false }: { weighted?: boolean } = {},
): string {
  const entry = (anchor: DayCountAnchor) => {
    const { day, until, class: what } = anchorEntry(anchor);
    return `('${anchor}', ${day}, ${until}, ${what})`;
  };
  // One anchor (a query's) needs no ARRAY JOIN: each dossier gives at most one row.
  const rows =
    anchors.length === 1
      ? `SELECT *, ${entry(anchors[0])} AS entry FROM (${facts})`
      : `SELECT *, entry FROM (${facts}) ARRAY JOIN [${anchors.map(entry).join(', ')}] AS entry`;
  return `SELECT entry.1 AS anchor, entry.2 AS day, entry.3 AS until, agency_code, procedure_code, entry.4 AS class
      ${weighted ? ', weight' : ''}
    FROM (${rows})
    WHERE entry.2 <= entry.3`;
}

/** The snapshot build a statement reads (`dossier_snapshot_builds`). */
export interface SnapshotBuild {
  id: string;
  /** ClickHouse time: every event ingested by then is in the build. */
  watermark: string;
  /**
   * The correction set (`dossier_correction_sets`) for the dossiers changed since the watermark, made for the
   * changes as they stand when the query starts, or a prepared one (`preparedUntil`); null: nothing changed since.
   */
  corrections: string | null;
  /**
   * Set when `corrections` is a set prepared earlier, read instead of the changes as they stand now (a query with
   * `maxLag`): the ClickHouse time of its cut. Events ingested after it are left out, as with `asOf`.
   */
  preparedUntil?: string;
}

export class IndicatorSql {
  /**
   * @param snapshot the snapshot build to read, picked before the statement. null: no snapshot yet, read every
   *   dossier from `dossier_state`.
   */
  constructor(
    private readonly db: string,
    private readonly query: EngineQuery,
    private readonly snapshot: SnapshotBuild | null = null,
  ) {}

  /** Query parameters every statement may use. */
  params(): Record<string, unknown> {
    const { query } = this;
    return {
      agency: query.agency ?? '',
      structure: query.structure,
      field: query.field ?? '',
      procedure: query.procedure ?? '',
      from: query.buckets[0].from,
      to: query.buckets[query.buckets.length - 1].to,
      bucket_froms: query.buckets.map((bucket) => bucket.from),
      bucket_tos: query.buckets.map((bucket) => bucket.to),
      instants: query.instants,
      as_of: query.asOf ?? '1970-01-01 00:00:00.000',
      snapshot_build: this.snapshot?.id ?? '0',
      corrections: this.snapshot?.corrections ?? '0',
    };
  }

  /**
   * One row per dossier with a received intake (docs/indicators.md, "From events to dossiers"), each with a
   * `weight` to sum instead of counting rows. With `asOf`, the dossiers as they stood then (weight 1). Live,
   * the snapshot (weight 1) and the rows of its correction set: −1 for what the changed dossiers were, 1 for
   * what they are now (docs/indicators.md, "How the engine reads it fast"). Without a snapshot, every dossier as
   * it is now. Only the `columns` the statement reads: each column more costs the query's analysis.
   */
  facts(columns: readonly FactColumn[]): string {
    const { db } = this;
    if (!this.readsSnapshot) return `(${this.flattenedState(null, columns, 'toInt8(1) AS weight')})`;
    const names = columns.join(', ');
    return `(
      SELECT ${names}, toInt64(1) AS weight FROM ${db}.dossier_snapshot WHERE ${this.ofBuild}
      ${this.corrected(`SELECT ${names}, weight FROM ${db}.dossier_fact_corrections WHERE ${this.ofCorrections}`)}
    )`;
  }

  /**
   * The dossiers counted per anchor, day, agency, procedure and class (see `dayCountRows`), each row with a
   * `weight` to sum; `day` limited to the query's span (`overdue_open`: the span of days open past due meets it).
   * Live, the build's `dossier_day_counts` and its correction set's; with `asOf` or without a snapshot, counted
   * from the dossiers. A statement that needs no procedure (none asked for by `readsProcedure`, the query's
   * narrowing or its grouping) reads the build's `dossier_agency_day_counts` instead, many times fewer rows, with
   * `procedure_code` ''. Several anchors are read at once, told apart by `anchor`.
   */
  dayCounts(
    anchors: DayCountAnchor | readonly DayCountAnchor[],
    options: { readsProcedure?: boolean } = {},
  ): string {
    const { db } = this;
    const read = typeof anchors === 'string' ? [anchors] : anchors;
    const byProcedure = options.readsProcedure === true || this.narrowsOrGroupsByProcedure;
    // Without the procedure, '' in its place, so every statement sees the same columns.
    const procedure = byProcedure ? 'procedure_code' : `'' AS procedure_code`;
    const span = read
      .map((anchor) =>
        anchor === 'overdue_open'
          ? `(anchor = '${anchor}' AND day <= {to:Date32} AND until >= {from:Date32})`
          : `(anchor = '${anchor}' AND day BETWEEN {from:Date32} AND {to:Date32})`,
      )
      .join(' OR ');
    if (!this.readsSnapshot) {
      return `(
        SELECT anchor, day, until, agency_code, procedure_code, class, toInt64(1) AS weight
        FROM (${dayCountRows(this.flattenedState(null), read)})
        WHERE ${span})`;
    }
    const table = byProcedure ? 'dossier_day_counts' : 'dossier_agency_day_counts';
    return `(
      SELECT anchor, day, until, agency_code, ${procedure}, class, toInt64(dossiers) AS weight
      FROM ${db}.${table}
      WHERE ${this.ofBuild} AND (${span})
      ${this.corrected(`
        SELECT anchor, day, until, agency_code, ${procedure}, class, weight
        FROM ${db}.dossier_day_count_corrections
        WHERE ${this.ofCorrections} AND (${span})`)}
    )`;
  }

  /** `UNION ALL` the rows `corrections` selects from the query's correction set, if it has one. */
  corrected(corrections: string): string {
    return this.snapshot?.corrections ? `UNION ALL ${corrections}` : '';
  }

  /** Rows of the query's correction set, in a table kept per set. */
  get ofCorrections(): string {
    return 'set_id = {corrections:UInt64}';
  }

  /** The query narrows to a procedure or a field, or groups by either. */
  private get narrowsOrGroupsByProcedure(): boolean {
    const { query } = this;
    return (
      query.procedure !== null ||
      query.field !== null ||
      query.groupBy === 'procedure' ||
      query.groupBy === 'field'
    );
  }

  /** Rows of the build the statement reads, in a table kept per build. */
  get ofBuild(): string {
    return 'build_id = {snapshot_build:UInt64}';
  }

  /** The query reads a snapshot (and the tables rebuilt with it), not every dossier's events. */
  get readsSnapshot(): boolean {
    return this.query.asOf === null && this.snapshot !== null;
  }

  /**
   * The received dossiers among those `dossiers` selects (source, dossier_code), as they are now or stood at
   * `asOf`, one row each, with the columns of `facts()` and no weight.
   */
  receivedDossiers(dossiers: string): string {
    return `(${this.flattenedState(dossiers)})`;
  }

  /**
   * The received dossiers with `columns` (and `extra` SELECT items), now or at `asOf`, of every dossier or only
   * those `dossiers` selects. Now, straight over `dossier_state FINAL` (its WHERE applies to the merged rows): a
   * query's analysis costs more per level of nesting. At `asOf`, folded from the events ingested by then.
   */
  private flattenedState(
    dossiers: string | null,
    columns: readonly FactColumn[] = ALL_FACTS,
    extra = '',
  ): string {
    const { db, query } = this;
    const only = dossiers === null ? '' : `AND (source, dossier_code) IN (${dossiers})`;
    const more = extra ? `, ${extra}` : '';
    if (query.asOf) {
      return `SELECT ${columns.join(', ')}${more} FROM (${flattenedDossierState(
        foldedState(`${db}.dossier_event_facts`, `ingested_at <= {as_of:DateTime64(3, 'UTC')} ${only}`),
      )})`;
    }
    return `SELECT ${factsFromState(columns)}${more} FROM ${db}.dossier_state FINAL WHERE ${RECEIVED_STATE} ${only}`;
  }

  /** `column` (an agency code) is within the query's agency scope. */
  inScope(column: string): string {
    const { query, db } = this;
    if (query.agency === null) return 'true';
    return inAgencyScope(db, column, { subtree: query.subtree });
  }

  /** `column` (a procedure code) is within the query's field / procedure narrowing. */
  inNarrowing(column: string): string {
    const conditions = ['true'];
    if (this.query.procedure !== null) conditions.push(`${column} = {procedure:String}`);
    if (this.query.field !== null) {
      conditions.push(`${column} IN (SELECT code FROM ${this.db}.catalogue_procedures
        WHERE publication = publication_in_use AND field = {field:String})`);
    }
    return conditions.join(' AND ');
  }

  /** Joins that give `grp` for rows with the given agency and procedure columns (alias `row`). */
  groupJoins(agencyColumn: string, procedureColumn: string): string {
    const { db } = this;
    switch (this.query.groupBy) {
      case 'agency':
        return `LEFT JOIN (${this.agencyGroups()}) AS agency_group ON agency_group.agency_code = ${agencyColumn}`;
      case 'field':
        return `LEFT JOIN (SELECT code, field FROM ${db}.catalogue_procedures WHERE publication = publication_in_use)
                AS procedure_field ON procedure_field.code = ${procedureColumn}`;
      default:
        return '';
    }
  }

  /** The group key of a row joined with `groupJoins`. */
  groupKey(agencyColumn: string, procedureColumn: string): string {
    switch (this.query.groupBy) {
      case 'agency':
        // A code outside the catalogue is its own group.
        return `if(agency_group.group_key = '', ${agencyColumn}, agency_group.group_key)`;
      case 'procedure':
        return procedureColumn;
      case 'field':
        return 'procedure_field.field';
      default:
        return `''`;
    }
  }

  /**
   * Each unit of the scope with the group it reports in: the child of the scope agency on its chain (the
   * scope agency's own units are its group); for the whole province, the top of its chain.
   */
  private agencyGroups(): string {
    const { db, query } = this;
    const rollup = `${db}.catalogue_agency_rollup`;
    if (query.agency === null) {
      return `SELECT agency_code, argMax(ancestor_code, distance) AS group_key FROM ${rollup}
              WHERE publication = publication_in_use AND structure = {structure:String}
              GROUP BY agency_code`;
    }
    return `SELECT unit.agency_code AS agency_code,
                   if(unit.distance = 0, unit.ancestor_code, child.ancestor_code) AS group_key
            FROM (SELECT agency_code, toInt16(distance) - 1 AS child_distance, distance, ancestor_code FROM ${rollup}
                  WHERE publication = publication_in_use AND structure = {structure:String}
                    AND ancestor_code = {agency:String}) AS unit
            LEFT JOIN (SELECT agency_code, toInt16(distance) AS child_distance, ancestor_code FROM ${rollup}
                       WHERE publication = publication_in_use AND structure = {structure:String}) AS child
              ON child.agency_code = unit.agency_code AND child.child_distance = unit.child_distance`;
  }

  /** The 1-based bucket a local date (inside the query's span) falls in. */
  bucketOf(dateColumn: string): string {
    if (this.query.buckets.length === 1) return '1';
    return `arrayFirstIndex(bucket_to -> bucket_to >= ${dateColumn}, {bucket_tos:Array(Date32)})`;
  }

  /** Dated counts of dossiers anchored on one date column, as SELECT … FROM facts … WHERE. */
  withPublication(sql: string): string {
    return `${pinnedPublication(this.db)} ${sql}`;
  }
}
