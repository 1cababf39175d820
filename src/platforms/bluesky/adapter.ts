// Bluesky: follows are app.bsky.graph.follow records, written through
// com.atproto.repo.applyWrites, up to 200 creates a call. The account's existing follow records
// are read first, so nobody is followed twice; rate-limit state comes from the ratelimit-*
// headers of every write. X blocks carried over are app.bsky.graph.block records, written the
// same way (public on Bluesky); mutes are private and kept by the AppView (app.bsky.graph.muteActor,
// which the PDS forwards there).
import { Agent, AtpAgent, type AtpSessionData } from '@atproto/api';
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import { type NetPolicy, STRICT_POLICY } from '../../net/policy.ts';
import { safeFetch } from '../../net/safe-fetch.ts';
import type {
  BudgetRules,
  CreatedList,
  FollowBatchResult,
  FollowOutcome,
  HostBudgetRules,
  LinkedAccountInfo,
  PlatformAdapter,
  PlatformSession,
  RateLimitState,
  ResolvedAccount,
  SafetyKind,
  UsageCost,
} from '../types.ts';
import { PlatformError, ReauthRequiredError } from '../types.ts';
import { mapBlueskyError, readRateLimitHeaders } from './errors.ts';
import { BlueskyLists, blueskyListCost, LIST_COLLECTION, LIST_ITEM_COLLECTION } from './lists.ts';

export const FOLLOW_COLLECTION = 'app.bsky.graph.follow';
export const BLOCK_COLLECTION = 'app.bsky.graph.block';
export const MAX_WRITES_PER_CALL = 200;
export { LIST_COLLECTION, LIST_ITEM_COLLECTION };

/** Bluesky's published limits: 5,000 points an hour, 35,000 a day, a create costs 3. */
export const BLUESKY_BUDGET: BudgetRules = {
  windows: [
    { name: 'hour', seconds: 3_600, limit: 5_000, unit: 'points' },
    { name: 'day', seconds: 86_400, limit: 35_000, unit: 'points' },
  ],
  fraction: 0.8,
  spread: { window: 'day', slices: 24 },
};

/**
 * Requests per PDS host, every account of the host together: the PDS limits each address to
 * 3,000 requests per 5 minutes over every endpoint (@atproto/pds 0.5.35, dist/rate-limits.js:
 * 'global-ip', durationMs 5 * MINUTE, points 3000, keyed by req.ip), and every account it holds
 * reaches it from Passerelle's one address. The limit is the address's, never an account's:
 * proven per-account counters change nothing. Its headers are recognised by their policy's
 * window (`3000;w=300`); the repo-write ones (w=3600, w=86400) count the account's own points.
 */
export const BLUESKY_HOST_BUDGET: HostBudgetRules = {
  shared: { windows: [{ name: '5min', seconds: 300, limit: 3_000, unit: 'requests' }], fraction: 0.8 },
  perAccount: { windows: [{ name: '5min', seconds: 300, limit: 3_000, unit: 'requests' }], fraction: 0.8 },
  headerWindowSeconds: 300,
};

/** What `passerelle link bluesky` and the OAuth-less fallback store (sealed). */
export interface BlueskyAppPasswordCredentials {
  kind: 'app-password';
  service: string;
  identifier: string;
  appPassword: string;
  session?: AtpSessionData;
}

/**
 * Where a PDS is reached: the service typed at linking and the PDS a DID document names are
 * both someone else's word, so every request goes through the safe fetch (addresses checked at
 * connect time, no redirect for a POST, a timeout so a slow PDS never holds a lease forever).
 */
export interface BlueskyNetOptions {
  /** Strict (public https only) unless given; the development policy reaches a local PDS. */
  policy?: NetPolicy;
  timeoutMs?: number;
}

export function blueskyFetch(options: BlueskyNetOptions = {}): typeof fetch {
  return safeFetch(options.policy ?? STRICT_POLICY, { timeoutMs: options.timeoutMs ?? 20_000 });
}

