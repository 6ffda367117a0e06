import { inAgencyScope, pinnedPublication } from '../catalogue-scope.sql';
import { EngineQuery } from './engine-query';
import {
  ALL_FACTS,
  DayCountAnchor,
  dayCountRows,
  FactColumn,
  factsFromState,
  flattenedDossierState,
  foldedState,
  RECEIVED_STATE,
  SnapshotBuild,
} from './indicator-engine.sql';

/**
 * The parts a statement is written with, every one resolved for one query and the build it reads: a statement
 * is a pure function of them (`Statement`), assembled in one pass by `assembleStatement`. Rows are aliased
 * `row` (dossiers, day counts) or `offering` (catalogue offerings) by the statements that use them.
 */
export interface StatementParts {
  db: string;
  /** The query the statement is for (its buckets, instants, scope, grouping and asOf). */
  query: EngineQuery;
  /** The query reads a snapshot (and the tables rebuilt with it), not every dossier's events. */
  readsSnapshot: boolean;
  /** Rows of the build the statement reads, in a table kept per build. */
  ofBuild: string;
  /** Rows of the query's correction set, in a table kept per set. */
  ofCorrections: string;
  /**
   * One row per dossier with a received intake (docs/indicators.md, "From events to dossiers"), each with a
   * `weight` to sum instead of counting rows. With `asOf`, the dossiers as they stood then (weight 1). Live,
   * the snapshot (weight 1) and the rows of its correction set: −1 for what the changed dossiers were, 1 for
   * what they are now (docs/indicators.md, "How the engine reads it fast"). Without a snapshot, every dossier as
   * it is now. Only the `columns` the statement reads: each column more costs the query's analysis.
   */
  facts(columns: readonly FactColumn[]): string;
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
    options?: { readsProcedure?: boolean },
  ): string;
  /**
   * The received dossiers among those `dossiers` selects (source, dossier_code), as they are now or stood at
   * `asOf`, one row each, with the columns of `facts()` and no weight.
   */
  receivedDossiers(dossiers: string): string;
  /** `UNION ALL` the rows `corrections` selects from the query's correction set, if it has one. */
  corrected(corrections: string): string;
  /** `column` (an agency code) is within the query's agency scope. */
  inScope(column: string): string;
  /** `column` (a procedure code) is within the query's field / procedure narrowing. */
  inNarrowing(column: string): string;
  /** Joins that give `grp` for rows with the given agency and procedure columns. */
  groupJoins(agencyColumn: string, procedureColumn: string): string;
  /** The group key of a row joined with `groupJoins`. */
  groupKey(agencyColumn: string, procedureColumn: string): string;
  /** The 1-based bucket a local date (inside the query's span) falls in. */
  bucketOf(dateColumn: string): string;
  /** Query parameters every statement may use. */
  params: Record<string, unknown>;
}

/**
 * A statement: what it selects, written with the query's parts. Counting statements select `bucket`, `grp`,
 * `numerator`, `denominator` and any breakdown columns (`IndicatorEngineRepository.counts`).
 */
export type Statement = (sql: StatementParts) => string;

/** A statement ready to run: its text (the catalogue publication pinned) and its parameters. */
export interface AssembledStatement {
  query: string;
  query_params: Record<string, unknown>;
}

/**
 * `statement` for `query` over `snapshot` (null: no snapshot yet, or asOf: read every dossier from
 * `dossier_state` or the events), in one pass: the parts are resolved, the statement writes itself with them,
 * the publication is pinned. `params` adds parameters of the statement's own.
 */
export function assembleStatement(
  db: string,
  query: EngineQuery,
  snapshot: SnapshotBuild | null,
  statement: Statement,
  params: Record<string, unknown> = {},
): AssembledStatement {
  const sql = statementParts(db, query, snapshot);
  return { query: `${pinnedPublication(db)} ${statement(sql)}`, query_params: { ...sql.params, ...params } };
}

