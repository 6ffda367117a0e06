import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { AppConfig } from '@dvc/config';

const SEVERITY: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
const FROM_CONFIG: Record<AppConfig['LOG_LEVEL'], LogLevel | null> = {
  trace: 'verbose',
  debug: 'debug',
  info: 'log',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
  silent: null,
};

/** One JSON line per log entry (Nest's own logger), at LOG_LEVEL and above. */
export function createJsonLogger(config: Pick<AppConfig, 'LOG_LEVEL'>): ConsoleLogger {
  const threshold = FROM_CONFIG[config.LOG_LEVEL];
  const levels = threshold === null ? [] : SEVERITY.slice(SEVERITY.indexOf(threshold));
  return new ConsoleLogger({ json: true, logLevels: levels });
}
