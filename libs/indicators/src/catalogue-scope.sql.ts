/**
 * SQL for reading ClickHouse's copy of the catalogue (migration 002). Every query pins one publication, so all
 * its joins see the same catalogue: the one of the newest PostgreSQL revision (publication numbers come from
 * clocks of several replicas, revisions from PostgreSQL alone).
 */
export const pinnedPublication = (db: string) =>
  `WITH (SELECT argMax(publication, (pg_revision, publication)) FROM ${db}.catalogue_publications)
   AS publication_in_use`;

/**
 * `agency_code` is within the `{agency}` scope in the `{structure}` structure: a unit of the agency's subtree,
 * or, for a code the catalogue does not know (yet), that code itself, so its dossiers are never lost.
 * Needs `pinnedPublication` in the query and the parameters agency (String) and structure (String).
 */
export const inAgencyScope = (db: string, column = 'agency_code') => `(
  ${column} IN (
    SELECT agency_code FROM ${db}.catalogue_agency_rollup
    WHERE publication = publication_in_use AND structure = {structure:String} AND ancestor_code = {agency:String}
  )
  OR (
    ${column} = {agency:String}
    AND {agency:String} NOT IN (SELECT code FROM ${db}.catalogue_agencies WHERE publication = publication_in_use)
  )
)`;
