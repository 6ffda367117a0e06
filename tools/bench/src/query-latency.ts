import { AppConfig } from '@dvc/config';
import {
  DossierSnapshotRepository,
  IndicatorClock,
  IndicatorEngineRepository,
  IndicatorQuery,
  indicatorQuerySchema,
  IndicatorResult,
  IndicatorsService,
} from '@dvc/indicators';
import { seededRandom, syntheticProvince } from '@dvc/synthetic-province';
import { BenchClickHouse } from './bench-clickhouse';
import { BenchOptions } from './options';
import { publishSyntheticCatalogue } from './synthetic-catalogue';
import {
  formatNumber,
  LatencySummary,
  msSince,
  perSecond,
  printConfig,
  printHeading,
  printTable,
  summarizeLatencies,
} from './report';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LOCAL_OFFSET = 7 * HOUR;
const INSERT_BATCH = 200_000;
const PROVINCE = '000.00.00.H12';
const DISTRICT = '000.00.30.H12';

export interface QueryScenarioResult {
  name: string;
  indicator: string;
  state: string;
  query: IndicatorQuery;
  result: Pick<IndicatorResult, 'numerator' | 'denominator' | 'value'>;
  latency: LatencySummary;
  meetsAim: boolean;
}

export interface QueryResults {
  dossiers: number;
  eventRows: number;
  intakeRows: number;
  loadMs: number;
  loadRowsPerSecond: number;
  intakePartsAsLoaded: number;
  snapshotBuildMs: number;
  scenarios: QueryScenarioResult[];
}

/** dossiers.online latency through IndicatorsService.compute at BENCH_DOSSIERS dossiers. */
export async function dossiersOnlineLatency(
  options: BenchOptions,
  clickhouse: BenchClickHouse,
): Promise<QueryResults> {
  printHeading(`4. Indicator query latency at ${formatNumber(options.dossiers)} dossiers`);
  const database = await clickhouse.freshDatabase('query');
  const province = syntheticProvince(options.seed);
  const year = options.queryYear;
  const agency = province.agencies[0].code;
  const online = 'dossiers.online';
  const scenarios: { name: string; indicator: string; query: IndicatorQuery }[] = [
    { name: 'whole province, one year', indicator: online, query: indicatorQuerySchema.parse({ year }) },
    {
      name: 'one department, one month',
      indicator: online,
      query: indicatorQuerySchema.parse({ from: `${year}-03-01`, to: `${year}-03-31`, agency }),
    },
    {
      name: 'district subtree (19 units), one month',
      indicator: online,
      query: indicatorQuerySchema.parse({ from: `${year}-03-01`, to: `${year}-03-31`, agency: DISTRICT }),
    },
    {
      name: 'whole province, one day',
      indicator: online,
      query: indicatorQuerySchema.parse({ date: `${year}-03-04` }),
    },
    {
      name: 'province subtree, procedures at level 4 on a day',
      indicator: 'procedures.level4',
      query: indicatorQuerySchema.parse({ date: `${year}-06-30`, agency: PROVINCE }),
    },
    {
      name: 'province subtree, level-4 growth over the year',
      indicator: 'procedures.level_growth',
      query: indicatorQuerySchema.parse({ year, agency: PROVINCE, level: 4 }),
    },
  ];
  printConfig({
    dossiers: `${formatNumber(options.dossiers)} starting in ${year} (office days weighted, ${province.agencies.length} agencies)`,
    'rows loaded': 'submitted (online dossiers), received or refused, ~1% intake re-sent under a new id',
    loading: `client.insert JSONEachRow into dossier_events in batches of ${formatNumber(INSERT_BATCH)}; the materialized view fills dossier_state`,
    'timed path':
      'IndicatorsService.compute → IndicatorEngineRepository: dossier_state FINAL without a snapshot, then dossier_snapshot',
    'runs per scenario': `${options.queryWarmup} warm-up + ${options.queryRuns} timed, sequential`,
  });
  try {
    const table = `${database}.dossier_events`;
    const loadStart = performance.now();
    let eventRows = 0;
    for (const batch of intakeEvents(options.dossiers, options.seed, year, INSERT_BATCH)) {
      await clickhouse.client.insert({ table, values: batch, format: 'JSONEachRow' });
      eventRows += batch.length;
    }
    const loadMs = msSince(loadStart);
    const config = { CLICKHOUSE_DATABASE: database } as AppConfig;
    // The synthetic province's catalogue, as the mirror publishes it: agency scopes go through the rollup,
    // procedure indicators through the levels.
    await publishSyntheticCatalogue(clickhouse.client, config, options.seed, year);
    const intakeRows = await clickhouse.count(`${database}.dossier_state`);
    const intakePartsAsLoaded = await clickhouse.activeParts(database, 'dossier_state');
    console.log(
      `  loaded ${formatNumber(eventRows)} event rows in ${formatNumber(loadMs / 1000)} s ` +
        `(${formatNumber(perSecond(eventRows, loadMs))} rows/s); dossier_state: ${formatNumber(intakeRows)} rows ` +
        `in ${intakePartsAsLoaded} active parts`,
    );

    const service = new IndicatorsService(
      new IndicatorEngineRepository(clickhouse.client, config),
      new IndicatorClock(),
    );
    const results: QueryScenarioResult[] = [];
    const measure = async (state: string) => {
      for (const scenario of scenarios) {
        let result!: IndicatorResult;
        for (let run = 0; run < options.queryWarmup; run++) {
          result = await service.compute(scenario.indicator, scenario.query);
        }
        const samples: number[] = [];
        for (let run = 0; run < options.queryRuns; run++) {
          const start = performance.now();
          result = await service.compute(scenario.indicator, scenario.query);
          samples.push(msSince(start));
        }
        const latency = summarizeLatencies(samples);
        results.push({
          name: scenario.name,
          indicator: scenario.indicator,
          state,
          query: scenario.query,
          result: { numerator: result.numerator, denominator: result.denominator, value: result.value },
          latency,
          meetsAim: latency.p95Ms < 100,
        });
        console.log(`  ${state}, ${scenario.name}: p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms`);
      }
    };

    await measure(`no snapshot: dossier_state FINAL as loaded (${intakePartsAsLoaded} parts)`);
    const build = await new DossierSnapshotRepository(clickhouse.client, config).rebuild(new Date());
    console.log(
      `  dossier snapshot rebuilt: ${formatNumber(build.dossiers)} dossiers in ${formatNumber(build.buildMs)} ms`,
    );
    await measure('dossier snapshot');

    printTable(
      `indicator latency, ${formatNumber(options.dossiers)} dossiers, synthetic catalogue, ${options.queryRuns} timed runs each (aim: p95 < 100 ms)`,
      results.map((entry) => ({
        indicator: entry.indicator,
        scenario: entry.name,
        'table state': entry.state,
        period: 'range' in entry.query.period ? rangeText(entry.query.period.range) : entry.query.period.text,
        agency: entry.query.agency ?? 'all',
        numerator: entry.result.numerator,
        denominator: entry.result.denominator,
        value: entry.result.value === null ? null : Number(entry.result.value.toFixed(4)),
        'min ms': entry.latency.minMs,
        'p50 ms': entry.latency.p50Ms,
        'p95 ms': entry.latency.p95Ms,
        'p99 ms': entry.latency.p99Ms,
        'max ms': entry.latency.maxMs,
        'meets aim': entry.meetsAim,
      })),
    );
    return {
      dossiers: options.dossiers,
      eventRows,
      intakeRows,
      loadMs: Math.round(loadMs),
      loadRowsPerSecond: perSecond(eventRows, loadMs),
      intakePartsAsLoaded,
      snapshotBuildMs: build.buildMs,
      scenarios: results,
    };
  } finally {
    await clickhouse.drop(database);
  }
}

