// Mastodon, any instance: resolve with lookup then search?resolve=true, follow one account per
// request, locked accounts end as "requested", moved accounts are followed at their new address,
// and the 400 follows per 24 h and the 7,500-follows cap are respected.

import { safeFetch } from '../../net/safe-fetch.ts';
import type {
  BudgetRules,
  FollowBatchResult,
  FollowOutcome,
  HostBudgetRules,
  LinkedAccountInfo,
  PlatformAdapter,
  PlatformSession,
  RequestCheck,
  RequestVerdict,
  ResolvedAccount,
  SafetyKind,
  UsageCost,
} from '../types.ts';
import { FollowCapReachedError, PlatformError, ReauthRequiredError } from '../types.ts';
import { normalizeAcct, normalizeTarget } from './address.ts';
import { type MastodonAccount, MastodonClient, MastodonHttpError, type Relationship } from './api.ts';
import { MastodonLists, mastodonListCost } from './lists.ts';

export { normalizeAcct, normalizeTarget };

import { type InstancePolicy, validateInstanceUrl } from './instance.ts';

export interface MastodonCredentials {
  accessToken: string;
  scopes: string;
}

/** Mastodon's documented limits: 400 follows per 24 h, 300 requests per 5 min, 7,500 follows. */
export const MASTODON_BUDGET: BudgetRules = {
  windows: [
    { name: 'day', seconds: 86_400, limit: 400, unit: 'follows' },
    { name: '5min', seconds: 300, limit: 300, unit: 'requests' },
  ],
  fraction: 0.8,
  spread: { window: 'day', slices: 24 },
};
export const MASTODON_FOLLOW_CAP = 7_500;

/**
 * Requests per host, every account of the host together (Passerelle is one address to it).
 * Until told otherwise a host counts per address, as GoToSocial does: 300 per 5 minutes
 * (docs.gotosocial.org/en/latest/api/ratelimiting/). A host whose headers show each account has
 * its own counter (Mastodon) still has a per-address ceiling: 7,500 per 5 minutes
 * (config/initializers/rack_attack.rb, 'throttle_per_ip').
 */
export const MASTODON_HOST_BUDGET: HostBudgetRules = {
  shared: { windows: [{ name: '5min', seconds: 300, limit: 300, unit: 'requests' }], fraction: 0.8 },
  perAccount: { windows: [{ name: '5min', seconds: 300, limit: 7_500, unit: 'requests' }], fraction: 0.8 },
};

/** Follow requests checked per relationships call (its id[] list; Mastodon reads at most 80). */
const RELATIONSHIPS_BATCH = 40;

export class MastodonAdapter implements PlatformAdapter {
  readonly platform = 'mastodon';
  readonly maxBatch = 20;
  readonly defaultBudget = MASTODON_BUDGET;
  readonly headerUnit = 'requests' as const;
  readonly hostBudget = MASTODON_HOST_BUDGET;
  readonly maxRevisit = RELATIONSHIPS_BATCH;
  readonly normalizeTarget = normalizeTarget;
  readonly listCost = mastodonListCost;
  readonly #policy: InstancePolicy;
  /** Connections checked against DNS rebinding (one pool for the process). */
  readonly #fetch: typeof fetch;
  readonly #followCap: number;
  readonly #timeoutMs: number | undefined;
  readonly #now: () => number;