/** The parts of `query`'s statements over `snapshot` (see `assembleStatement`). */
export function statementParts(
  db: string,
  query: EngineQuery,
  snapshot: SnapshotBuild | null = null,
): StatementParts {
  const readsSnapshot = query.asOf === null && snapshot !== null;
  const ofBuild = 'build_id = {snapshot_build:UInt64}';
  const ofCorrections = 'set_id = {corrections:UInt64}';
  const corrected = (corrections: string) => (snapshot?.corrections ? `UNION ALL ${corrections}` : '');
  const narrowsOrGroupsByProcedure =
    query.procedure !== null ||
    query.field !== null ||
    query.groupBy === 'procedure' ||
    query.groupBy === 'field';

  /**
   * The received dossiers with `columns` (and `extra` SELECT items), now or at `asOf`, of every dossier or only
   * those `dossiers` selects. Now, straight over `dossier_state FINAL` (its WHERE applies to the merged rows): a
   * query's analysis costs more per level of nesting. At `asOf`, folded from the events ingested by then.
   */
  const flattenedState = (
    dossiers: string | null,
    columns: readonly FactColumn[] = ALL_FACTS,
    extra = '',
  ): string => {
    const only = dossiers === null ? '' : `AND (source, dossier_code) IN (${dossiers})`;
    const more = extra ? `, ${extra}` : '';
    if (query.asOf) {
      return `SELECT ${columns.join(', ')}${more} FROM (${flattenedDossierState(
        foldedState(`${db}.dossier_event_facts`, `ingested_at <= {as_of:DateTime64(3, 'UTC')} ${only}`),
      )})`;
    }
    return `SELECT ${factsFromState(columns)}${more} FROM ${db}.dossier_state FINAL WHERE ${RECEIVED_STATE} ${only}`;
  };

  const facts = (columns: readonly FactColumn[]): string => {
    if (!readsSnapshot) return `(${flattenedState(null, columns, 'toInt8(1) AS weight')})`;
    const names = columns.join(', ');
    return `(
      SELECT ${names}, toInt64(1) AS weight FROM ${db}.dossier_snapshot WHERE ${ofBuild}
      ${corrected(`SELECT ${names}, weight FROM ${db}.dossier_fact_corrections WHERE ${ofCorrections}`)}
    )`;
  };

  const dayCounts = (
    anchors: DayCountAnchor | readonly DayCountAnchor[],
    options: { readsProcedure?: boolean } = {},
  ): string => {
    const read = typeof anchors === 'string' ? [anchors] : anchors;
    const byProcedure = options.readsProcedure === true || narrowsOrGroupsByProcedure;
    // Without the procedure, '' in its place, so every statement sees the same columns.
    const procedure = byProcedure ? 'procedure_code' : `'' AS procedure_code`;
    const span = read
      .map((anchor) =>
        anchor === 'overdue_open'
          ? `(anchor = '${anchor}' AND day <= {to:Date32} AND until >= {from:Date32})`
          : `(anchor = '${anchor}' AND day BETWEEN {from:Date32} AND {to:Date32})`,
      )
      .join(' OR ');
    if (!readsSnapshot) {
      return `(
        SELECT anchor, day, until, agency_code, procedure_code, class, toInt64(1) AS weight
        FROM (${dayCountRows(flattenedState(null), read)})
        WHERE ${span})`;
    }
    const table = byProcedure ? 'dossier_day_counts' : 'dossier_agency_day_counts';
    return `(
      SELECT anchor, day, until, agency_code, ${procedure}, class, toInt64(dossiers) AS weight
      FROM ${db}.${table}
      WHERE ${ofBuild} AND (${span})
      ${corrected(`
        SELECT anchor, day, until, agency_code, ${procedure}, class, weight
        FROM ${db}.dossier_day_count_corrections
        WHERE ${ofCorrections} AND (${span})`)}
    )`;
  };

  /**
   * Each unit of the scope with the group it reports in: the child of the scope agency on its chain (the
   * scope agency's own units are its group); for the whole province, the top of its chain.
   */
  const agencyGroups = (): string => {
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
  };

  const groupJoins = (agencyColumn: string, procedureColumn: string): string => {
    switch (query.groupBy) {
      case 'agency':
        return `LEFT JOIN (${agencyGroups()}) AS agency_group ON agency_group.agency_code = ${agencyColumn}`;
      case 'field':
        return `LEFT JOIN (SELECT code, field FROM ${db}.catalogue_procedures WHERE publication = publication_in_use)
                AS procedure_field ON procedure_field.code = ${procedureColumn}`;
      default:
        return '';
    }
  };

  const groupKey = (agencyColumn: string, procedureColumn: string): string => {
    switch (query.groupBy) {
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
  };

  const inNarrowing = (column: string): string => {
    const conditions = ['true'];
    if (query.procedure !== null) conditions.push(`${column} = {procedure:String}`);
    if (query.field !== null) {
      conditions.push(`${column} IN (SELECT code FROM ${db}.catalogue_procedures
        WHERE publication = publication_in_use AND field = {field:String})`);
    }
    return conditions.join(' AND ');
  };

  return {
    db,
    query,
    readsSnapshot,
    ofBuild,
    ofCorrections,
    facts,
    dayCounts,
    receivedDossiers: (dossiers) => `(${flattenedState(dossiers)})`,
    corrected,
    inScope: (column) =>
      query.agency === null ? 'true' : inAgencyScope(db, column, { subtree: query.subtree }),
    inNarrowing,
    groupJoins,
    groupKey,
    bucketOf: (dateColumn) =>
      query.buckets.length === 1
        ? '1'
        : `arrayFirstIndex(bucket_to -> bucket_to >= ${dateColumn}, {bucket_tos:Array(Date32)})`,
    params: {
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
      snapshot_build: snapshot?.id ?? '0',
      corrections: snapshot?.corrections ?? '0',
    },
  };
}
