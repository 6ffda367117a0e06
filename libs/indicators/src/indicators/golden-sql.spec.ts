import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClickHouseClient } from '@clickhouse/client';
import { parseAppConfig } from '@dvc/config';
import { IndicatorEngineRepository } from '../engine/indicator-engine.repository';
import { IndicatorClock } from '../indicator-clock';
import { indicatorQuerySchema } from '../indicator-query.schema';
import { IndicatorsService } from '../indicators.service';
import { INDICATORS } from './indicator-registry';

/**
 * The statements each indicator runs, checked in as golden files (`sql/<id>.<variant>.sql`), so a change to one
 * shows in review. Four variants: live without a build (`dossier_state FINAL`), live over a build with nothing
 * changed since it, live over a build with a correction set, and `asOf`. A recording client answers the build
 * lookups and nothing else (the figures are the engine's concern: indicator-engine.int-spec.ts). Regenerate with
 * `UPDATE_GOLDEN_SQL=1` and review the diff.
 */
const VARIANTS = {
  live: { build: null, set: null, asOf: null },
  snapshot: { build: '11', set: null, asOf: null },
  'correction-set': { build: '11', set: '22', asOf: null },
  'as-of': { build: '11', set: null, asOf: '2026-03-20T10:00:00Z' },
} as const;
type Variant = (typeof VARIANTS)[keyof typeof VARIANTS];

class RecordingClient {
  readonly statements: string[] = [];
  constructor(private readonly variant: Variant) {}

  async query({ query, query_params }: { query: string; query_params?: Record<string, unknown> }) {
    this.statements.push(`${formatParams(query_params)}\n${tidy(query)};\n`);
    return { json: async () => this.answer(query) };
  }

  async command({ query }: { query: string }) {
    this.statements.push(`${tidy(query)};\n`);
  }

  private answer(query: string): unknown[] {
    const { build, set } = this.variant;
    if (query.includes('dossier_snapshot_builds'))
      return build ? [{ id: build, watermark: '2026-03-15 00:00:00.000', set_id: '0', cut_at: '' }] : [];
    if (query.includes('FROM test.dossier_touches'))
      return [{ touches: set ? '5' : '0', touched_until: '2026-03-15 01:00:00.000', set_id: set ?? '0' }];
    if (query.includes('AS late')) return [{ late: '0' }];
    // The store was receiving before March ended, so the late events are counted (and their SQL recorded).
    if (query.includes('event_store_start')) return [{ inserts: '3', first: '2026-01-05 02:00:00.000' }];
    return [];
  }
}

const tidy = (sql: string) =>
  sql
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n');
const formatParams = (params: Record<string, unknown> = {}) =>
  `-- params: ${JSON.stringify(Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))))}`;

class FixedClock extends IndicatorClock {
  override now(): Date {
    return new Date('2026-03-20T10:00:00Z');
  }
}

async function statementsOf(id: string, variant: Variant): Promise<string> {
  const client = new RecordingClient(variant);
  const config = parseAppConfig({ CLICKHOUSE_DATABASE: 'test' });
  const engine = new IndicatorEngineRepository(client as unknown as ClickHouseClient, config);
  const service = new IndicatorsService(engine, new FixedClock());
  await service.compute(
    id,
    indicatorQuerySchema.parse({
      from: '2026-03-01',
      to: '2026-03-31',
      agency: '000.00.01.H12',
      ...(id === 'procedures.level_growth' ? { level: '3' } : {}),
      ...(variant.asOf ? { asOf: variant.asOf } : {}),
    }),
  );
  return `-- ${id}, ${Object.entries(VARIANTS).find(([, known]) => known === variant)?.[0]}: every statement it runs, in order\n${client.statements.join('\n')}`;
}

describe('golden SQL (libs/indicators/src/indicators/sql)', () => {
  const folder = join(__dirname, 'sql');
  const cases = INDICATORS.flatMap(({ definition }) =>
    Object.entries(VARIANTS).map(([name, variant]) => [definition.id, name, variant] as const),
  );

  it.each(cases)('%s (%s) runs the statements of its golden file', async (id, name, variant) => {
    const file = join(folder, `${id}.${name}.sql`);
    const statements = await statementsOf(id, variant);
    if (process.env.UPDATE_GOLDEN_SQL) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(file, statements);
    }
    expect(existsSync(file)).toBe(true);
    expect(statements).toBe(readFileSync(file, 'utf8'));
  });
});
