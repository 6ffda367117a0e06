import { Inject, Injectable, Optional } from '@nestjs/common';
import { ClickHouseClient } from '@clickhouse/client';
import { DataSource } from 'typeorm';
import { MessageBroker } from '@dvc/kafka';

export type ComponentStatus = { status: 'up' } | { status: 'down'; error: string };
export interface HealthReport {
  status: 'up' | 'down';
  components: Record<string, ComponentStatus>;
}

const CHECK_TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<ComponentStatus> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(ClickHouseClient) private readonly clickhouse: ClickHouseClient,
    private readonly postgres: DataSource,
    @Optional() @Inject(MessageBroker) private readonly broker: MessageBroker | null,
  ) {}

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
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await probe(check)] as const),
    );
    const components = Object.fromEntries(entries);
    const status = entries.every(([, component]) => component.status === 'up') ? 'up' : 'down';
    return { status, components };
  }
}