/** Signs in with an app password; throws ReauthRequiredError when the PDS refuses it. */
export async function loginWithAppPassword(
  service: string,
  identifier: string,
  appPassword: string,
  options: BlueskyNetOptions = {},
): Promise<{ agent: AtpAgent; session: AtpSessionData }> {
  let latest: AtpSessionData | undefined;
  const agent = new AtpAgent({
    service,
    fetch: blueskyFetch(options),
    persistSession: (_evt, s) => {
      latest = s;
    },
  });
  try {
    await agent.login({ identifier, password: appPassword });
  } catch (err) {
    throw mapBlueskyError(err, 'Bluesky sign-in', service);
  }
  const session = latest ?? agent.session;
  if (!session) throw new ReauthRequiredError('Bluesky sign-in returned no session');
  return { agent, session };
}

export class BlueskyAdapter implements PlatformAdapter {
  readonly platform = 'bluesky';
  readonly maxBatch: number;
  readonly defaultBudget = BLUESKY_BUDGET;
  readonly headerUnit = 'points' as const;
  readonly hostBudget = BLUESKY_HOST_BUDGET;
  readonly #fetch: typeof fetch;
  readonly #oauth: NodeOAuthClient | undefined;

  constructor(
    options: BlueskyNetOptions & {
      maxBatch?: number;
      /** Replaces the safe fetch: tests and benchmarks that count or break requests wrap one. */
      fetch?: typeof fetch;
      oauthClient?: NodeOAuthClient;
    } = {},
  ) {
    this.maxBatch = Math.min(options.maxBatch ?? MAX_WRITES_PER_CALL, MAX_WRITES_PER_CALL);
    this.#fetch = options.fetch ?? blueskyFetch(options);
    this.#oauth = options.oauthClient;
  }

  readonly listCost = blueskyListCost;

  /**
   * A create costs 3 points; requests: one applyWrites per 200, and at worst two more (the
   * session's check or refresh, a page of the account's follows) — the host budget counts them.
   */
  cost(follows: number): UsageCost {
    return {
      follows,
      requests: follows === 0 ? 0 : Math.ceil(follows / MAX_WRITES_PER_CALL) + 2,
      points: 3 * follows,
    };
  }

  /** A block is a record like a follow (3 points); a mute writes no record: one request each. */
  safetyCost(kind: SafetyKind, n: number): UsageCost {
    return kind === 'block' ? this.cost(n) : { follows: 0, requests: n, points: 0 };
  }

  /** The PDS the account's requests go to (its service, or its OAuth issuer). */
  hostOf(account: { instance: string | null }): string | null {
    return account.instance;
  }

