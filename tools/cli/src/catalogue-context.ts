import {
  ConsoleLogger,
  DynamicModule,
  INestApplicationContext,
  LogLevel,
  Module,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
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

/**
 * Runs `work` with the catalogue on the configured engines (the same settings as the apps: DATABASE_URL,
 * CLICKHOUSE_URL, DATA_DIR, ...), then shuts down; changes reach ClickHouse's copy before it returns.
 */
export async function withCatalogue<T>(
  work: (app: INestApplicationContext) => Promise<T>,
  /** Feature modules the command needs besides the catalogue. */
  features: (Type | DynamicModule)[] = [],
): Promise<T> {
  const config = loadAppConfig();
  @Module({ imports: [PlatformModule.forRoot(config), CatalogueModule, ...features] })
  class CliModule {}
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: new StderrLogger({ logLevels: ['fatal', 'error', 'warn'] }),
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
