import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECURITY_DOC, withAccessTable } from './security-doc';

/** npm run docs:security: writes docs/security.md's table of who may call what from the route declarations. */
function main() {
  const path = join(process.cwd(), SECURITY_DOC);
  writeFileSync(path, withAccessTable(readFileSync(path, 'utf8')));
  console.log(`wrote the access table of ${SECURITY_DOC}`);
  process.exit(0);
}

main();