  constructor(options: {
    policy: InstancePolicy;
    followCap?: number;
    timeoutMs?: number;
    now?: () => number;
  }) {
    this.#policy = options.policy;
    this.#fetch = safeFetch(options.policy);
    this.#now = options.now ?? Date.now;
    this.#followCap = options.followCap ?? MASTODON_FOLLOW_CAP;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Per follow at worst: lookup, search and the follow itself; per batch: one relationships call. */
  cost(follows: number): UsageCost {
    return { follows, requests: follows === 0 ? 0 : 3 * follows + 1, points: follows };
  }

  /** Blocks and mutes are not follows (outside the 400 a day): requests only, as a follow's. */
  safetyCost(_kind: SafetyKind, n: number): UsageCost {
    return { follows: 0, requests: n === 0 ? 0 : 3 * n + 1, points: 0 };
  }

  /** Per request checked: one lookup; per relationships call: one more. */
  revisitCost(n: number): UsageCost {
    return { follows: 0, requests: n === 0 ? 0 : n + Math.ceil(n / RELATIONSHIPS_BATCH), points: 0 };
  }

  hostOf(account: { instance: string | null }): string | null {
    return account.instance;
  }

  async open(account: LinkedAccountInfo, credentials: unknown): Promise<PlatformSession> {
    const creds = credentials as MastodonCredentials;
    if (!account.instance || !creds?.accessToken) throw new ReauthRequiredError('No Mastodon token stored');
    const origin = await validateInstanceUrl(account.instance, this.#policy);
    const client = new MastodonClient({
      origin: origin.origin,
      accessToken: creds.accessToken,
      timeoutMs: this.#timeoutMs,
      fetch: this.#fetch,
    });
    return new MastodonSession(client, origin.host, this.#followCap, this.#now);
  }
}

class MastodonSession implements PlatformSession {
  readonly #client: MastodonClient;
  readonly #host: string;
  readonly #cap: number;
  #me: MastodonAccount | undefined;
  #followingCount = 0;
  readonly #now: () => number;

  constructor(client: MastodonClient, host: string, cap: number, now: () => number) {
    this.#now = now;
    this.#client = client;
    this.#host = host;
    this.#cap = cap;
  }

  rateLimit() {
    return this.#client.rateLimit;
  }

  takeUpdatedCredentials() {
    return undefined;
  }

  get lists(): MastodonLists {
    return new MastodonLists(this.#client, this.#host, (acct) => this.#find(acct));
  }

  async #self(): Promise<MastodonAccount> {
    if (!this.#me) {
      this.#me = await this.#client.verifyCredentials();
      this.#followingCount = this.#me.following_count ?? 0;
    }
    return this.#me;
  }

  async #find(acct: string): Promise<MastodonAccount | null> {
    const address = normalizeAcct(acct, this.#host);
    return (await this.#client.lookup(address)) ?? (await this.#client.searchResolve(address));
  }

  async resolve(handleOrAcct: string): Promise<ResolvedAccount | null> {
    const acct = normalizeAcct(handleOrAcct, this.#host);
    const found = await this.#find(acct);
    if (!found) return null;
    return {
      id: normalizeAcct(found.acct, this.#host),
      handle: normalizeAcct(found.acct, this.#host),
      locked: found.locked,
      movedTo: found.moved ? normalizeAcct(found.moved.acct, this.#host) : undefined,
    };
  }

  async listFollows(): Promise<Set<string>> {
    const me = await this.#self();
    const out = new Set<string>();
    let path: string | null = `/api/v1/accounts/${encodeURIComponent(me.id)}/following?limit=80`;
    const seen = new Set<string>();
    // The end is an empty page or a missing link, whichever comes first: GoToSocial keeps a
    // `next` link on its last page. A link already followed ends it too.
    while (path && !seen.has(path)) {
      seen.add(path);
      const page: { accounts: MastodonAccount[]; next: string | null } =
        await this.#client.followingPage(path);
      for (const a of page.accounts) out.add(normalizeAcct(a.acct, this.#host));
      path = page.accounts.length > 0 ? page.next : null;
    }
    return out;
  }

  async followBatch(targets: readonly string[]): Promise<FollowBatchResult> {
    return this.#batch(targets, 'follow');
  }

  /** X blocks and mutes carried over: POST /api/v1/accounts/:id/block or /mute, never twice. */
  async safetyBatch(kind: SafetyKind, targets: readonly string[]): Promise<FollowBatchResult> {
    return this.#batch(targets, kind);
  }

  async #batch(targets: readonly string[], kind: 'follow' | SafetyKind): Promise<FollowBatchResult> {
    const before = this.#client.requests;
    const outcomes = new Map<string, FollowOutcome>();
    try {
      await this.#self();
      // Stay inside the instance's request budget: worst case three requests a target, plus one.
      const fits = this.#fitting(targets.length);
      for (const target of targets.slice(fits)) outcomes.set(target, { kind: 'deferred' });
      const resolved = new Map<string, MastodonAccount>();
      for (const target of targets.slice(0, fits)) {
        const found = await this.#find(target);
        const account = found?.moved ?? found;
        if (!found || !account) outcomes.set(target, { kind: 'unavailable', reason: 'account not found' });
        else if (account.suspended)
          outcomes.set(target, { kind: 'unavailable', reason: 'account suspended' });
        else resolved.set(target, account);
      }
      // Never twice: ask the instance what the user already follows, requested, blocks or mutes.
      const ids = [...new Set([...resolved.values()].map((a) => a.id))];
      const relations = ids.length > 0 ? await this.#client.relationships(ids) : [];
      const byId = new Map(relations.map((r) => [r.id, r]));
      for (const [target, account] of resolved) {
        outcomes.set(target, await this.#apply(kind, target, account, byId.get(account.id)));
      }
    } catch (err) {
      if (err instanceof PlatformError) err.partial = outcomes;
      throw err;
    }
    return { outcomes, requests: this.#client.requests - before };
  }

  async #apply(
    kind: 'follow' | SafetyKind,
    target: string,
    account: MastodonAccount,
    rel: Relationship | undefined,
  ): Promise<FollowOutcome> {
    if (kind === 'follow') {
      if (rel?.following) return { kind: 'already_following' };
      if (rel?.requested) return { kind: 'requested' };
      return this.#follow(target, account);
    }
    if (kind === 'block' ? rel?.blocking : rel?.muting) return { kind: 'already_following' };
    try {
      await (kind === 'block' ? this.#client.block(account.id) : this.#client.mute(account.id));
      return { kind: 'done' };
    } catch (err) {
      if (!(err instanceof MastodonHttpError)) throw err;
      if (err.status === 404) return { kind: 'unavailable', reason: 'account not found' };
      // A link made before blocks and mutes were asked for lacks write:blocks / write:mutes.
      if (err.status === 403)
        return { kind: 'unavailable', reason: `not allowed to ${kind}: link the account again` };
      return { kind: 'failed', reason: `HTTP ${err.status}: ${err.body.slice(0, 120)}` };
    }
  }

  /**
   * Where each requested follow stands: looked up again (the instance knows the account since
   * the follow), then its relationship, batched. A relationship neither following nor requested
   * is a declined request. Moved accounts are checked at the address that was followed.
   */
  async checkRequested(targets: readonly string[]): Promise<RequestCheck> {
    const before = this.#client.requests;
    const verdicts = new Map<string, RequestVerdict>();
    const fits = this.#fitting(targets.length, 1, Math.ceil(targets.length / RELATIONSHIPS_BATCH));
    for (const target of targets.slice(fits)) verdicts.set(target, 'deferred');
    const ids = new Map<string, string>();
    const notes = new Map<string, string>();
    for (const target of targets.slice(0, fits)) {
      const found = await this.#client.lookup(normalizeAcct(target, this.#host));
      const account = found?.moved ?? found;
      if (found?.moved) notes.set(target, `moved: followed ${found.moved.acct}`);
      if (!account || account.suspended) verdicts.set(target, 'unavailable');
      else ids.set(target, account.id);
    }
    const unique = [...new Set(ids.values())];
    const relations = new Map<string, { following: boolean; requested: boolean }>();
    for (let i = 0; i < unique.length; i += RELATIONSHIPS_BATCH) {
      for (const r of await this.#client.relationships(unique.slice(i, i + RELATIONSHIPS_BATCH)))
        relations.set(r.id, r);
    }
    for (const [target, id] of ids) {
      const r = relations.get(id);
      verdicts.set(target, r?.following ? 'following' : r?.requested ? 'requested' : 'declined');
    }
    return { verdicts, notes, requests: this.#client.requests - before };
  }

  /** How many of `wanted` fit the instance's remaining requests, at `each` per item plus `extra`. */
  #fitting(wanted: number, each = 3, extra = 1): number {
    const rl = this.#client.rateLimit;
    if (rl?.remaining === undefined || !rl.resetAt || new Date(rl.resetAt).getTime() <= this.#now())
      return wanted;
    return Math.max(0, Math.min(wanted, Math.floor((rl.remaining - extra) / each)));
  }

  async #follow(target: string, account: MastodonAccount): Promise<FollowOutcome> {
    if (this.#followingCount >= this.#cap) {
      throw new FollowCapReachedError(
        `the account already follows ${this.#followingCount} accounts (limit ${this.#cap})`,
      );
    }
    const movedNote =
      normalizeAcct(account.acct, this.#host) !== normalizeAcct(target, this.#host)
        ? `moved: followed ${account.acct}`
        : undefined;
    try {
      const rel = await this.#client.follow(account.id);
      this.#followingCount += 1;
      if (rel.requested && !rel.following) return { kind: 'requested', detail: movedNote };
      return { kind: 'done', detail: movedNote };
    } catch (err) {
      if (!(err instanceof MastodonHttpError)) throw err;
      if (err.status === 404) return { kind: 'unavailable', reason: 'account not found' };
      if (err.status === 403) return { kind: 'unavailable', reason: 'not allowed to follow this account' };
      if (err.status === 422 && /follow/i.test(err.body)) {
        throw new FollowCapReachedError(`the instance refuses more follows: ${err.body.slice(0, 120)}`);
      }
      return { kind: 'failed', reason: `HTTP ${err.status}: ${err.body.slice(0, 120)}` };
    }
  }
}
