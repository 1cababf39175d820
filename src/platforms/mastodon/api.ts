// A small Mastodon API client: plain fetch and zod for the handful of endpoints Passerelle uses,
// every response's X-RateLimit-* headers kept, errors mapped to what the engine understands.
import { z } from 'zod';
import { failedAt, failureWords } from '../../net/errors.ts';
import { STRICT_POLICY } from '../../net/policy.ts';
import { safeFetch } from '../../net/safe-fetch.ts';
import {
  parseResetHeader,
  RateLimitedError,
  type RateLimitState,
  ReauthRequiredError,
  TransientPlatformError,
} from '../types.ts';

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  locked: z.boolean().default(false),
  suspended: z.boolean().optional(),
  following_count: z.number().optional(),
  followers_count: z.number().optional(),
  get moved() {
    return accountSchema.nullish();
  },
});
export type MastodonAccount = z.infer<typeof accountSchema>;

export const relationshipSchema = z.object({
  id: z.string(),
  following: z.boolean(),
  requested: z.boolean().default(false),
  blocking: z.boolean().default(false),
  muting: z.boolean().default(false),
});
export type Relationship = z.infer<typeof relationshipSchema>;

export const listSchema = z.object({ id: z.string() });

export const appSchema = z.object({ client_id: z.string(), client_secret: z.string() });

/** An HTTP answer the caller has to decide about (404, 403, 422…). */
export class MastodonHttpError extends Error {
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string, path: string) {
    super(`Mastodon answered ${status} to ${path}: ${body.slice(0, 200)}`);
    this.name = 'MastodonHttpError';
    this.status = status;
    this.body = body;
  }
}

