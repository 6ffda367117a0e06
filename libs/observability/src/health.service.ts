import { Inject, Injectable, Optional } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dvc/config';
import { MessageBroker } from '@dvc/kafka';
import { HealthReport } from './health-report.schema';
import { HealthObservations, HealthStatus, judgeHealth } from './health-verdict';
import { MetricsRegistry } from './metrics.registry';

const CHECK_TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<{ roundTripMs: number } | { error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { roundTripMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const STATUSES: readonly HealthStatus[] = ['up', 'degraded', 'down'];

/**
 * Readiness, honestly: every engine's round trip, the dossier snapshot's age and the consumer's lag, judged by
 * `judgeHealth`. The same figures are Prometheus gauges, refreshed at each scrape.
 */
@Injectable()
export class HealthService {
  private readonly db: string;

  constructor(
    @Inject(ClickHouseClient) private readonly clickhouse: ClickHouseClient,
    private readonly postgres: DataSource,
    private readonly config: AppConfig,
    private readonly registry: MetricsRegistry,
    @Optional() @Inject(MessageBroker) private readonly broker: MessageBroker | null,
  ) {
    this.db = config.CLICKHOUSE_DATABASE;
    const status = new Gauge({
      name: 'dvc_health_status',
      help: 'Health as /health/ready judges it: 1 for the current status (up, degraded, down), 0 for the others',
      labelNames: ['status'],
      registers: [registry],
      // Registered before the gauges below, so its check sets them before they are read.
      collect: async () => {
        const report = await this.check();
        for (const each of STATUSES) status.set({ status: each }, report.status === each ? 1 : 0);
      },
    });
    this.roundTrip = new Gauge({
      name: 'dvc_health_round_trip_seconds',
      help: "An engine's ping round trip at the latest health check (absent while it does not answer)",
      labelNames: ['component'],
      registers: [registry],
    });
    this.snapshotAge = new Gauge({
      name: 'dvc_health_snapshot_age_seconds',
      help: "Age of the latest dossier snapshot's watermark at the latest health check",
      registers: [registry],
    });
  }

  private readonly roundTrip: Gauge<'component'>;
  private readonly snapshotAge: Gauge;

  /** Liveness: the process answers. Nothing is probed, so a slow engine never gets a live process restarted. */
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  async check(): Promise<HealthReport> {
    const checks: Record<string, () => Promise<unknown>> = {
      clickhouse: async () => {
        const result = await this.clickhouse.ping();
        if (!result.success) throw result.error;
      },
      postgres: () => this.postgres.query('SELECT 1'),
    };
    const broker = this.broker;
    if (broker) checks.kafka = () => broker.ping();
    const engineEntries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await probe(check)] as const),
    );
    const seen: HealthObservations = { engines: Object.fromEntries(engineEntries) };
    const clickhouseUp = !('error' in seen.engines.clickhouse);
    if (this.config.DOSSIER_SNAPSHOT_EVERY_SECONDS > 0 && clickhouseUp)
      seen.snapshotAgeSeconds = await this.snapshotAgeSeconds();
    const lag = await this.consumerLag();
    if (lag !== null) seen.consumerLag = lag;

    const verdict = judgeHealth(seen, {
      slowRoundTripMs: this.config.HEALTH_SLOW_ROUND_TRIP_MS,
      snapshotEverySeconds: this.config.DOSSIER_SNAPSHOT_EVERY_SECONDS,
      snapshotMarginSeconds: this.config.DOSSIER_SNAPSHOT_MARGIN_SECONDS,
      maxConsumerLag: this.config.HEALTH_MAX_CONSUMER_LAG,
    });
    this.record(seen);
    const components: HealthReport['components'] = Object.fromEntries(
      engineEntries.map(([name, result]) => [
        name,
        'error' in result ? { status: 'down', error: result.error } : { status: 'up', ...result },
      ]),
    );
    if (seen.snapshotAgeSeconds !== undefined)
      components.snapshot = { status: 'up', ageSeconds: seen.snapshotAgeSeconds };
    if (seen.consumerLag !== undefined) components.consumer = { status: 'up', lag: seen.consumerLag };
    return { ...verdict, components };
  }

  private record(seen: HealthObservations): void {
    this.roundTrip.reset();
    for (const [name, result] of Object.entries(seen.engines))
      if (!('error' in result)) this.roundTrip.set({ component: name }, result.roundTripMs / 1000);
    if (typeof seen.snapshotAgeSeconds === 'number') this.snapshotAge.set(seen.snapshotAgeSeconds);
    else this.snapshotAge.reset();
  }

  /** The latest build's watermark age (the build records of libs/indicators' dossier snapshot, migration 007). */
  private async snapshotAgeSeconds(): Promise<number | null> {
    const result = await this.clickhouse.query({
      query: `SELECT toUnixTimestamp64Milli(max(watermark)) AS watermark, count() AS builds
              FROM ${this.db}.dossier_snapshot_builds`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ watermark: string; builds: string }>();
    if (!row || Number(row.builds) === 0) return null;
    return Math.max(0, Math.round((Date.now() - Number(row.watermark)) / 1000));
  }

  /** The ingesting consumer's lag as its latest batches reported it (libs/ingestion's gauge); null elsewhere. */
  private async consumerLag(): Promise<number | null> {
    const gauge = this.registry.getSingleMetric('dvc_ingest_consumer_lag');
    if (!gauge) return null;
    const { values } = await gauge.get();
    return values.length ? values.reduce((sum, { value }) => sum + value, 0) : null;
  }
}
