// Bluesky: follows are app.bsky.graph.follow records, written through
// com.atproto.repo.applyWrites, up to 200 creates a call. The account's existing follow records
// are read first, so nobody is followed twice; rate-limit state comes from the ratelimit-*
// headers of every write.
import { Agent, AtpAgent, type AtpSessionData } from '@atproto/api';
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import { type NetPolicy, STRICT_POLICY } from '../../net/policy.ts';
import { safeFetch } from '../../net/safe-fetch.ts';
import type {
  BudgetRules,
  CreatedList,
  FollowBatchResult,
  FollowOutcome,
  LinkedAccountInfo,
  PlatformAdapter,
  PlatformSession,
  RateLimitState,
  ResolvedAccount,
  UsageCost,
} from '../types.ts';
import { PlatformError, ReauthRequiredError } from '../types.ts';
import { mapBlueskyError, readRateLimitHeaders } from './errors.ts';

export const FOLLOW_COLLECTION = 'app.bsky.graph.follow';
export const MAX_WRITES_PER_CALL = 200;
export const LIST_COLLECTION = 'app.bsky.graph.list';
export const LIST_ITEM_COLLECTION = 'app.bsky.graph.listitem';

/** Bluesky's published limits: 5,000 points an hour, 35,000 a day, a create costs 3. */
export const BLUESKY_BUDGET: BudgetRules = {
  windows: [
    { name: 'hour', seconds: 3_600, limit: 5_000, unit: 'points' },
    { name: 'day', seconds: 86_400, limit: 35_000, unit: 'points' },
  ],
  fraction: 0.8,
  spread: { window: 'day', slices: 24 },
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
    throw mapBlueskyError(err, 'Bluesky sign-in');
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

  cost(follows: number): UsageCost {
    return {
      follows,
      requests: follows === 0 ? 0 : Math.ceil(follows / MAX_WRITES_PER_CALL),
      points: 3 * follows,
    };
  }

  async open(account: LinkedAccountInfo, credentials: unknown): Promise<PlatformSession> {
    const creds = credentials as BlueskyAppPasswordCredentials | BlueskyOAuthCredentials;
    if (creds?.kind === 'oauth') {
      if (!this.#oauth) throw new ReauthRequiredError('Bluesky OAuth is not configured on this worker');
      const oauthSession = await restoreOAuthSession(this.#oauth, account.accountId);
      return new BlueskySession(account.accountId, new Agent(oauthSession));
    }
    if (creds?.kind !== 'app-password') throw new ReauthRequiredError('No Bluesky credentials stored');
    const state = { creds, dirty: false };
    const agent = new AtpAgent({
      service: creds.service,
      fetch: this.#fetch,
      persistSession: (_evt, s) => {
        // A refreshed session is stored again (sealed); an expired one is dropped.
        state.creds = { ...state.creds, session: s };
        state.dirty = true;
      },
    });
    await startAppPasswordSession(agent, account.accountId, creds);
    return new BlueskySession(account.accountId, agent, state);
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
    throw mapBlueskyError(err, 'Bluesky sign-in');
  }
  if (agent.did !== did)
    throw new ReauthRequiredError(`The stored sign-in now belongs to ${agent.did}, not ${did}`);
}

async function restoreOAuthSession(client: NodeOAuthClient, did: string) {
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
    throw mapBlueskyError(err, 'Bluesky OAuth session');
  }
}

class BlueskySession implements PlatformSession {
  readonly #did: string;
  readonly #agent: Agent;
  readonly #state: { creds: unknown; dirty: boolean } | undefined;
  #rateLimit: RateLimitState | undefined;
  /** subject DID → rkey of the account's follow record; null until read. */
  #follows: Map<string, string> | null = null;

  constructor(did: string, agent: Agent, state?: { creds: unknown; dirty: boolean }) {
    this.#did = did;
    this.#agent = agent;
    this.#state = state;
  }

  rateLimit(): RateLimitState | undefined {
    return this.#rateLimit;
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
      throw mapBlueskyError(err, 'createList');
    }
  }

  async resolve(handle: string): Promise<ResolvedAccount | null> {
    try {
      const res = await this.#agent.com.atproto.identity.resolveHandle({ handle: handle.replace(/^@/, '') });
      return { id: res.data.did, handle };
    } catch (err) {
      const mapped = mapBlueskyError(err, 'resolveHandle');
      if (
        mapped instanceof PlatformError &&
        mapped.name === 'TransientPlatformError' &&
        /400/.test(mapped.message)
      )
        return null;
      throw mapped;
    }
  }

  async #readFollows(): Promise<Map<string, string>> {
    const follows = new Map<string, string>();
    let cursor: string | undefined;
    do {
      let res: Awaited<ReturnType<Agent['com']['atproto']['repo']['listRecords']>>;
      try {
        res = await this.#agent.com.atproto.repo.listRecords({
          repo: this.#did,
          collection: FOLLOW_COLLECTION,
          limit: 100,
          cursor,
        });
      } catch (err) {
        throw mapBlueskyError(err, 'listRecords');
      }
      for (const r of res.data.records) {
        const subject = (r.value as { subject?: unknown }).subject;
        if (typeof subject === 'string') follows.set(subject, r.uri.split('/').pop() ?? '');
      }
      cursor = res.data.records.length > 0 ? res.data.cursor : undefined;
    } while (cursor);
    this.#follows = follows;
    return follows;
  }

  async listFollows(): Promise<Set<string>> {
    return new Set((await this.#readFollows()).keys());
  }

  async followBatch(targets: readonly string[], options: { fresh: boolean }): Promise<FollowBatchResult> {
    let requests = 0;
    const existing = options.fresh || !this.#follows ? await this.#readFollows() : this.#follows;
    if (existing !== this.#follows || options.fresh) requests += 1;
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
        requests += 1;
        const res = await this.#agent.com.atproto.repo.applyWrites({
          repo: this.#did,
          validate: true,
          writes: chunk.map((subject) => ({
            $type: 'com.atproto.repo.applyWrites#create' as const,
            collection: FOLLOW_COLLECTION,
            value: { $type: FOLLOW_COLLECTION, subject, createdAt },
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
        const mapped = mapBlueskyError(err, 'applyWrites');
        if (mapped instanceof PlatformError) mapped.partial = outcomes;
        if ('rateLimit' in mapped && mapped.rateLimit) this.#rateLimit = mapped.rateLimit as RateLimitState;
        // The write may have landed without its answer: read the records again next time.
        this.#follows = null;
        throw mapped;
      }
    }
    return { outcomes, requests };
  }
}
