import {
  ALL_FACTS,
  DAY_COUNT_ANCHORS,
  dayCountRows,
  FACT_COLUMNS,
  factsFromState,
  foldedState,
  RECEIVED_STATE,
  tz,
} from '../engine/indicator-engine.sql';

/**
 * A set made from an earlier one folds afresh the dossiers touched after the earlier set's latest change less
 * this: an event is stamped when it arrives and written within seconds (a batch retried after a failed write is
 * stamped afresh), so one stamped before the earlier set's check may be written after it.
 */
const CHAINED_SET_MARGIN_SECONDS = 30;

/**
 * The statements that write correction set {set:UInt64} of build {build:UInt64} (watermark
 * {watermark:DateTime64}), in this order: for the dossiers with an event ingested after the watermark, the snapshot
 * rows they take back and their rows as they are, netted (a dossier that did not change leaves nothing); the day
 * counts of those rows; the late events the build counted for them, taken back, and theirs counted afresh (an
 * event of theirs that arrived late after the watermark is among them: its copy touched the dossier). Late events
 * are kept by the day they happened and the day they first arrived, for any period to pick from.
 *
 * `now`: the dossiers as `dossier_state` has them when the statements run, events that arrive meanwhile included
 * (a query's own set: exact for it, the cheaper lookup). `cut`: as the events ingested by {cut:DateTime64} make
 * them, folded from `dossier_event_facts` (each event by its first arrival), whatever arrives meanwhile: the
 * figures of that moment of ingestion, exactly what an `asOf` query for it gives (a set prepared for `maxLag`).
 *
 * `chained`: the fact rows are made from those of an earlier set of the same build, {parent:UInt64}, instead of
 * from every dossier changed since the watermark: its rows are kept for the dossiers not touched after its latest
 * change {parent_until:DateTime64} less a margin for writes in flight, and the dossiers touched after are folded
 * afresh. The day counts are made from the set's fact rows either way; the late events are always counted for
 * every changed dossier (they are kept by day, not by dossier, so a parent's cannot be taken apart; most feeds
 * need none).
 */
