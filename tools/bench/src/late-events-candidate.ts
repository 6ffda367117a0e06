import { ClickHouseClient } from '@clickhouse/client';
import { LOCAL_TIME_ZONE } from '@dvc/indicators';

/**
 * A candidate for the engine's `lateEvents` statement, timed to show what fixing its latency would be worth.
 * As built, the statement groups every event of the period in `dossier_event_facts` by event (to find each
 * one's first arrival) and filters them by an IN set of every dossier of the scope (all of them for the
 * province) read from dossier_state FINAL. An event is late only if every copy of it arrived after the
 * period, so it has at least one copy that did: the candidate first finds those few events, groups only them
 * (an IN on the facts' sorting key), and reads only their dossiers from dossier_state FINAL to check that they
 * were received and are in scope. Same answer by construction; the bench checks it.
 */
export function lateEventsCandidateSql(db: string, scoped: boolean): string {
  const tz = `'${LOCAL_TIME_ZONE}'`;
  const inPeriod = `toDate(occurred_at, ${tz}) BETWEEN {from:Date} AND {to:Date}`;
  const arrivedLate = `SELECT source, dossier_code, event_id FROM ${db}.dossier_event_facts
                       WHERE ${inPeriod} AND toDate(ingested_at, ${tz}) > {to:Date}`;
  const scope = scoped
    ? `AND tupleElement(intake, 'agency_code') IN (
         SELECT agency_code FROM ${db}.catalogue_agency_rollup
         WHERE publication = publication_in_use AND structure = 'reported' AND ancestor_code = {agency:String})`
    : '';
  return `WITH (SELECT argMax(publication, (pg_revision, publication)) FROM ${db}.catalogue_publications)
            AS publication_in_use
          SELECT count() AS late
          FROM (
            SELECT source, dossier_code, min(ingested_at) AS first_ingested_at
            FROM ${db}.dossier_event_facts
            WHERE ${inPeriod} AND (source, dossier_code, event_id) IN (${arrivedLate})
            GROUP BY source, dossier_code, event_id
          )
          WHERE toDate(first_ingested_at, ${tz}) > {to:Date}
            AND (source, dossier_code) IN (
              SELECT source, dossier_code FROM (
                SELECT source, dossier_code, intake FROM ${db}.dossier_state FINAL
                WHERE (source, dossier_code) IN (SELECT source, dossier_code FROM (${arrivedLate}))
              )
              WHERE tupleElement(intake, 'type') = 'received' ${scope}
            )`;
}

/** The candidate for a period and (optionally) an agency subtree, as a function returning its answer. */
export function lateEventsStatements(
  client: ClickHouseClient,
  db: string,
  period: { from: string; to: string },
  agency: string | null,
): { candidate: () => Promise<number> } {
  return {
    candidate: async () => {
      const result = await client.query({
        query: lateEventsCandidateSql(db, agency !== null),
        query_params: { ...period, agency: agency ?? '' },
        format: 'JSONEachRow',
      });
      const [row] = await result.json<{ late: string | number }>();
      return Number(row.late);
    },
  };
}
