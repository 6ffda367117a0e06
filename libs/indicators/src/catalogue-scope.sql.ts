/**
 * SQL for reading ClickHouse's copy of the catalogue (migration 002). Every query pins one publication, so all
 * its joins see the same catalogue: the one of the newest PostgreSQL revision (publication numbers come from
 * clocks of several replicas, revisions from PostgreSQL alone).
 */
export const pinnedPublication = (db: string) =>
  `WITH (SELECT argMax(publication, (pg_revision, publication)) FROM ${db}.catalogue_publications)
   AS publication_in_use`;
