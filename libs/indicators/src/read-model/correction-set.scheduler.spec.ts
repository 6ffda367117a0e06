import { AppConfig } from '@dvc/config';
import { MetricsRegistry } from '@dvc/observability';
import { IndicatorEngineRepository } from '../engine/indicator-engine.repository';
import { CorrectionSetScheduler } from './correction-set.scheduler';

/** The pacing alone: the engine is a stand-in whose preparations take as long as the test says. */
describe('CorrectionSetScheduler pacing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function schedulerWith(every: number, preparationMs: number[]) {
    const startedAt: number[] = [];
    const engine = {
      prepareCorrectionSet: async () => {
        startedAt.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, preparationMs[startedAt.length - 1] ?? 0));
        return 'made' as const;
      },
    } as unknown as IndicatorEngineRepository;
    const config = { CORRECTION_SETS_EVERY_SECONDS: every } as AppConfig;
    const scheduler = new CorrectionSetScheduler(engine, config, new MetricsRegistry());
    return { scheduler, startedAt };
  }

  it('prepares every interval, and waits four times a slow preparation before the next', async () => {
    const { scheduler, startedAt } = schedulerWith(5, [100, 3000, 100, 100]);
    const start = Date.now();
    scheduler.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(5_000);
    expect(startedAt.map((at) => at - start)).toEqual([5_000]);
    // 100 ms, then the interval: the second starts at 5,100 + 5,000.
    await jest.advanceTimersByTimeAsync(5_100);
    expect(startedAt.map((at) => at - start)).toEqual([5_000, 10_100]);
    // 3 s, then 12 s (four times it) rather than 5.
    await jest.advanceTimersByTimeAsync(3_000 + 11_999);
    expect(startedAt).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(startedAt.map((at) => at - start)).toEqual([5_000, 10_100, 25_100]);

    // Shutdown waits for the preparation in hand, then nothing runs again.
    const stopped = scheduler.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(100);
    await stopped;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(startedAt).toHaveLength(3);
  });

  it('does not run with an interval of 0', async () => {
    const { scheduler, startedAt } = schedulerWith(0, []);
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(startedAt).toHaveLength(0);
  });
});
