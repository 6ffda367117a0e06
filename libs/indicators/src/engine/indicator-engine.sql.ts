import { DOSSIER_FACT_COLUMNS, DossierFactColumn } from '@dvc/clickhouse';
import { LOCAL_TIME_ZONE } from '../local-calendar';

/**
 * SQL for the indicators of docs/indicators.md over ClickHouse. Every statement pins one catalogue
 * publication, filters by the query's scope, and groups by `bucket` (1-based index into the query's
 * consecutive periods) and `grp` (the group key of a grouping by agency, procedure or field; '' otherwise).
 */

export const tz = `'${LOCAL_TIME_ZONE}'`;

/**
 * How each fact column (`DOSSIER_FACT_COLUMNS`: what every dossier statement reads of a dossier, the columns of
 * `dossier_snapshot`) is computed from `dossier_state`'s columns (intake, due, resolved_at, …); the compiler holds
 * the keys to the one definition. Tuple elements by position: the asOf path builds the same tuples without
 * their names.
 */
const FACTS_FROM_STATE: { readonly [Column in DossierFactColumn]: string } = {
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
};
export type FactColumn = DossierFactColumn;
/** Of `dossier_state`'s rows, the dossiers received (the others count nowhere). */
export const RECEIVED_STATE = `tupleElement(intake, 2) = 'received'`;

/** Every fact column, in `dossier_snapshot`'s order. */
export const ALL_FACTS: readonly FactColumn[] = DOSSIER_FACT_COLUMNS.map((column) => column.name);
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
