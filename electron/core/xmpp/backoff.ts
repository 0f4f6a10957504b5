// When to try again after a failed or dropped connection: exponential backoff with "equal jitter".

export interface BackoffPolicy {
  /** Ceiling of the first delay, in milliseconds. */
  readonly baseMs: number;
  /** No delay ever exceeds this. */
  readonly capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * The delay before retry number `attempt` (1, 2, …): a ceiling of base·2^(attempt−1), capped, of which the
 * first half is always waited and the second half is random, so clients never hammer a server together.
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = defaultBackoff): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}
