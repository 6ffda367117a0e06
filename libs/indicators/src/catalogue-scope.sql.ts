/**
 * SQL for reading ClickHouse's copy of the catalogue (migration 002). Every query pins one publication, so all
 * its joins see the same catalogue: the one of the newest PostgreSQL revision (publication numbers come from
 * clocks of several replicas, revisions from PostgreSQL alone).
 */
export const pinnedPublication = (db: string) =>
  `WITH (SELECT argMax(publication, (pg_revision, publication)) FROM ${db}.catalogue_publications)
   AS publication_in_use`;

/**
 * `column` (an agency code) is in the subtree of the `{agency:String}` parameter in the `{structure:String}`
 * structure, or is that very code when the publication lacks it (events of a unit not catalogued yet).
 * `publication`: the SQL naming the publication read (`publication_in_use` after `pinnedPublication`);
 * `subtree: false`: the agency alone.
 */
export const inAgencyScope = (
  db: string,
  column: string,
  { publication = 'publication_in_use', subtree = true }: { publication?: string; subtree?: boolean } = {},
) => `(
  ${column} IN (
    SELECT agency_code FROM ${db}.catalogue_agency_rollup
    WHERE publication = ${publication} AND structure = {structure:String}
      AND ancestor_code = {agency:String} ${subtree ? '' : 'AND distance = 0'}
  )
  OR (
    ${column} = {agency:String}
    AND {agency:String} NOT IN (SELECT code FROM ${db}.catalogue_agencies WHERE publication = ${publication})
  )
)`;