export interface MastodonClientOptions {
  origin: string;
  accessToken?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class MastodonClient {
  readonly origin: string;
  readonly #token: string | undefined;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  requests = 0;
  rateLimit: RateLimitState | undefined;
  followRateLimit: RateLimitState | undefined;
  lastLink: string | null = null;

  constructor(options: MastodonClientOptions) {
    this.origin = options.origin.replace(/\/$/, '');
    this.#token = options.accessToken;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    // Without a given fetch, the strict safe fetch (public https instances only).
    this.#fetch = options.fetch ?? safeFetch(STRICT_POLICY);
  }

  async request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: Record<string, unknown>,
  ): Promise<T> {
    this.requests += 1;
    let res: Response;
    try {
      res = await this.#fetch(`${this.origin}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        // No redirects: an instance must not bounce requests elsewhere (SSRF).
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      throw new TransientPlatformError(failedAt(`Mastodon ${method} ${path}`, this.origin, err), {
        cause: err,
      });
    }
    // The follow endpoint answers with its own family's headers (400 follows a day); every other
    // authenticated endpoint with the account's request budget (300 per 5 minutes).
    if (/\/follow$/.test(path)) {
      this.followRateLimit = readRateLimit(res.headers) ?? this.followRateLimit;
      // It still counted against the request budget, whose headers this answer does not carry.
      const r = this.rateLimit;
      if (r?.remaining !== undefined) this.rateLimit = { ...r, remaining: Math.max(0, r.remaining - 1) };
    } else this.rateLimit = readRateLimit(res.headers) ?? this.rateLimit;
    this.lastLink = res.headers.get('link');
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw new TransientPlatformError(
        `${method} ${path} at ${this.origin}: ${failureWords(err)} while reading the answer`,
        {
          cause: err,
        },
      );
    }
    if (res.status === 429) {
      const reset =
        parseResetHeader(res.headers.get('x-ratelimit-reset')) ??
        new Date(Date.now() + Number(res.headers.get('retry-after') ?? 300) * 1000);
      throw new RateLimitedError(reset, { ...readRateLimit(res.headers), remaining: 0 });
    }
    if (res.status === 401) throw new ReauthRequiredError(`Mastodon refused the access token (${path})`);
    if (res.status >= 500)
      throw new TransientPlatformError(`Mastodon answered ${res.status} to ${method} ${path}`);
    if (res.status >= 300) throw new MastodonHttpError(res.status, text, path);
    try {
      return schema.parse(JSON.parse(text));
    } catch (err) {
      throw new TransientPlatformError(`Unexpected answer to ${method} ${path}`, { cause: err });
    }
  }

  verifyCredentials(): Promise<MastodonAccount> {
    return this.request('GET', '/api/v1/accounts/verify_credentials', accountSchema);
  }

  /** The account if the instance already knows it (no WebFinger), else null. */
  async lookup(acct: string): Promise<MastodonAccount | null> {
    try {
      return await this.request(
        'GET',
        `/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`,
        accountSchema,
      );
    } catch (err) {
      if (err instanceof MastodonHttpError && err.status === 404) return null;
      throw err;
    }
  }

  /**
   * Asks the instance to fetch a remote account (WebFinger) and returns the exact match. The
   * query is always `@user@domain`: GoToSocial parses an address with a port only with its `@`.
   */
  async searchResolve(acct: string): Promise<MastodonAccount | null> {
    const q = encodeURIComponent(`@${acct.replace(/^@/, '')}`);
    const result = await this.request(
      'GET',
      `/api/v2/search?q=${q}&type=accounts&resolve=true&limit=5`,
      z.object({ accounts: z.array(accountSchema) }),
    );
    const wanted = acct.replace(/^@/, '').toLowerCase();
    return result.accounts.find((a) => a.acct.toLowerCase() === wanted) ?? null;
  }

  relationships(ids: readonly string[]): Promise<Relationship[]> {
    const qs = ids.map((id) => `id[]=${encodeURIComponent(id)}`).join('&');
    return this.request('GET', `/api/v1/accounts/relationships?${qs}`, z.array(relationshipSchema));
  }

  follow(id: string): Promise<Relationship> {
    return this.request('POST', `/api/v1/accounts/${encodeURIComponent(id)}/follow`, relationshipSchema, {
      reblogs: true,
    });
  }

  /** Blocks the account (docs.joinmastodon.org/methods/accounts/#block; scope write:blocks). */
  block(id: string): Promise<Relationship> {
    return this.request('POST', `/api/v1/accounts/${encodeURIComponent(id)}/block`, relationshipSchema);
  }

  /** Mutes the account (docs.joinmastodon.org/methods/accounts/#mute; scope write:mutes). */
  mute(id: string): Promise<Relationship> {
    return this.request('POST', `/api/v1/accounts/${encodeURIComponent(id)}/mute`, relationshipSchema);
  }

  createList(title: string): Promise<{ id: string }> {
    return this.request('POST', '/api/v1/lists', listSchema, { title, replies_policy: 'list' });
  }

  /** The list, or null when it is gone (deleted by its owner). */
  async getList(id: string): Promise<{ id: string } | null> {
    try {
      return await this.request('GET', `/api/v1/lists/${encodeURIComponent(id)}`, listSchema);
    } catch (err) {
      if (err instanceof MastodonHttpError && err.status === 404) return null;
      throw err;
    }
  }

  /** Adds accounts (ids on this instance) the user follows: one refused and none is added. */
  async addToList(id: string, accountIds: readonly string[]): Promise<void> {
    await this.request('POST', `/api/v1/lists/${encodeURIComponent(id)}/accounts`, z.unknown(), {
      account_ids: accountIds,
    });
  }

  async removeFromList(id: string, accountIds: readonly string[]): Promise<void> {
    await this.request('DELETE', `/api/v1/lists/${encodeURIComponent(id)}/accounts`, z.unknown(), {
      account_ids: accountIds,
    });
  }

  /** One page of the accounts `id` follows, and the next page's path from the Link header. */
  async followingPage(path: string): Promise<{ accounts: MastodonAccount[]; next: string | null }> {
    let next: string | null = null;
    const accounts = await this.request('GET', path, z.array(accountSchema));
    const link = this.lastLink;
    if (link) {
      const m = /<([^>]+)>;\s*rel="next"/.exec(link);
      if (m?.[1]) {
        const u = new URL(m[1]);
        if (u.origin === this.origin) next = `${u.pathname}${u.search}`;
      }
    }
    return { accounts, next };
  }
}

function readRateLimit(headers: Headers): RateLimitState | undefined {
  const remaining = headers.get('x-ratelimit-remaining');
  if (remaining === null) return undefined;
  const limit = headers.get('x-ratelimit-limit');
  return {
    remaining: Number(remaining),
    limit: limit === null ? undefined : Number(limit),
    resetAt: parseResetHeader(headers.get('x-ratelimit-reset'))?.toISOString(),
  };
}
