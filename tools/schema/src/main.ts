import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshClickHouseSchema, freshPostgresSchema, SCHEMA_DUMPS } from './schema-dumps';

/** npm run schema:dump: writes the schemas the migrations make into docs/schema, for review and reading. */
async function main() {
  const root = process.cwd();
  writeFileSync(join(root, SCHEMA_DUMPS.clickhouse), await freshClickHouseSchema());
  writeFileSync(join(root, SCHEMA_DUMPS.postgres), await freshPostgresSchema());
  console.log(`wrote ${SCHEMA_DUMPS.clickhouse} and ${SCHEMA_DUMPS.postgres}`);
  process.exit(0);
}

void main();
