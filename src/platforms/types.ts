// The one interface every network implements. The engine (src/reconnect) knows nothing else
// about a platform: adding a network means a new folder here and an entry in the registry.

/** What the platform's response headers said about the account's budget. */
export interface RateLimitState {
  limit?: number;
  remaining?: number;
  /** When `remaining` is replenished (from the headers: epoch seconds, or an ISO time). */
  resetAt?: string;
  /** Window length in seconds, when the platform says (`ratelimit-policy: 5000;w=3600`). */
  windowSeconds?: number;
}

export interface ResolvedAccount {
  /** Stable id on the platform: a DID on Bluesky, `acct@host` on Mastodon. */
  id: string;
  handle: string;
  /** The account moved: follow this address instead. */
  movedTo?: string;
  locked?: boolean;
}

/** Terminal outcome of one follow; `retry` leaves the task for a later attempt. */
export type FollowOutcome =
  | { kind: 'done'; detail?: string }
  | { kind: 'already_following' }
  | { kind: 'requested'; detail?: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'retry'; reason: string }
  /** Not attempted (the platform's budget ran short mid-batch): back to the queue, no attempt counted. */
  | { kind: 'deferred' };

export interface FollowBatchResult {
  outcomes: Map<string, FollowOutcome>;
  /** HTTP requests this batch cost (budgets count them). */
  requests: number;
}

/** What an account's own network charges, in the budget's units. */
export interface UsageCost {
  follows: number;
  requests: number;
  points: number;
}

/**
 * Where a follow request stands now: `following` (accepted), still `requested`, `declined` (the
 * relationship is neither), `unavailable` (the account is gone), or `deferred` (not asked: the
 * platform's budget ran short).
 */
export type RequestVerdict = 'following' | 'requested' | 'declined' | 'unavailable' | 'deferred';

export interface RequestCheck {
  verdicts: Map<string, RequestVerdict>;
  /** What to keep saying about a target (a moved account followed at its new address). */
  notes?: Map<string, string>;
  requests: number;
}

/** An X block or mute carried over: what the network makes of it (src/directory/protection.ts). */
export type SafetyKind = 'block' | 'mute';

/** A signed-in account on a network, opened by an adapter from its stored credentials. */
export interface PlatformSession {
  /** Resolves a handle (Bluesky) or address (Mastodon) to a stable id. */
  resolve(handleOrAcct: string): Promise<ResolvedAccount | null>;
  /** Every account the user follows now, as stable ids. */
  listFollows(): Promise<Set<string>>;
  /**
   * Follows each target at most once: targets already followed come back `already_following`.
   * `fresh` asks the adapter to re-read the account's follows instead of trusting a cache.
   */
  followBatch(targets: readonly string[], options: { fresh: boolean }): Promise<FollowBatchResult>;
  /**
   * Blocks or mutes each target at most once, as followBatch follows: a target already blocked
   * (muted) comes back `already_following` (already in place). Absent: the network cannot.
   */
  safetyBatch?(
    kind: SafetyKind,
    targets: readonly string[],
    options: { fresh: boolean },
  ): Promise<FollowBatchResult>;
  /** Networks where follows wait for approval: where each requested follow stands now. */
  checkRequested?(targets: readonly string[]): Promise<RequestCheck>;
  /** Rate-limit state read from the latest response. */
  rateLimit(): RateLimitState | undefined;
  /** Credentials to store again (a refreshed session), or undefined when unchanged. */
  takeUpdatedCredentials(): unknown | undefined;
  /** Networks with curated lists (Bluesky): creates one holding these accounts. */
  createList?(list: { name: string; description: string }, members: readonly string[]): Promise<CreatedList>;
  /** Networks with lists Passerelle keeps up to date (communities): Bluesky, Mastodon. */
  readonly lists?: NetworkLists;
}

/**
 * A list on the network, kept up to date item by item. `listId` is the list's id there (an
 * at:// URI on Bluesky, the list id on Mastodon); members map each target (DID, `user@host`) to
 * the network's reference for its entry (a listitem rkey, an account id).
 */
export interface NetworkLists {
  create(list: { name: string; description: string }): Promise<string>;
  /** Whether the list is still there (its owner may have deleted it). */
  exists(listId: string): Promise<boolean>;
  members(listId: string): Promise<Map<string, string>>;
  /** Adds targets; those the network refuses come back in `refused` with why. */
  add(listId: string, targets: readonly string[]): Promise<ListChange>;
  remove(listId: string, refs: readonly string[]): Promise<ListChange>;
  /** Bluesky: a starter pack pointing at the list (made once; its at:// URI). */
  starterPack?(listId: string, pack: { name: string; description: string }): Promise<string>;
  /** What this session spent on lists so far, in the budget's units. */
  spent(): UsageCost;
}

export interface ListChange {
  done: string[];
  refused: Map<string, string>;
}

export interface CreatedList {
  /** Where the list lives (an at:// URI on Bluesky). */
  uri: string;
  members: number;
}

