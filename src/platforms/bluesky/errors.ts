// XRPC errors mapped to what the engine understands, with the ratelimit-* headers read.
import { XRPCError } from '@atproto/api';
import { failedAt, failureWords } from '../../net/errors.ts';
import { safeFetchRefusal } from '../../net/safe-fetch.ts';
import {
  parseResetHeader,
  RateLimitedError,
  type RateLimitState,
  ReauthRequiredError,
  TransientPlatformError,
} from '../types.ts';

/** `ratelimit-limit/remaining/reset/policy` as the PDS sends them (reset in epoch seconds). */
export function readRateLimitHeaders(
  headers: Record<string, string | undefined> | undefined,
): RateLimitState | undefined {
  if (!headers) return undefined;
  const get = (name: string) => headers[name] ?? headers[name.toLowerCase()];
  const remaining = get('ratelimit-remaining');
  if (remaining === undefined) return undefined;
  const policy = get('ratelimit-policy');
  const window = policy ? /w=(\d+)/.exec(policy)?.[1] : undefined;
  return {
    remaining: Number(remaining),
    limit: get('ratelimit-limit') === undefined ? undefined : Number(get('ratelimit-limit')),
    resetAt: parseResetHeader(get('ratelimit-reset'))?.toISOString(),
    windowSeconds: window ? Number(window) : undefined,
  };
}

const REAUTH_ERRORS = new Set([
  'ExpiredToken',
  'InvalidToken',
  'AuthenticationRequired',
  'AccountTakedown',
  'AuthFactorTokenRequired',
]);

/**
 * The PDS (or a PDS a DID document names, or where either redirected) is an address Passerelle
 * does not reach: retrying cannot help, the person must link a reachable account.
 */
export class PdsRefusedError extends ReauthRequiredError {
  constructor(message: string) {
    super(message);
    this.name = 'PdsRefusedError';
  }
}

/** `service` (the PDS) is named in messages about a failed connection: refused, timed out, TLS… */
export function mapBlueskyError(err: unknown, what: string, service?: string): Error {
  const refusal = safeFetchRefusal(err);
  if (refusal) return new PdsRefusedError(`${what}: ${refusal}`);
  const failed = () => (service ? failedAt(what, service, err) : `${what} failed: ${failureWords(err)}`);
  if (!(err instanceof XRPCError)) return new TransientPlatformError(failed(), { cause: err });
  const headers = err.headers as Record<string, string> | undefined;
  if (err.status === 429) {
    const state = readRateLimitHeaders(headers);
    const retryAfter = headers?.['retry-after'];
    const reset =
      (state?.resetAt ? new Date(state.resetAt) : undefined) ??
      new Date(Date.now() + (retryAfter ? Number(retryAfter) : 300) * 1000);
    return new RateLimitedError(
      reset,
      { ...state, remaining: 0 },
      `${what}: rate limited until ${reset.toISOString()}`,
    );
  }
  if (err.status === 401 || REAUTH_ERRORS.has(err.error)) {
    return new ReauthRequiredError(`${what}: the PDS refused the session (${err.error})`);
  }
  if (err.status === 1 || err.status === 2) {
    // No usable answer (connection refused or reset, timeout, garbled body).
    return new TransientPlatformError(failed(), { cause: err });
  }
  const at = service ? `${what} at ${service}` : what;
  return new TransientPlatformError(`${at}: HTTP ${err.status} ${err.error} ${err.message}`.trim(), {
    cause: err,
  });
}
