import { AppConfigValues, parseAppConfig } from './app-config.schema';

/**
 * Injection token and type of the parsed configuration. The class is only a token for Nest's container;
 * the interface merged into it carries the parsed values' type.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class AppConfig {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface AppConfig extends AppConfigValues {}

/** The only place that reads process.env. */
export function loadAppConfig(overrides: Partial<Record<keyof AppConfigValues, string>> = {}): AppConfig {
  return parseAppConfig({ ...process.env, ...overrides });
}
