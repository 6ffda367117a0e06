import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConsoleLogger,
  DynamicModule,
  INestApplicationContext,
  LogLevel,
  Module,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccessModule } from '@dvc/access';
import { CatalogueModule } from '@dvc/catalogue';
import { loadAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';

/** Logs go to stderr, so that stdout holds only the command's answer (`--json` pipes cleanly). */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/** The embedded engines' data folder is held by another process. */
export class DataFolderInUse extends Error {}

const dataFolderInUse = (dataDir: string, port: number, pid: number | null) =>
  new DataFolderInUse(
    `the data folder ${dataDir} is in use by a running server${pid === null ? '' : ` (process ${pid})`}: ` +
      `add --api http://127.0.0.1:${port} to go through it, or stop the server`,
  );

/**
 * The process that has embedded ClickHouse open on `dataDir`, if one is alive: ClickHouse writes its PID into
 * `clickhouse/status` while it runs and removes the file on shutdown (a killed one leaves it, with a dead PID).
 * Asked before opening, because chDB prints its own lock error to stderr when it cannot open the folder.
 */
export function embeddedClickHouseHolder(dataDir: string): number | null {
  let status: string;
  try {
    status = readFileSync(join(dataDir, 'clickhouse', 'status'), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(/^PID: (\d+)/m.exec(status)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/**
 * Runs `work` with the catalogue (and users and tokens) on the configured engines (the same settings as the apps: DATABASE_URL,
 * CLICKHOUSE_URL, DATA_DIR, ...), then shuts down; changes reach ClickHouse's copy before it returns.
 */
export async function withCatalogue<T>(
  work: (app: INestApplicationContext) => Promise<T>,
  /** Feature modules the command needs besides the catalogue. */
  features: (Type | DynamicModule)[] = [],
): Promise<T> {
  const config = loadAppConfig();
  const holder = config.CLICKHOUSE_URL ? null : embeddedClickHouseHolder(config.DATA_DIR);
  if (holder !== null) throw dataFolderInUse(config.DATA_DIR, config.PORT, holder);
  @Module({ imports: [PlatformModule.forRoot(config), CatalogueModule, AccessModule, ...features] })
  class CliModule {}
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: new StderrLogger({ logLevels: ['fatal', 'error', 'warn'] }),
    abortOnError: false,
  }).catch((error: unknown) => {
    // Embedded ClickHouse keeps one process per data folder: a running `npm start` holds it.
    if (
      !config.CLICKHOUSE_URL &&
      /Cannot lock file|Code: 76\b/.test(String((error as Error)?.message ?? error))
    ) {
      throw dataFolderInUse(config.DATA_DIR, config.PORT, null);
    }
    throw error;
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
