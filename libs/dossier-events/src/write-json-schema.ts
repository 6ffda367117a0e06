import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dossierEventJsonSchema } from './json-schema';

// `npm run contract:schema` refreshes the committed file vendors download; a unit test keeps it in sync.
const target = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'libs',
  'dossier-events',
  'dossier-event.v1.schema.json',
);
writeFileSync(target, JSON.stringify(dossierEventJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target}`);
