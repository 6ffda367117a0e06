import { HealthObservations, HealthThresholds, judgeHealth } from './health-verdict';

const limits: HealthThresholds = {
  slowRoundTripMs: 1000,
  snapshotEverySeconds: 900,
  snapshotMarginSeconds: 300,
  maxConsumerLag: 100_000,
};
const fast = { clickhouse: { roundTripMs: 3 }, postgres: { roundTripMs: 2 } };
const judge = (seen: Partial<HealthObservations>, overrides: Partial<HealthThresholds> = {}) =>
  judgeHealth({ engines: fast, ...seen }, { ...limits, ...overrides });

describe('judgeHealth', () => {
  it('is up when every engine answers fast, the snapshot is recent and the consumer keeps up', () => {
    expect(judge({ snapshotAgeSeconds: 1200, consumerLag: 100_000 })).toEqual({ status: 'up', reasons: [] });
    expect(judge({})).toEqual({ status: 'up', reasons: [] });
  });

  it('is degraded, saying why, for a slow engine', () => {
    expect(judge({ engines: { ...fast, postgres: { roundTripMs: 1001 } } })).toEqual({
      status: 'degraded',
      reasons: ['postgres round trip 1001 ms, over 1000 ms'],
    });
    expect(judge({ engines: { clickhouse: { roundTripMs: 1000 } } }).status).toBe('up');
  });

  it('is degraded while no snapshot exists, and once a rebuild is overdue (two intervals and the margin)', () => {
    expect(judge({ snapshotAgeSeconds: null })).toEqual({
      status: 'degraded',
      reasons: ['no dossier snapshot built yet: every query reads every dossier'],
    });
    expect(judge({ snapshotAgeSeconds: 2100 }).status).toBe('up');
    expect(judge({ snapshotAgeSeconds: 2101 })).toEqual({
      status: 'degraded',
      reasons: ['snapshot rebuild overdue: the latest covers events up to 2101 s ago (expected every 900 s)'],
    });
  });

  it('ignores the snapshot where none is rebuilt', () => {
    expect(judge({ snapshotAgeSeconds: null }, { snapshotEverySeconds: 0 }).status).toBe('up');
    expect(judge({ snapshotAgeSeconds: 99_999 }, { snapshotEverySeconds: 0 }).status).toBe('up');
  });

  it('is degraded when the consumer is further behind than allowed', () => {
    expect(judge({ consumerLag: 100_001 })).toEqual({
      status: 'degraded',
      reasons: ['Kafka consumer 100001 messages behind, over 100000'],
    });
  });

  it('is down when an engine does not answer, listing every other reason too', () => {
    expect(
      judge({ engines: { clickhouse: { roundTripMs: 5000 }, postgres: { error: 'no answer in 3000 ms' } } }),
    ).toEqual({
      status: 'down',
      reasons: [
        'postgres does not answer: no answer in 3000 ms',
        'clickhouse round trip 5000 ms, over 1000 ms',
      ],
    });
  });
});
