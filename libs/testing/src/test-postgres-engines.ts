import { EmbeddedPostgres } from '@dvc/postgres';
import { createMachinePostgresDatabase } from './test-postgres';

/** A PostgreSQL a test may use and must stop. */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedTestPostgres(): Promise<TestPostgres> {
  const server = await EmbeddedPostgres.start('memory://');
  return { url: server.url, stop: () => server.stop() };
}

export async function startMachineTestPostgres(): Promise<TestPostgres> {
  const database = await createMachinePostgresDatabase();
  return { url: database.url, stop: () => database.drop() };
}

/** Both engines the catalogue runs on, for `describe.each`: embedded PGlite and the machine's server. */
export const POSTGRES_ENGINES: [name: string, start: () => Promise<TestPostgres>][] = [
  ['PGlite', startEmbeddedTestPostgres],
  ["the machine's PostgreSQL", startMachineTestPostgres],
];