export interface LinkedAccountInfo {
  id: number;
  userId: number;
  platform: string;
  accountId: string;
  handle: string;
  instance: string | null;
}

/** A platform limit: at most `limit` units over any trailing `seconds`. */
export interface BudgetWindow {
  name: string;
  seconds: number;
  limit: number;
  unit: 'points' | 'follows' | 'requests';
}

/** Budgets as data (validated by src/reconnect/budget.ts, overridable per platform and account). */
export interface BudgetRules {
  windows: BudgetWindow[];
  /** Share of each platform limit the engine allows itself, in (0, 1]. */
  fraction: number;
  /** Also cap every 1/slices of this window at 1/slices of its allowance. */
  spread?: { window: string; slices: number };
}

/**
 * A host's request budget, shared by every account of the host (one outbound address): `shared`
 * until the host's headers prove each account has its own counter, then `perAccount` (the
 * host's per-address ceiling).
 */
export interface HostBudgetRules {
  shared: BudgetRules;
  perAccount: BudgetRules;
  /**
   * Only rate-limit headers whose policy has this window (`ratelimit-policy: 3000;w=300`) tell of
   * the host's counter; others are the account's own. Unset: every header is the host's.
   */
  headerWindowSeconds?: number;
}

export interface PlatformAdapter {
  readonly platform: string;
  /** One stored form of a target (Mastodon: `user@host`, lowercase), as tasks and the directory keep it. */
  normalizeTarget?(target: string): string;
  /** Requests budget of the hosts this network's accounts live on; with `hostOf`. */
  readonly hostBudget?: HostBudgetRules;
  /** The host an account's requests go to (its instance), null when the host has no budget. */
  hostOf?(account: { instance: string | null }): string | null;
  /** Most follow requests one checkRequested call takes. */
  readonly maxRevisit?: number;
  /** Cost of checking n follow requests. */
  revisitCost?(n: number): UsageCost;
  /** Most targets one followBatch call takes (Bluesky: 200 writes per applyWrites). */
  readonly maxBatch: number;
  /** The platform's published limits: the engine's default budget for it. */
  readonly defaultBudget: BudgetRules;
  /** What the `remaining` of the platform's rate-limit headers counts. */
  readonly headerUnit: keyof UsageCost;
  /** Cost of following n accounts, in the units budgets count. */
  cost(follows: number): UsageCost;
  /** Cost of n blocks or mutes (default: as many follows, the cautious guess). */
  safetyCost?(kind: SafetyKind, n: number): UsageCost;
  /** Worst-case cost of n list writes (NetworkLists), in the units budgets count. */
  listCost?(writes: number): UsageCost;
  open(account: LinkedAccountInfo, credentials: unknown): Promise<PlatformSession>;
}

// Errors an adapter throws; the engine maps each to a scheduling decision. `partial` carries the
// outcomes a batch reached before it was interrupted, so they are recorded, not retried.

export class PlatformError extends Error {
  partial?: Map<string, FollowOutcome>;
}

/** 429: wait until `resetAt`. */
export class RateLimitedError extends PlatformError {
  readonly resetAt: Date;
  readonly rateLimit: RateLimitState | undefined;
  constructor(resetAt: Date, rateLimit?: RateLimitState, message = 'Rate limited by the platform') {
    super(message);
    this.name = 'RateLimitedError';
    this.resetAt = resetAt;
    this.rateLimit = rateLimit;
  }
}

/** Token revoked or expired beyond refresh: the user must link the account again. */
export class ReauthRequiredError extends PlatformError {
  constructor(message = 'The platform refused the stored credentials') {
    super(message);
    this.name = 'ReauthRequiredError';
  }
}

/** 5xx, timeouts, connection resets: retry later with backoff. */
export class TransientPlatformError extends PlatformError {
  /**
   * The request never reached the platform (refused, no route, name not found): nothing can have
   * been written, so the follows wait for the host without spending their attempts.
   */
  readonly unreached: boolean;
  constructor(message: string, options?: { cause?: unknown; unreached?: boolean }) {
    super(message, options);
    this.name = 'TransientPlatformError';
    this.unreached = options?.unreached ?? neverConnected(options?.cause);
  }
}

/** Connection errors raised before a request is sent (Node's and undici's codes). */
const UNREACHED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether an error (or one of its causes) says the connection was never made. */
export function neverConnected(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHED_CODES.has(code)) return true;
  return neverConnected((err as { cause?: unknown }).cause, depth + 1);
}

/** The account cannot follow more (Mastodon's 7,500 cap): park it, keep its tasks. */
export class FollowCapReachedError extends PlatformError {
  constructor(message: string) {
    super(message);
    this.name = 'FollowCapReachedError';
  }
}

/** Parses a reset header: epoch seconds (Bluesky), or an ISO time (Mastodon). */
export function parseResetHeader(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return new Date(Number(value.trim()) * 1000);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
