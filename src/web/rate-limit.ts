// Fixed-window counters in the database, so limits hold across every web process.
import type { Context, MiddlewareHandler } from 'hono';
import type { Database } from '../db/index.ts';
import type { AppEnv } from './app-env.ts';
import type { RateLimitRule, RouteContext } from './context.ts';
import { apiError, signUpPage } from './errors.ts';
import { clientIp } from './middleware/client-ip.ts';

export interface HitResult {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/** Counts one request against `key`; a window older than the rule starts over at 1. */
export async function hit(database: Database, key: string, rule: RateLimitRule): Promise<HitResult> {
  const [row] = await database.query<{ hits: number; retry: number }>(
    `INSERT INTO rate_limit_buckets AS b (key, window_start, hits) VALUES ($1, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN b.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE b.hits + 1 END,
       window_start = CASE WHEN b.window_start <= now() - make_interval(secs => $2) THEN now()
                           ELSE b.window_start END
     RETURNING hits,
       ceil(extract(epoch FROM (window_start + make_interval(secs => $2) - now())))::int AS retry`,
    [key, rule.windowSeconds],
  );
  const hits = row?.hits ?? 1;
  return { allowed: hits <= rule.limit, hits, retryAfterSeconds: Math.max(1, row?.retry ?? 1) };
}

/** What a limited request gets: the API's 429, or whatever a browser route answers instead. */
export type OnLimited = (
  c: Context,
  retryAfterSeconds: number,
  message: string,
) => Response | Promise<Response>;

const apiTooMany: OnLimited = (c, retryAfterSeconds, message) =>
  apiError(c, 429, 'RATE_LIMITED', message, { retryAfterSeconds });

function tooMany(c: Context, retryAfterSeconds: number, onLimited: OnLimited) {
  c.header('Retry-After', String(retryAfterSeconds));
  return onLimited(c, retryAfterSeconds, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
}

/**
 * Limits an action per client address and, once a session exists, per user, each action in its
 * own buckets (rules.bucket when set, else the action): exhausting one never refuses another.
 * Put it after the session middleware. Session starts, sign-in starts (signInStartRules) and
 * upload use it.
 */
export function rateLimit(
  ctx: RouteContext,
  action: string,
  rules: RateLimitRules,
): MiddlewareHandler<AppEnv> {
  const onLimited = rules.onLimited ?? apiTooMany;
  const bucket = rules.bucket ?? action;
  return async (c, next) => {
    // Resuming an existing session is no new sign-in.
    if (rules.skipWithSession && c.get('session')) return next();
    if (rules.perIp) {
      const result = await hit(
        ctx.database,
        `${bucket}:ip:${clientIp(c, ctx.config.trustProxy)}`,
        rules.perIp,
      );
      if (!result.allowed) return tooMany(c, result.retryAfterSeconds, onLimited);
    }
    const session = c.get('session');
    if (rules.perUser && session) {
      const result = await hit(ctx.database, `${bucket}:user:${session.userId}`, rules.perUser);
      if (!result.allowed) return tooMany(c, result.retryAfterSeconds, onLimited);
    }
    await next();
  };
}

/** The rules rateLimit takes. */
export interface RateLimitRules {
  perIp?: RateLimitRule;
  perUser?: RateLimitRule;
  skipWithSession?: boolean;
  /** The counters these rules use, when it is not the action's name. */
  bucket?: string;
  /** The answer when limited; the API's 429 when unset. */
  onLimited?: OnLimited;
}

/**
 * The limits of a sign-in start: per address, and per user once a session exists. Linking
 * (Bluesky or Mastodon, API or browser route) counts in one bucket, Sign in with X in another,
 * and neither in the session starts': a run of refused instance addresses from one address
 * does not stop anyone behind it from signing up or proving their X account. The API answers
 * 429; the browser routes (`platform` given) go back to the sign-up page with
 * ?error=RATE_LIMITED, as their other errors do.
 */
export function signInStartRules(ctx: RouteContext, platform?: string): RateLimitRules {
  const { signInPerIp, signInPerUser } = ctx.config.rateLimits;
  const backToSignUp: OnLimited = (c, retryAfterSeconds, message) => {
    const params = { platform: platform ?? '', error: 'RATE_LIMITED', message };
    return c.redirect(signUpPage({ ...params, retryAfterSeconds: `${retryAfterSeconds}` }), 302);
  };
  return {
    perIp: signInPerIp,
    perUser: signInPerUser,
    bucket: platform === 'x' ? 'x-sign-in-start' : 'link-start',
    onLimited: platform ? backToSignUp : undefined,
  };
}
