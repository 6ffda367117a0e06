export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The wait before the second attempt; each later wait doubles, up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
}

/** The wait before attempt `attempt` (2, 3, …): initial × 2^(attempt − 2), capped. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy): number {
  if (!Number.isInteger(attempt) || attempt < 2)
    throw new RangeError(`attempt must be 2 or more, got ${attempt}`);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 2));
}