const clickHouseTime = (utcMs: number) => new Date(utcMs).toISOString().replace('T', ' ').replace('Z', '');

/**
 * Intake rows of `dossiers` dossiers starting in `year`, as dossier_events rows, `batchSize` at a time.
 * Seeded, so every run loads the same data. Shaped like the synthetic province: weekdays busy, Saturdays
 * light, Sundays nearly empty; online shares by agency, growing through the year; 3% of online submissions
 * refused at intake; dossier codes HS-yyyymmdd-nnnnnn.
 */
export function* intakeEvents(
  dossiers: number,
  seed: number,
  year: number,
  batchSize: number,
): Generator<Record<string, unknown>[]> {
  const province = syntheticProvince(seed);
  const random = seededRandom(seed * 31 + year);
  const firstMidnight = Date.parse(`${year}-01-01T00:00:00Z`) - LOCAL_OFFSET;
  const days = Math.round(
    (Date.parse(`${year + 1}-01-01T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / DAY,
  );
  const weights = Array.from({ length: days }, (_, day) => {
    const weekday = new Date(firstMidnight + day * DAY + LOCAL_OFFSET).getUTCDay();
    return weekday === 0 ? 0.1 : weekday === 6 ? 0.3 : 1;
  });
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const ingestedAt = clickHouseTime(Date.now());
  let batch: Record<string, unknown>[] = [];
  let made = 0;
  let carry = 0;
  for (let day = 0; day < days && made < dossiers; day++) {
    carry += (dossiers * weights[day]) / totalWeight;
    const today = day === days - 1 ? dossiers - made : Math.min(dossiers - made, Math.floor(carry));
    carry -= today;
    const midnight = firstMidnight + day * DAY;
    const date = new Date(midnight + LOCAL_OFFSET).toISOString().slice(0, 10).replaceAll('-', '');
    for (let index = 0; index < today; index++, made++) {
      const agency = province.agencies[Math.floor(random() * province.agencies.length)];
      const procedure = province.procedures[Math.floor(random() * province.procedures.length)];
      const onlineShare = Math.min(0.95, agency.onlineShare + (0.015 * day) / 30);
      const roll = random();
      const channel = roll < onlineShare ? 'online' : roll < onlineShare + 0.05 ? 'postal' : 'direct';
      const dossierCode = `HS-${date}-${String(index).padStart(6, '0')}`;
      const describes = {
        source: province.source,
        dossier_code: dossierCode,
        procedure_code: procedure.code,
        agency_code: agency.code,
        ingested_at: ingestedAt,
        ingested_via: 'kafka',
      };
      let at = midnight + 7.5 * HOUR + random() * 9.5 * HOUR;
      if (channel === 'online') {
        batch.push({
          ...describes,
          event_id: `${dossierCode}-1`,
          type: 'submitted',
          occurred_at: clickHouseTime(at),
          channel,
        });
        at += random() * 4 * HOUR;
      }
      const intake =
        channel === 'online' && random() < 0.03
          ? { ...describes, event_id: `${dossierCode}-2`, type: 'refused', occurred_at: clickHouseTime(at) }
          : {
              ...describes,
              event_id: `${dossierCode}-2`,
              type: 'received',
              occurred_at: clickHouseTime(at),
              channel,
              due_at: clickHouseTime(at + procedure.processingDays * DAY),
              fee: procedure.fee || null,
            };
      batch.push(intake);
      // A vendor re-sending the intake under a new id: the dossier must still count once.
      if (random() < 0.01) batch.push({ ...intake, event_id: `${dossierCode}-2-resent` });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

const rangeText = (range: { from: string; to: string }) =>
  range.from === range.to ? range.from : `${range.from}..${range.to}`;
