import { AppConfig } from '@dvc/config';
import { DossierSnapshotRepository } from './dossier-snapshot.repository';
import { DossierSnapshotScheduler } from './dossier-snapshot.scheduler';

/** The burst trigger's pacing alone: the repository is a stand-in whose builds take as long as the test says. */
describe('DossierSnapshotScheduler burst trigger', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function schedulerWith(options: { buildMs: number; changes: number }) {
    const builtAt: number[] = [];
    let watermark = new Date(Date.now() - 3_600_000);
    const snapshots = {
      latest: async () => ({ watermark, dossiers: 0, buildMs: options.buildMs }),
      changesBetween: async () => options.changes,
      rebuild: async (at: Date) => {
        builtAt.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, options.buildMs));
        watermark = at;
        return { watermark: at, dossiers: 0, buildMs: options.buildMs };
      },
    } as unknown as DossierSnapshotRepository;
    const config = {
      DOSSIER_SNAPSHOT_EVERY_SECONDS: 900,
      DOSSIER_SNAPSHOT_MARGIN_SECONDS: 300,
      DOSSIER_SNAPSHOT_REBUILD_AFTER_CHANGES: 1000,
      DOSSIER_SNAPSHOT_CHECK_SECONDS: 10,
      DOSSIER_SNAPSHOT_BURST_MARGIN_SECONDS: 30,
    } as AppConfig;
    return { scheduler: new DossierSnapshotScheduler(snapshots, config), builtAt };
  }

  it('rebuilds past the threshold, then waits twice the build before the next', async () => {
    const { scheduler, builtAt } = schedulerWith({ buildMs: 20_000, changes: 1000 });
    const start = Date.now();
    const first = scheduler.rebuildIfBurst();
    // A second check while the build runs does nothing.
    expect(await scheduler.rebuildIfBurst()).toBe(false);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(await first).toBe(true);
    // Within 40 s of the end of a 20 s build: no build, whatever the changes.
    await jest.advanceTimersByTimeAsync(39_999);
    expect(await scheduler.rebuildIfBurst()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    void scheduler.rebuildIfBurst();
    await jest.advanceTimersByTimeAsync(0);
    expect(builtAt.map((at) => at - start)).toEqual([0, 60_000]);
  });

  it('does not rebuild below the threshold', async () => {
    const { scheduler, builtAt } = schedulerWith({ buildMs: 10, changes: 999 });
    expect(await scheduler.rebuildIfBurst()).toBe(false);
    expect(builtAt).toEqual([]);
  });

  it('checks every DOSSIER_SNAPSHOT_CHECK_SECONDS once started', async () => {
    const { scheduler, builtAt } = schedulerWith({ buildMs: 10, changes: 5000 });
    scheduler.onApplicationBootstrap();
    // The start-up build (the latest is an hour old), then one per check past its pause.
    await jest.advanceTimersByTimeAsync(10);
    expect(builtAt).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(builtAt).toHaveLength(2);
    await scheduler.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(builtAt).toHaveLength(2);
  });
});
