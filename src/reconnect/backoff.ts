// Exponential backoff with jitter for 5xx and network errors: attempt n waits about
// base·2^(n-1), capped, times a random factor in [0.5, 1) so retries of many accounts spread out.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** After this many attempts a task fails for good, with the last error as its reason. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 6 * 3600_000, maxAttempts: 8 };

export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
}
