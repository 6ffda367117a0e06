import { z } from 'zod';
import { jsonText } from './json-text.schema';
import { sourceIdSchema } from '@dvc/dossier-events';
import { reportHolidaysSchema, reportSchedulesSchema } from './report-schedules.schema';

const optionalUrl = z.url().optional();
/** `a, b,c` → ['a', 'b', 'c'] (blanks dropped). */
const commaSeparated = z.string().transform((raw) =>
  raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);
const commaList = commaSeparated.pipe(
  z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1),
);
/** `value=role,value=role`: which claim value gives which role, in order (the first that matches wins). */
const roleMap = commaSeparated
  .transform((pairs) =>
    pairs.map((pair) => {
      const at = pair.lastIndexOf('=');
      return at < 0
        ? { value: '', role: pair }
        : { value: pair.slice(0, at).trim(), role: pair.slice(at + 1).trim() };
    }),
  )
  .pipe(
    z
      .array(z.object({ value: z.string().min(1, 'expected value=role'), role: z.string().min(1) }))
      .min(1, 'expected value=role,value=role'),
  );
/** A claim's name, or a dotted path into nested claims (`realm_access.roles`). */
const claimPath = z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'expected a claim name or a dotted path');
/**
 * `DVC_KAFKA_SOURCES`: JSON, each source id → the agency codes whose units it writes for (their subtrees), or
 * "*" for every agency, e.g. `{"motcua.tinh":"*","vendor-x":["000.00.30.H12","000.00.31.H12"]}`.
 */