  async open(account: LinkedAccountInfo, credentials: unknown): Promise<PlatformSession> {
    const creds = credentials as BlueskyAppPasswordCredentials | BlueskyOAuthCredentials;
    // Every request the session sends is counted: the PDS host's budget spends them all.
    const sent = { requests: 0 };
    if (creds?.kind === 'oauth') {
      if (!this.#oauth) throw new ReauthRequiredError('Bluesky OAuth is not configured on this worker');
      const oauthSession = await restoreOAuthSession(this.#oauth, account.accountId, account.instance);
      const counted = {
        did: oauthSession.did,
        fetchHandler: (url: string, init: RequestInit) => {
          sent.requests += 1;
          return oauthSession.fetchHandler(url, init);
        },
      };
      return new BlueskySession(account.accountId, new Agent(counted), sent, account.instance ?? undefined);
    }
    if (creds?.kind !== 'app-password') throw new ReauthRequiredError('No Bluesky credentials stored');
    const state = { creds, dirty: false };
    const agent = new AtpAgent({
      service: creds.service,
      fetch: (input, init) => {
        sent.requests += 1;
        return this.#fetch(input, init);
      },
      persistSession: (_evt, s) => {
        // A refreshed session is stored again (sealed); an expired one is dropped.
        state.creds = { ...state.creds, session: s };
        state.dirty = true;
      },
    });
    await startAppPasswordSession(agent, account.accountId, creds);
    return new BlueskySession(account.accountId, agent, sent, creds.service, state);
  }
}

/** OAuth sessions live in the database (src/platforms/bluesky/oauth.ts); the link keeps the DID. */
export interface BlueskyOAuthCredentials {
  kind: 'oauth';
}

/** Resumes the stored session, or signs in again with the app password if it is gone. */
async function startAppPasswordSession(
  agent: AtpAgent,
  did: string,
  creds: BlueskyAppPasswordCredentials,
): Promise<void> {
  if (creds.session) {
    try {
      await agent.resumeSession(creds.session);
      if (agent.did === did) return;
    } catch {
      // Fall through to a fresh sign-in.
    }
  }
  try {
    await agent.login({ identifier: creds.identifier, password: creds.appPassword });
  } catch (err) {
    throw mapBlueskyError(err, 'Bluesky sign-in', creds.service);
  }
  if (agent.did !== did)
    throw new ReauthRequiredError(`The stored sign-in now belongs to ${agent.did}, not ${did}`);
}

async function restoreOAuthSession(client: NodeOAuthClient, did: string, service: string | null) {
  try {
    return await client.restore(did);
  } catch (err) {
    const name = err instanceof Error ? err.constructor.name : '';
    if (
      /Token(Revoked|Refresh|Invalid)Error/.test(name) ||
      /not found|revoked|invalid_grant/i.test(String(err))
    ) {
      throw new ReauthRequiredError(
        `Bluesky OAuth session unusable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    throw mapBlueskyError(err, 'Bluesky OAuth session', service ?? undefined);
  }
}

class BlueskySession implements PlatformSession {
  readonly #did: string;
  readonly #agent: Agent;
  readonly #state: { creds: unknown; dirty: boolean } | undefined;
  /** Requests sent since the session opened, and how many of them a batch already reported. */
  readonly #sent: { requests: number };
  #reported = 0;
  /** The PDS (or, for OAuth, its authorization server), named in failure messages. */
  readonly #service: string | undefined;
  #rateLimit: RateLimitState | undefined;
  /** Per collection (follows, blocks): subject DID → rkey of the account's record; absent until read. */
  readonly #records = new Map<string, Map<string, string>>();

  constructor(
    did: string,
    agent: Agent,
    sent: { requests: number },
    service?: string,
    state?: { creds: unknown; dirty: boolean },
  ) {
    this.#did = did;
    this.#agent = agent;
    this.#sent = sent;
    this.#service = service;
    this.#state = state;
  }

  /** Requests sent since the last batch said how many it cost (opening the session included). */
  #takeRequests(): number {
    const n = this.#sent.requests - this.#reported;
    this.#reported = this.#sent.requests;
    return n;
  }

  rateLimit(): RateLimitState | undefined {
    return this.#rateLimit;
  }

  get lists(): BlueskyLists {
    return new BlueskyLists(this.#agent, this.#did);
  }

  takeUpdatedCredentials(): unknown | undefined {
    if (!this.#state?.dirty) return undefined;
    this.#state.dirty = false;
    return this.#state.creds;
  }

  /** A curate list record, then its items through applyWrites, up to 200 a call. */
  async createList(
    list: { name: string; description: string },
    members: readonly string[],
  ): Promise<CreatedList> {
    const createdAt = new Date().toISOString();
    try {
      const created = await this.#agent.com.atproto.repo.createRecord({
        repo: this.#did,
        collection: LIST_COLLECTION,
        record: {
          $type: LIST_COLLECTION,
          purpose: 'app.bsky.graph.defs#curatelist',
          name: list.name.slice(0, 64),
          description: list.description.slice(0, 300),
          createdAt,
        },
      });
      for (let i = 0; i < members.length; i += MAX_WRITES_PER_CALL) {
        await this.#agent.com.atproto.repo.applyWrites({
          repo: this.#did,
          writes: members.slice(i, i + MAX_WRITES_PER_CALL).map((subject) => ({
            $type: 'com.atproto.repo.applyWrites#create' as const,
            collection: LIST_ITEM_COLLECTION,
            value: { $type: LIST_ITEM_COLLECTION, subject, list: created.data.uri, createdAt },
          })),
        });
      }
      return { uri: created.data.uri, members: members.length };
    } catch (err) {
      throw mapBlueskyError(err, 'createList', this.#service);
    }
  }

  async resolve(handle: string): Promise<ResolvedAccount | null> {
    try {
      const res = await this.#agent.com.atproto.identity.resolveHandle({ handle: handle.replace(/^@/, '') });
      return { id: res.data.did, handle };
    } catch (err) {
      const mapped = mapBlueskyError(err, 'resolveHandle', this.#service);
      if (
        mapped instanceof PlatformError &&
        mapped.name === 'TransientPlatformError' &&
        /HTTP 400 /.test(mapped.message)
      )
        return null;
      throw mapped;
    }
  }

  async #readRecords(collection: string): Promise<Map<string, string>> {
    const follows = new Map<string, string>();
    let cursor: string | undefined;
    do {
      let res: Awaited<ReturnType<Agent['com']['atproto']['repo']['listRecords']>>;
      try {
        res = await this.#agent.com.atproto.repo.listRecords({
          repo: this.#did,
          collection,
          limit: 100,
          cursor,
        });
      } catch (err) {
        throw mapBlueskyError(err, 'listRecords', this.#service);
      }
      for (const r of res.data.records) {
        const subject = (r.value as { subject?: unknown }).subject;
        if (typeof subject === 'string') follows.set(subject, r.uri.split('/').pop() ?? '');
      }
      cursor = res.data.records.length > 0 ? res.data.cursor : undefined;
    } while (cursor);
    this.#records.set(collection, follows);
    return follows;
  }

  async listFollows(): Promise<Set<string>> {
    return new Set((await this.#readRecords(FOLLOW_COLLECTION)).keys());
  }

  followBatch(targets: readonly string[], options: { fresh: boolean }): Promise<FollowBatchResult> {
    return this.#createRecords(FOLLOW_COLLECTION, targets, options);
  }

  safetyBatch(kind: SafetyKind, targets: readonly string[], options: { fresh: boolean }) {
    return kind === 'block' ? this.#createRecords(BLOCK_COLLECTION, targets, options) : this.#mute(targets);
  }

  /**
   * Mutes live in the AppView, not in the repository: app.bsky.graph.muteActor, one account a
   * call. Muting again is harmless (no record), so nothing is read first.
   */
  async #mute(targets: readonly string[]): Promise<FollowBatchResult> {
    const outcomes = new Map<string, FollowOutcome>();
    for (const actor of new Set(targets)) {
      if (!actor.startsWith('did:')) {
        outcomes.set(actor, { kind: 'unavailable', reason: 'not a DID' });
        continue;
      }
      try {
        await this.#agent.app.bsky.graph.muteActor({ actor });
        outcomes.set(actor, { kind: 'done' });
      } catch (err) {
        const mapped = mapBlueskyError(err, 'muteActor', this.#service);
        if (mapped instanceof PlatformError) mapped.partial = outcomes;
        throw mapped;
      }
    }
    return { outcomes, requests: this.#takeRequests() };
  }

  /** Creates one record of `collection` per subject not already there (follows and blocks). */
  async #createRecords(
    collection: string,
    targets: readonly string[],
    options: { fresh: boolean },
  ): Promise<FollowBatchResult> {
    const cached = this.#records.get(collection);
    const existing = options.fresh || !cached ? await this.#readRecords(collection) : cached;
    const outcomes = new Map<string, FollowOutcome>();
    const toWrite: string[] = [];
    for (const target of new Set(targets)) {
      if (existing.has(target)) outcomes.set(target, { kind: 'already_following' });
      else if (!target.startsWith('did:')) outcomes.set(target, { kind: 'unavailable', reason: 'not a DID' });
      else toWrite.push(target);
    }
    const createdAt = new Date().toISOString();
    for (let i = 0; i < toWrite.length; i += MAX_WRITES_PER_CALL) {
      const chunk = toWrite.slice(i, i + MAX_WRITES_PER_CALL);
      try {
        const res = await this.#agent.com.atproto.repo.applyWrites({
          repo: this.#did,
          validate: true,
          writes: chunk.map((subject) => ({
            $type: 'com.atproto.repo.applyWrites#create' as const,
            collection,
            value: { $type: collection, subject, createdAt },
          })),
        });
        this.#rateLimit = readRateLimitHeaders(res.headers) ?? this.#rateLimit;
        const results = res.data.results ?? [];
        chunk.forEach((subject, k) => {
          const uri = (results[k] as { uri?: string } | undefined)?.uri ?? '';
          existing.set(subject, uri.split('/').pop() ?? '');
          outcomes.set(subject, { kind: 'done' });
        });
      } catch (err) {
        const mapped = mapBlueskyError(err, 'applyWrites', this.#service);
        if (mapped instanceof PlatformError) mapped.partial = outcomes;
        if ('rateLimit' in mapped && mapped.rateLimit) this.#rateLimit = mapped.rateLimit as RateLimitState;
        // The write may have landed without its answer: read the records again next time.
        this.#records.delete(collection);
        throw mapped;
      }
    }
    return { outcomes, requests: this.#takeRequests() };
  }
}
