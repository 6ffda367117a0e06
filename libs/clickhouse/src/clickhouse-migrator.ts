import { createHash } from 'node:crypto';
import { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseMigration } from './clickhouse-migration';

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

export class MigrationChecksumError extends Error {}

const checksumOf = (migration: ClickHouseMigration) =>
  createHash('sha256').update(migration.statements.join('\n;\n')).digest('hex');

/**
 * Applies pending migrations in order and records each in `{db}.schema_migrations`. Statements are written
 * idempotently (IF NOT EXISTS), so two services starting at once against one server do no harm.
 */
export class ClickHouseMigrator {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly database: string,
    private readonly options: { replicated?: boolean } = {},
  ) {}

  async migrate(migrations: readonly ClickHouseMigration[]): Promise<AppliedMigration[]> {
    await this.ensureDatabase();
    const applied = new Map((await this.applied()).map((row) => [row.version, row]));
    const newlyApplied: AppliedMigration[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const checksum = checksumOf(migration);
      const previous = applied.get(migration.version);
      if (previous) {
        if (previous.checksum !== checksum) {
          throw new MigrationChecksumError(
            `ClickHouse migration ${migration.version} (${migration.name}) changed after it was applied`,
          );
        }
        continue;
      }
      for (const statement of migration.statements) {
        await this.client.command({ query: statement.replaceAll('{db}', this.database) });
      }
      const record = { version: migration.version, name: migration.name, checksum };
      await this.client.insert({
        table: `${this.database}.schema_migrations`,
        values: [record],
        format: 'JSONEachRow',
      });
      newlyApplied.push(record);
    }
    return newlyApplied;
  }

  async applied(): Promise<AppliedMigration[]> {
    const result = await this.client.query({
      query: `SELECT version, name, checksum FROM ${this.database}.schema_migrations FINAL ORDER BY version`,
      format: 'JSONEachRow',
    });
    return result.json<AppliedMigration>();
  }

  private async ensureDatabase(): Promise<void> {
    // A Replicated database replicates every DDL and turns each MergeTree table into its replicated twin.
    const engine = this.options.replicated
      ? ` ENGINE = Replicated('/clickhouse/databases/${this.database}', '{shard}', '{replica}')`
      : '';
    await this.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${this.database}${engine}` });
    await this.client.command({
      query: `CREATE TABLE IF NOT EXISTS ${this.database}.schema_migrations
        (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
        ENGINE = ReplacingMergeTree ORDER BY version`,
    });
  }
}
