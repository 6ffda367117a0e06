import { LatencySummary, msSince, summarizeLatencies } from './report';

export interface TimingOptions {
  warmup: number;
  runs: number;
  minRuns: number;
  budgetMs: number;
}

/**
 * Runs `query` `warmup` times (stopping after a warm-up that took over a second: caches are warm by then),
 * then up to `runs` times, fewer once the timed runs add up past the budget but never under minRuns. `onRun` follows
 * each timed run; `beforeEach` (untimed, and outside the budget) precedes every run, warm-ups included.
 */
export async function timeQuery<T>(
  options: TimingOptions,
  query: () => Promise<T>,
  onRun?: () => void,
  beforeEach?: () => Promise<void>,
): Promise<{ latency: LatencySummary; last: T }> {
  let last!: T;
  for (let run = 0; run < options.warmup; run++) {
    await beforeEach?.();
    const warmupStart = performance.now();
    last = await query();
    if (msSince(warmupStart) > 1000) break;
  }
  const samples: number[] = [];
  let spentMs = 0;
  while (samples.length < options.runs) {
    if (samples.length >= options.minRuns && spentMs > options.budgetMs) break;
    await beforeEach?.();
    const runStart = performance.now();
    last = await query();
    const ms = msSince(runStart);
    samples.push(ms);
    spentMs += ms;
    onRun?.();
  }
  return { latency: summarizeLatencies(samples), last };
}