export function correctionSetStatements(
  db: string,
  fold: 'now' | 'cut',
  options: { chained?: boolean } = {},
): {
  facts: string;
  dayCounts: string;
  lateEvents: string;
  /** SELECT `needed`: 1 if `lateEvents` has rows to write (changed dossiers with a late copy, now or in the build). */
  lateEventsNeeded: string;
} {
  const byCut = fold === 'cut' ? `AND ingested_at <= {cut:DateTime64(3, 'UTC')}` : '';
  const changed = `SELECT source, dossier_code FROM ${db}.dossier_touches
                   WHERE ingested_at > {watermark:DateTime64(3, 'UTC')} ${byCut}`;
  const ofChanged = `(source, dossier_code) IN (${changed})`;
  /** The dossiers whose fact rows this set folds: all changed ones, or those changed since its parent. */
  const ofRefolded = options.chained
    ? `(source, dossier_code) IN (SELECT source, dossier_code FROM ${db}.dossier_touches
                                 WHERE ingested_at > greatest({watermark:DateTime64(3, 'UTC')},
                                   {parent_until:DateTime64(3, 'UTC')} - INTERVAL ${CHAINED_SET_MARGIN_SECONDS} SECOND)
                                   ${byCut})`
    : ofChanged;
  const fromParent = options.chained
    ? `SELECT {set:UInt64}, weight, ${FACT_COLUMNS} FROM ${db}.dossier_fact_corrections
       WHERE set_id = {parent:UInt64} AND NOT ${ofRefolded}
       UNION ALL`
    : '';
  /** The dossiers `where` selects, as the fold has them (received ones only). */
  const folded = (where: string) =>
    fold === 'cut'
      ? `(${foldedState(`${db}.dossier_event_facts`, `${where} ${byCut}`)}) WHERE ${RECEIVED_STATE}`
      : `(${foldedState(`${db}.dossier_state`, where)}) WHERE ${RECEIVED_STATE}`;
  const facts = `
    INSERT INTO ${db}.dossier_fact_corrections (set_id, weight, ${FACT_COLUMNS})
    ${fromParent}
    SELECT {set:UInt64}, sum(weight) AS net, ${FACT_COLUMNS} FROM (
      SELECT ${FACT_COLUMNS}, toInt64(-1) AS weight FROM ${db}.dossier_snapshot
      WHERE build_id = {build:UInt64} AND ${ofRefolded}
      UNION ALL
      SELECT ${factsFromState(ALL_FACTS)}, toInt64(1) AS weight FROM ${folded(ofRefolded)}
    )
    GROUP BY ${FACT_COLUMNS}
    HAVING net != 0`;
  const dayCounts = `
    INSERT INTO ${db}.dossier_day_count_corrections (set_id, anchor, day, until, agency_code, procedure_code, class, weight)
    SELECT {set:UInt64}, anchor, day, until, agency_code, procedure_code, class, sum(weight) AS net
    FROM (${dayCountRows(
      `SELECT ${FACT_COLUMNS}, weight FROM ${db}.dossier_fact_corrections WHERE set_id = {set:UInt64}`,
      DAY_COUNT_ANCHORS,
      { weighted: true },
    )})
    GROUP BY anchor, day, until, agency_code, procedure_code, class
    HAVING net != 0`;
  // Only an event first ingested on a later day than it happened is late for some period; it has a copy in
  // late_arrivals, so only the changed dossiers with such copies are looked up (few, in a feed arriving on time).
  const lateForSome = `first_ingested_date > occurred_date`;
  const ofLateCopies = `FROM ${db}.late_arrivals WHERE ${ofChanged} ${byCut}`;
  const lateCopies = `SELECT source, dossier_code, event_id ${ofLateCopies}`;
  const withLateCopies = `(source, dossier_code) IN (SELECT source, dossier_code ${ofLateCopies})`;
  const lateEvents = `
    INSERT INTO ${db}.late_event_corrections (set_id, occurred_date, first_ingested_date, agency_code, procedure_code, events)
    SELECT {set:UInt64}, occurred_date, first_ingested_date, agency_code, procedure_code, sum(events) AS net FROM (
      SELECT occurred_date, toDate32(first_ingested_at, ${tz}) AS first_ingested_date, agency_code, procedure_code,
             toInt64(-1) AS events
      FROM ${db}.late_event_firsts
      WHERE build_id = {build:UInt64} AND dossier_received AND ${ofChanged} AND ${lateForSome}
      UNION ALL
      SELECT toDate32(first.occurred, ${tz}) AS occurred_date, toDate32(first.first_ingested_at, ${tz}) AS first_ingested_date,
             dossier.agency_code AS agency_code, dossier.procedure_code AS procedure_code, toInt64(1) AS events
      FROM (
        SELECT source, dossier_code, min(occurred_at) AS occurred, min(ingested_at) AS first_ingested_at
        FROM ${db}.dossier_event_facts
        WHERE ${withLateCopies} AND (source, dossier_code, event_id) IN (${lateCopies}) ${byCut}
        GROUP BY source, dossier_code, event_id
      ) AS first
      INNER JOIN (
        SELECT source, dossier_code, ${factsFromState(['agency_code', 'procedure_code'])} FROM ${folded(withLateCopies)}
      ) AS dossier ON dossier.source = first.source AND dossier.dossier_code = first.dossier_code
      WHERE ${lateForSome}
    )
    GROUP BY occurred_date, first_ingested_date, agency_code, procedure_code
    HAVING net != 0`;
  // The late-event rows come from these dossiers only: without any, the insert would write nothing. A late copy
  // ingested by the watermark is in the build's late_event_firsts (the build read late_arrivals after it), so
  // late_arrivals is read past the watermark only (its ingested_at index skips the rest).
  const lateEventsNeeded = `
    SELECT (SELECT count() FROM ${db}.late_arrivals
            WHERE ingested_at > {watermark:DateTime64(3, 'UTC')} ${byCut} AND ${ofChanged})
         + (SELECT count() FROM ${db}.late_event_firsts WHERE build_id = {build:UInt64} AND ${ofChanged}) > 0 AS needed`;
  return { facts, dayCounts, lateEvents, lateEventsNeeded };
}
