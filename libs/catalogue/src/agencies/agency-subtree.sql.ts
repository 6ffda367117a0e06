/**
 * SQL (PostgreSQL) for the codes of an agency and every unit under it by parent links (kept for life, so the
 * same in either structure), the root given as a TypeORM named parameter, e.g. `subtreeCodes('within')`.
 * Empty when the root is not in the catalogue.
 */
export const subtreeCodes = (parameter: string): string => `(
  WITH RECURSIVE subtree (code, depth) AS (
    SELECT code, 0 FROM catalogue.agencies WHERE code = :${parameter}
    UNION ALL
    SELECT unit.code, subtree.depth + 1 FROM catalogue.agencies unit JOIN subtree ON unit.parent_code = subtree.code
     WHERE subtree.depth < 64
  )
  SELECT code FROM subtree
)`;
