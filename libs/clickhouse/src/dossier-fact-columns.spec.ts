import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOSSIER_FACT_COLUMNS } from './dossier-fact-columns';
import { clickHouseMigrations } from './migrations';

/** The tables that hold the fact columns, and the columns each has beside them. */
const FACT_TABLES: Record<string, readonly string[]> = {
  dossier_snapshot: ['build_id'],
  dossier_fact_corrections: ['set_id', 'weight', 'created_at'],
};

const FACTS = DOSSIER_FACT_COLUMNS.map(({ name, type }) => `${name} ${type}`);

/** `name type` of each column a CREATE TABLE body lists, in order, up to its indexes and projections. */
function columnsOf(body: string): string[] {
  const columns: string[] = [];
  for (const line of body.split('\n').map((text) => text.trim())) {
    if (line === '' || line.startsWith('--')) continue;
    if (/^(INDEX|PROJECTION) /.test(line)) break;
    const column = /^`?(\w+)`? (.+?)(?: COMMENT .*| DEFAULT .*)?,?$/.exec(line);
    if (!column) throw new Error(`not a column: ${line}`);
    columns.push(`${column[1]} ${column[2]}`);
  }
  return columns;
}

/** The column list of every `CREATE TABLE {db}.<table>` of the fact tables in `sql`. */
function createdTables(sql: string): { table: string; columns: string[] }[] {
  const create = /CREATE TABLE (?:IF NOT EXISTS )?\{db\}\.(\w+)\s*\(\n([\s\S]*?)\n\s*\)\s*\n\s*ENGINE/g;
  return [...sql.matchAll(create)]
    .filter(([, table]) => table in FACT_TABLES)
    .map(([, table, body]) => ({ table, columns: columnsOf(body) }));
}

const withoutExtras = (table: string, columns: readonly string[]) =>
  columns.filter((column) => !FACT_TABLES[table].includes(column.split(' ')[0]));

describe('DOSSIER_FACT_COLUMNS: the one definition of the dossier fact columns', () => {
  const created = clickHouseMigrations.flatMap((migration) =>
    migration.statements.flatMap((statement) =>
      createdTables(statement).map((found) => ({ version: migration.version, ...found })),
    ),
  );

  it('is what the migrations that create the fact tables found (005, 007, 008: dossier_snapshot; 009: corrections)', () => {
    expect(created.map(({ version, table }) => `${version} ${table}`)).toEqual([
      '5 dossier_snapshot',
      '7 dossier_snapshot',
      '8 dossier_snapshot',
      '9 dossier_fact_corrections',
    ]);
  });

  it.each(created.map((found) => [found.version, found.table, found] as const))(
    'migration %i creates %s with exactly these columns, in this order, beside its own',
    (_version, table, { columns }) => {
      expect(withoutExtras(table, columns)).toEqual(FACTS);
      // The table's own columns come first (created_at last), so the facts stay one contiguous run.
      expect(columns.join('\n')).toContain(FACTS.join('\n'));
    },
  );

  it('is what the current schema (docs/schema/clickhouse.sql) has in both tables', () => {
    const dump = readFileSync(join(__dirname, '../../../docs/schema/clickhouse.sql'), 'utf8');
    const current = createdTables(dump);
    expect(current.map(({ table }) => table).sort()).toEqual(Object.keys(FACT_TABLES).sort());
    for (const { table, columns } of current) expect(withoutExtras(table, columns)).toEqual(FACTS);
  });

  it('fails on a list that differs (the parser reads what it is given)', () => {
    const planted = `CREATE TABLE {db}.dossier_snapshot\n(\n  build_id UInt64,\n  source LowCardinality(String),\n  dossier_code String\n)\nENGINE = MergeTree`;
    const [table] = createdTables(planted);
    expect(withoutExtras(table.table, table.columns)).toEqual([
      'source LowCardinality(String)',
      'dossier_code String',
    ]);
    expect(withoutExtras(table.table, table.columns)).not.toEqual(FACTS);
  });
});
