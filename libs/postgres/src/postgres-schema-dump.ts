import { DataSource } from 'typeorm';

const OWN_SCHEMAS = `NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`;

/**
 * Every table of the database's own schemas with its columns, constraints and indexes, as PostgreSQL's catalogue
 * states them, in name order: the current schema in one place (docs/schema). Run through `manager` (PGlite
 * serves every connection through one backend).
 */
export async function dumpPostgresSchema(dataSource: DataSource): Promise<string> {
  const query = <T>(sql: string): Promise<T[]> => dataSource.query(sql);
  const columns = await query<{
    table: string;
    name: string;
    type: string;
    nullable: string;
    fallback: string | null;
  }>(
    `SELECT c.table_schema || '.' || c.table_name AS table, c.column_name AS name,
            format_type(a.atttypid, a.atttypmod) AS type, c.is_nullable AS nullable, c.column_default AS fallback
     FROM information_schema.columns c
     JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
                        AND a.attname = c.column_name
     WHERE c.table_schema ${OWN_SCHEMAS}
     ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
  );
  const constraints = await query<{ table: string; name: string; definition: string }>(
    `SELECT n.nspname || '.' || t.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
     FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     -- NOT NULL constraints (PostgreSQL 18) are the columns' NOT NULL already.
     WHERE n.nspname ${OWN_SCHEMAS} AND con.contype != 'n'
     ORDER BY n.nspname, t.relname, con.conname`,
  );
  const indexes = await query<{ table: string; definition: string }>(
    `SELECT schemaname || '.' || tablename AS table, indexdef AS definition FROM pg_indexes
     WHERE schemaname ${OWN_SCHEMAS} ORDER BY schemaname, tablename, indexname`,
  );
  const tables = [...new Set(columns.map((column) => column.table))].sort();
  const blocks = tables.map((table) => {
    const lines = [
      ...columns
        .filter((column) => column.table === table)
        .map(
          (column) =>
            `  ${column.name} ${column.type}${column.nullable === 'NO' ? ' NOT NULL' : ''}` +
            (column.fallback === null ? '' : ` DEFAULT ${column.fallback}`),
        ),
      ...constraints
        .filter((constraint) => constraint.table === table)
        .map((constraint) => `  CONSTRAINT ${constraint.name} ${constraint.definition}`),
    ];
    const tableIndexes = indexes
      .filter((index) => index.table === table)
      .map((index) => `${index.definition};\n`)
      .join('');
    return `\nCREATE TABLE ${table} (\n${lines.join(',\n')}\n);\n${tableIndexes}`;
  });
  const header =
    '-- The PostgreSQL schema after every migration (libs/postgres/src/migrations): npm run schema:dump\n';
  return header + blocks.join('');
}
