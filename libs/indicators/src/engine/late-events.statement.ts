import { tz } from './indicator-engine.sql';
import { Statement } from './statement';

/**
 * Events of the scope's dossiers that happened in the period but were first ingested after its last day (and
 * by `asOf`, if given): what a report made at the period's end could not have counted. A copy delivered
 * again later does not make an event late: only its first arrival counts, which `dossier_event_facts` keeps
 * (`dossier_events` keeps the last copy when it merges). Such an event has a copy that arrived on a later day
 * than it happened, so the candidates come from `late_arrivals`, and only they are looked up. Selects `late`.
 */
export const lateEventsStatement: Statement = (sql) => {
  const { db, query } = sql;
  const asOf = query.asOf ? `AND ingested_at <= {as_of:DateTime64(3, 'UTC')}` : '';
  const candidates = `
      SELECT source, dossier_code, event_id FROM ${db}.late_arrivals
      WHERE occurred_date BETWEEN {from:Date32} AND {to:Date32} AND toDate32(ingested_at, ${tz}) > {to:Date32} ${asOf}`;
  const scoped = (rows: string) => `
      SELECT row.source, row.dossier_code FROM ${sql.receivedDossiers(`SELECT source, dossier_code FROM (${rows})`)} AS row
      WHERE ${sql.inScope('row.agency_code')} AND ${sql.inNarrowing('row.procedure_code')}`;
  const firstArrivals = (events: string) => `
      SELECT source, dossier_code, min(occurred_at) AS occurred, min(ingested_at) AS first_ingested_at
      FROM ${db}.dossier_event_facts
      WHERE (source, dossier_code, event_id) IN (${events}) ${asOf}
      GROUP BY source, dossier_code, event_id`;
  const late = `toDate32(occurred, ${tz}) BETWEEN {from:Date32} AND {to:Date32}
                  AND toDate32(first_ingested_at, ${tz}) > {to:Date32}`;
  /** The late events among `events` (candidates) whose dossiers are received and in scope. */
  const lateAmong = (events: string) => `
      SELECT toInt64(count()) AS events FROM (${firstArrivals(events)})
      WHERE ${late} AND (source, dossier_code) IN (${scoped(events)})`;
  if (!sql.readsSnapshot) return `SELECT events AS late FROM (${lateAmong(candidates)})`;
  // The build counted the late events of every dossier as it stood at the watermark; the correction set takes
  // back what it counted for the dossiers changed since and counts theirs afresh.
  const inPeriod = `occurred_date BETWEEN {from:Date32} AND {to:Date32} AND first_ingested_date > {to:Date32}
      AND ${sql.inScope('known.agency_code')} AND ${sql.inNarrowing('known.procedure_code')}`;
  return `SELECT sum(events) AS late FROM (
         SELECT toInt64(sum(events)) AS events FROM ${db}.late_event_counts AS known
         WHERE ${sql.ofBuild} AND ${inPeriod}
         ${sql.corrected(`
           SELECT toInt64(sum(events)) AS events FROM ${db}.late_event_corrections AS known
           WHERE ${sql.ofCorrections} AND ${inPeriod}`)}
       )`;
};
