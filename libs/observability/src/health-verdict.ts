/** What one health check saw; the verdict is judged from these alone. */
export interface HealthObservations {
  /** Round trip of each engine's ping in ms, or why it failed. */
  engines: Record<string, { roundTripMs: number } | { error: string }>;
  /** The latest dossier snapshot's watermark age in seconds; null before the first; absent when none is kept. */
  snapshotAgeSeconds?: number | null;
  /** Messages the Kafka consumer is behind, all partitions together; absent where nothing consumes. */
  consumerLag?: number;
}

export interface HealthThresholds {
  slowRoundTripMs: number;
  /** 0: no snapshot is rebuilt, so none can be overdue. */
  snapshotEverySeconds: number;
  snapshotMarginSeconds: number;
  maxConsumerLag: number;
}

export type HealthStatus = 'up' | 'degraded' | 'down';

export interface HealthVerdict {
  status: HealthStatus;
  /** Why it is not up, one sentence each, for an operator. */
  reasons: string[];
}

/**
 * Down when an engine does not answer (nothing can be served); degraded when answers will be slow or stale: an
 * engine slow to answer, the snapshot rebuild overdue (every query then folds more and more dossiers), the
 * consumer far behind (figures lag the feed). Up otherwise.
 */
export function judgeHealth(seen: HealthObservations, limits: HealthThresholds): HealthVerdict {
  const down: string[] = [];
  const degraded: string[] = [];
  for (const [engine, result] of Object.entries(seen.engines)) {
    if ('error' in result) down.push(`${engine} does not answer: ${result.error}`);
    else if (result.roundTripMs > limits.slowRoundTripMs)
      degraded.push(`${engine} round trip ${result.roundTripMs} ms, over ${limits.slowRoundTripMs} ms`);
  }
  if (limits.snapshotEverySeconds > 0 && seen.snapshotAgeSeconds !== undefined) {
    // A build's watermark trails its start by the margin; two intervals allow one slow or skipped build.
    const overdueAfter = 2 * limits.snapshotEverySeconds + limits.snapshotMarginSeconds;
    if (seen.snapshotAgeSeconds === null)
      degraded.push('no dossier snapshot built yet: every query reads every dossier');
    else if (seen.snapshotAgeSeconds > overdueAfter)
      degraded.push(
        `snapshot rebuild overdue: the latest covers events up to ${seen.snapshotAgeSeconds} s ago ` +
          `(expected every ${limits.snapshotEverySeconds} s)`,
      );
  }
  if (seen.consumerLag !== undefined && seen.consumerLag > limits.maxConsumerLag)
    degraded.push(`Kafka consumer ${seen.consumerLag} messages behind, over ${limits.maxConsumerLag}`);
  if (down.length) return { status: 'down', reasons: [...down, ...degraded] };
  return { status: degraded.length ? 'degraded' : 'up', reasons: degraded };
}
