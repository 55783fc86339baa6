export interface BackoffPolicy {
  /** Delay before the second attempt. */
  initialMs: number;
  /** Growth per attempt. */
  factor: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 0): exponential, capped, with ±20 % jitter so
 * that jobs which failed together do not retry together.
 */
export function backoffDelayMs(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
