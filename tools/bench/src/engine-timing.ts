import { EngineQuery, IndicatorEngineRepository } from '@dvc/indicators';
import { LatencySummary, msSince, summarizeLatencies } from './report';

export interface TimingOptions {
  warmup: number;
  runs: number;
  minRuns: number;
  budgetMs: number;
}

/**
 * Runs `query` `warmup` times (stopping after a warm-up that took over a second: caches are warm by then),
 * then up to `runs` times, fewer once past the budget but never under minRuns. `onRun` follows each timed run.
 */
export async function timeQuery<T>(
  options: TimingOptions,
  query: () => Promise<T>,
  onRun?: () => void,
): Promise<{ latency: LatencySummary; last: T }> {
  let last!: T;
  for (let run = 0; run < options.warmup; run++) {
    const warmupStart = performance.now();
    last = await query();
    if (msSince(warmupStart) > 1000) break;
  }
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < options.runs) {
    if (samples.length >= options.minRuns && msSince(start) > options.budgetMs) break;
    const runStart = performance.now();
    last = await query();
    samples.push(msSince(runStart));
    onRun?.();
  }
  return { latency: summarizeLatencies(samples), last };
}

/**
 * Wraps the engine repository IndicatorsService runs on, to see inside each compute: how long the
 * `lateEvents` statement (the period's raw events) took beside the statements that give the figures (over
 * dossier_state; they run concurrently), and, when `serveLateEvents` is on, to answer `lateEvents` from the
 * answer an earlier real call gave for the same query, so the figures' statements are timed alone.
 */
export class EngineStatementClock {
  /** Answer lateEvents from earlier answers to the same engine query (one real call per query). */
  serveLateEvents = false;
  private readonly lateEventsAnswers = new Map<string, number>();
  private current = { lateEvents: 0, figures: 0 };
  private readonly samples = { lateEvents: [] as number[], figures: [] as number[] };

  wrap(repository: IndicatorEngineRepository): IndicatorEngineRepository {
    return new Proxy(repository, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          const lateEvents = property === 'lateEvents';
          const key = lateEvents ? JSON.stringify(args[0] as EngineQuery) : '';
          if (lateEvents && this.serveLateEvents && this.lateEventsAnswers.has(key))
            return this.lateEventsAnswers.get(key);
          const start = performance.now();
          const result = await method.apply(target, args);
          const kind = lateEvents ? 'lateEvents' : 'figures';
          this.current[kind] = Math.max(this.current[kind], msSince(start));
          if (lateEvents) this.lateEventsAnswers.set(key, result as number);
          return result;
        };
      },
    });
  }

  /** Starts timing another query. */
  begin(): void {
    this.samples.lateEvents.length = 0;
    this.samples.figures.length = 0;
  }

  startRun(): void {
    this.current = { lateEvents: 0, figures: 0 };
  }

  /** Ends a timed run: keeps its slowest statement of each kind. */
  record(): void {
    this.samples.lateEvents.push(this.current.lateEvents);
    this.samples.figures.push(this.current.figures);
  }

  /** p50 of the statements of the runs since `begin`. */
  summary(): { lateEventsP50Ms: number; figuresP50Ms: number } {
    return {
      lateEventsP50Ms: summarizeLatencies(this.samples.lateEvents).p50Ms,
      figuresP50Ms: summarizeLatencies(this.samples.figures).p50Ms,
    };
  }
}