export const kafkaSourcesSchema = jsonText.pipe(
  z.record(
    sourceIdSchema,
    z.union(
      [
        z.literal('*'),
        z.array(z.string().trim().min(1).max(64)).min(1, 'give at least one agency code, or "*"'),
      ],
      {
        error: 'expected "*" or a non-empty array of agency codes',
      },
    ),
  ),
);
export type KafkaSources = z.infer<typeof kafkaSourcesSchema>;
const isOrigin = (value: string) => {
  try {
    return new URL(value).origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
};
/** Browser origins (scheme://host[:port], nothing after). */
const originList = commaSeparated.pipe(
  z
    .array(
      z
        .url()
        .refine(isOrigin, 'expected an origin: scheme://host[:port]')
        .transform((value) => new URL(value).origin),
    )
    .min(1),
);
/** Express's `trust proxy`: a number of hops, true/false, or addresses and subnets (loopback, 10.0.0.0/8, …). */
const trustProxy = z
  .string()
  .trim()
  .min(1)
  .transform((raw): boolean | number | string =>
    /^\d+$/.test(raw) ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw,
  );
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

/** Every setting the services read, from the environment. Parsed once at start-up. */
const appSettingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the embedded engines keep their files (chDB under clickhouse/, PGlite under postgres/). */
  DATA_DIR: z.string().min(1).default('./data'),

  /** Unset: embedded chDB. Set: a ClickHouse server over HTTP(S). */
  CLICKHOUSE_URL: optionalUrl,
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
    .default('dvc'),
  /** Set on a replicated deployment: the database is created with the Replicated engine (see deploy/). */
  CLICKHOUSE_REPLICATED: flag.default(false),

  /** Unset: embedded PGlite served over the PostgreSQL wire protocol. Set: a PostgreSQL server. */
  DATABASE_URL: optionalUrl,

  /** Unset: no Kafka (HTTP ingestion only). Set: comma-separated host:port list. */
  KAFKA_BROKERS: commaList.optional(),
  KAFKA_CLIENT_ID: z.string().default('dvc'),
  /**
   * Which sources may write which agencies over Kafka (the broker's ACLs admit producers, not their events);
   * unset: no check. Set: an event of a source not listed is dead-lettered `forbidden_source`, one for an agency
   * outside its source's scope on the event's day `agency_out_of_scope`.
   */
  DVC_KAFKA_SOURCES: kafkaSourcesSchema.optional(),
  KAFKA_GROUP_ID: z.string().default('dvc-ingest'),
  /** Upper bound of what one fetch hands one partition's batch; bigger batches, fewer ClickHouse inserts. */
  KAFKA_MAX_BYTES_PER_PARTITION: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  /** A crashed consumer's partitions move to the others after this long. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(2),

  /** First and longest wait when ClickHouse refuses a write; the consumer retries without committing. */
  INGEST_RETRY_INITIAL_MS: z.coerce.number().int().positive().default(200),
  INGEST_RETRY_MAX_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Concurrent HTTP requests share one insert into `dossier_events`: the first rows wait this long for company,
   * and while an insert runs the next one keeps filling (libs/ingestion/README.md). Each request is answered
   * once its own rows are stored.
   */
  INGEST_HTTP_COALESCE_MS: z.coerce.number().int().min(0).max(1000).default(5),
  /** Rows at which a shared HTTP insert is closed (a request's rows are never split; one holds ≤ 10,000). */
  INGEST_HTTP_COALESCE_MAX_ROWS: z.coerce.number().int().min(1).default(50_000),

  /**
   * While anyone watches the live dashboard, how often the API reads how many events were stored (the watermark),
   * to see events written by another process (a separate ingest service). Events this process stores itself
   * reach the stream at once, without waiting for this read.
   */
  LIVE_WATERMARK_EVERY_MS: z.coerce.number().int().min(100).default(1000),

  /** How often a service checks that ClickHouse's copy of the catalogue matches PostgreSQL's revision. */
  CATALOGUE_MIRROR_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),

  /**
   * How often the ingesting process rebuilds the dossier snapshot the indicators read (0: never; then every
   * query reads every dossier from dossier_state), and how far behind now its watermark stays, for writes in
   * flight: an event stamped on arrival may be written that much later.
   */
  DOSSIER_SNAPSHOT_EVERY_SECONDS: z.coerce.number().int().min(0).default(900),
  DOSSIER_SNAPSHOT_MARGIN_SECONDS: z.coerce.number().int().min(0).default(300),
  /**
   * Rebuild sooner once this many events (rows of dossier_touches) have been ingested since the snapshot's
   * watermark (0: on the timer only), so that what a query folds beside the snapshot stays bounded after a
   * burst; checked every DOSSIER_SNAPSHOT_CHECK_SECONDS, with a watermark DOSSIER_SNAPSHOT_BURST_MARGIN_SECONDS
   * behind now (a batch is stamped on arrival and written within seconds; a retried batch is stamped afresh).
   */
  DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES: z.coerce.number().int().min(0).default(100_000),
  DOSSIER_SNAPSHOT_CHECK_SECONDS: z.coerce.number().int().min(1).default(10),
  DOSSIER_SNAPSHOT_BURST_MARGIN_SECONDS: z.coerce.number().int().min(0).default(30),
  /**
   * How often the ingesting process prepares the correction set for the events since the snapshot's watermark
   * (0: never), so that a query with maxLag finds one at most this old (plus the making) instead of making it.
   */
  CORRECTION_SETS_EVERY_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),

  /**
   * When /health and /health/ready say `degraded`: an engine's round trip slower than this, or the Kafka consumer
   * further behind than this many messages (a rebuild is overdue after twice DOSSIER_SNAPSHOT_EVERY_SECONDS).
   */
  HEALTH_SLOW_ROUND_TRIP_MS: z.coerce.number().int().min(0).default(1000),
  HEALTH_MAX_CONSUMER_LAG: z.coerce.number().int().min(0).default(100_000),

  /** Fewest dossiers (the indicator's denominator) before a target gets a verdict rather than "not enough data". */
  TARGET_MIN_SAMPLE: z.coerce.number().int().min(0).default(30),

  /**
   * Accepted as an admin API token (`Authorization: Bearer ...`), for provisioning scripts and CI; unset: none.
   * A secret: never logged.
   */
  DVC_ADMIN_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  /** The first admin's password on a first start of `npm start` (unset: a random one, printed once). */
  DVC_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  /** How long a browser session (the login cookie) lasts. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(12),
  /** Send the session cookie over HTTPS only (set behind TLS; off for http://127.0.0.1). */
  SESSION_COOKIE_SECURE: flag.default(false),
  /**
   * Sign-in attempts (POST /v1/auth/login) one client address may make for one username in the window; then 429
   * with Retry-After until the window ends. Counted per process.
   */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /**
   * Browser pages on other origins that may call the API (CORS), comma-separated origins; unset: none (the web
   * app is served by the API itself and needs no CORS).
   */
  CORS_ORIGINS: originList.optional(),
  /** Behind a reverse proxy: which X-Forwarded-For hops to believe for the client address (Express's trust proxy). */
  TRUST_PROXY: trustProxy.optional(),
  /**
   * Where Prometheus scrapes /metrics. Unset: on the public port, for an admin or operator (a token, with
   * `Authorization: Bearer`). Set: only on this port of METRICS_HOST, without credentials (keep it off the
   * public network), and not on the public port (0: any free port).
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),

  /**
   * OIDC (docs/security.md): people signed in at the province's identity provider (Keycloak and the like) call
   * with its access tokens, `Authorization: Bearer <JWT>`, verified against its published keys (JWKS). Unset
   * OIDC_ISSUER: no JWT is accepted. The keys are at OIDC_JWKS_URL, else in the issuer's discovery document.
   */
  OIDC_ISSUER: optionalUrl,
  /** The `aud` the tokens must carry (the client id the provider issues them for). */
  OIDC_AUDIENCE: z.string().trim().min(1).optional(),
  OIDC_JWKS_URL: optionalUrl,
  /** The claim listing the person's groups or roles, and which value gives which DVC role (first match wins). */
  OIDC_ROLES_CLAIM: claimPath.default('groups'),
  OIDC_ROLE_MAP: roleMap.optional(),
  /** The claim naming a department head's agency (its code in the catalogue). */
  OIDC_AGENCY_CLAIM: claimPath.default('dvc_agency'),
  OIDC_NAME_CLAIM: claimPath.default('preferred_username'),
  /** How far the provider's clock may be off ours when expiry and not-before are checked. */
  OIDC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  OIDC_ALGORITHMS: commaSeparated
    .pipe(
      z
        .array(
          z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']),
        )
        .min(1),
    )
    .default(['RS256', 'ES256']),
  /**
   * A token signed with a key not yet known makes us fetch the keys again (a rotation), at most once in this
   * many seconds.
   */
  OIDC_JWKS_COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /**
   * How often alert rules are evaluated (0: never in this process), and how long an evaluator's lease lasts
   * unrenewed: one replica evaluates; another takes over once the lease has run out.
   */
  ALERTS_EVALUATE_EVERY_SECONDS: z.coerce.number().int().min(0).default(300),
  ALERTS_LEASE_SECONDS: z.coerce.number().int().min(1).default(900),
  /** The dashboard's address, for the links in alert messages. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),

  /**
   * Reports (docs/reports.md): the period cut a report uses unless asked (Decree 09/2019's 15th-to-14th
   * `statutory`, or `calendar`), the unit a province-wide report is made by, and the unit it is sent to.
   */
  REPORT_PERIOD_CUT: z.enum(['statutory', 'calendar']).default('statutory'),
  REPORT_PROVINCE_NAME: z.string().trim().min(1).default('Ủy ban nhân dân tỉnh'),
  REPORT_RECIPIENT: z.string().trim().min(1).default('Văn phòng Ủy ban nhân dân tỉnh'),
  /**
   * Reports issued on schedule (docs/reports.md#schedules): a JSON array, e.g.
   * `[{"id":"monthly","kind":"ii06a","every":"month","due":{"dayOfMonth":20},"scopes":["province"],
   * "email":["sotttt@example.gov.vn"],"webhook":{"url":"https://…","secret":"…"}}]`. Every
   * REPORT_SCHEDULE_CHECK_SECONDS (0: never in this process) one replica, holding the lease for
   * REPORT_SCHEDULE_LEASE_SECONDS, issues what has fallen due and announces it.
   */
  REPORT_SCHEDULES: reportSchedulesSchema.default([]),
  REPORT_SCHEDULE_CHECK_SECONDS: z.coerce.number().int().min(0).default(300),
  REPORT_SCHEDULE_LEASE_SECONDS: z.coerce.number().int().min(1).default(900),
  /**
   * The province's days off (and weekend days worked) on top of Vietnam's public holidays, for schedules due N
   * working days after a period: `{"daysOff":[{"date":"2026-11-24","name":"…"}],"workingDays":[…]}`.
   */
  REPORT_HOLIDAYS: reportHolidaysSchema.default({ daysOff: [], workingDays: [] }),

  /** Unset: mail is not sent (logged as skipped). Set: `smtp://user:pass@host:587`, or `smtps://…` for TLS from the start. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_FROM: z.string().min(3).default('"Hệ thống DVC" <canh-bao@dvc.local>'),
  /** Webhooks: attempts in all before giving up, the first wait (doubling up to the longest), one attempt's timeout. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  WEBHOOK_RETRY_INITIAL_MS: z.coerce.number().int().min(0).default(1000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(0).default(60_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),

  /** The all-in-one `npm start`: feed a synthetic province so a newcomer sees numbers at once. */
  GENERATOR: flag.default(true),
  GENERATOR_SEED: z.coerce.number().int().default(2026),
  GENERATOR_HISTORY_DAYS: z.coerce.number().int().min(0).max(3660).default(90),
  GENERATOR_DOSSIERS_PER_DAY: z.coerce.number().int().min(1).max(1_000_000).default(400),
  /** After the history, keep playing the province live (events sent when they happen); false stops at the history. */
  GENERATOR_LIVE: flag.default(true),
});

export const appConfigSchema = appSettingsSchema.superRefine((config, context) => {
  if (!config.OIDC_ISSUER) return;
  for (const key of ['OIDC_AUDIENCE', 'OIDC_ROLE_MAP'] as const)
    if (!config[key]) context.addIssue({ code: 'custom', path: [key], message: 'needed with OIDC_ISSUER' });
});

export type AppConfigValues = z.infer<typeof appConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment or throws one error naming every bad variable. */
export function parseAppConfig(env: Record<string, string | undefined>): AppConfigValues {
  const result = appConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
