// Simulated Bluesky and Mastodon for the launch simulator (a simulation, not a test double): each
// account's documented limits, per-host limits (PDS hosts; instances that limit per IP), latency
// with a tail on a virtual clock, and injected faults. The adapters follow the real adapters'
// logic (budgets, costs and batch sizes are the real ones; follows already there are read before
// writing) and report every follow written twice and every 429 the budgets should have prevented.
import { BLUESKY_BUDGET } from '../../src/platforms/bluesky/adapter.ts';
import {
  MASTODON_BUDGET,
  MASTODON_FOLLOW_CAP,
  MASTODON_HOST_BUDGET,
} from '../../src/platforms/mastodon/adapter.ts';
import {
  type FollowBatchResult,
  FollowCapReachedError,
  type FollowOutcome,
  type HostBudgetRules,
  type LinkedAccountInfo,
  type PlatformAdapter,
  PlatformError,
  type PlatformSession,
  RateLimitedError,
  type RateLimitState,
  ReauthRequiredError,
  TransientPlatformError,
  type UsageCost,
} from '../../src/platforms/types.ts';
import { entry } from './analysis.ts';

/** A sliding-window limit on one counter, as the platforms apply them (units spent at times). */
export class WindowLimit {
  readonly #times: number[] = [];
  readonly #units: number[] = [];
  #head = 0;
  #used = 0;
  readonly limit: number;
  readonly seconds: number;
  constructor(limit: number, seconds: number) {
    this.limit = limit;
    this.seconds = seconds;
  }

  #prune(now: number) {
    const from = now - this.seconds * 1000;
    while (this.#head < this.#times.length && (this.#times[this.#head] as number) <= from) {
      this.#used -= this.#units[this.#head] as number;
      this.#head += 1;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times.splice(0, this.#head);
      this.#units.splice(0, this.#head);
      this.#head = 0;
    }
  }
  /** Takes `n` units at `now`, or returns false (the platform answers 429). */
  take(now: number, n = 1): boolean {
    this.#prune(now);
    if (this.#used + n > this.limit) return false;
    if (n > 0) {
      this.#times.push(now);
      this.#units.push(n);
      this.#used += n;
    }
    return true;
  }
  remaining(now: number): number {
    this.#prune(now);
    return Math.max(0, this.limit - this.#used);
  }
  /** When the oldest units still counted leave the window. */
  resetAt(now: number): number {
    this.#prune(now);
    return (this.#times[this.#head] ?? now) + this.seconds * 1000;
  }
}

export interface Faults {
  /** Share of requests answered 5xx (half of them after the write happened). */
  serverErrors: number;
  /** A PDS host unreachable for a while (hours after the activation moment). */
  hostDown?: { host: number; fromHours: number; hours: number };
  /** One instance answering 429 to everything for a while. */
  storm?: { instance: number; fromHours: number; hours: number };
}

export interface SimStats {
  writes: number;
  doubled: number;
  unexpected429: number;
  expected429: number;
  serverErrors: number;
  requests: number;
}

/** The world both simulated networks live in: the virtual clock, faults, and what was written. */
export class SimWorld {
  /** accountId → targets followed, per platform ("bluesky:did" / "mastodon:acct"). */
  readonly follows = new Map<string, Set<string>>();
  /** First time each (account, target) follow was written: the yield curve and first follows. */
  readonly firstWrite = new Map<string, number>();
  readonly revoked = new Set<string>();
  readonly stats: SimStats = {
    writes: 0,
    doubled: 0,
    unexpected429: 0,
    expected429: 0,
    serverErrors: 0,
    requests: 0,
  };
  /** Virtual milliseconds the current batch took (requests × latency): the worker's busy time. */
  batchMs = 0;
  /** Set to make the next batch of `killAccount` hang mid-way (a worker killed mid-batch). */
  killNext: { platform: string } | undefined;
  onKill: (() => void) | undefined;
  readonly #hosts = new Map<string, WindowLimit>();

  readonly now: () => number;
  readonly startMs: number;
  readonly faults: Faults;
  readonly random: () => number;
  constructor(now: () => number, startMs: number, faults: Faults, random: () => number) {
    this.now = now;
    this.startMs = startMs;
    this.faults = faults;
    this.random = random;
  }

  followsOf(key: string): Set<string> {
    return entry(this.follows, key, () => new Set<string>());
  }

  /** One request's latency: ~120 ms, a tail to several seconds. */
  latency(): number {
    const u = this.random();
    return u < 0.95 ? 60 + u * 120 : 500 + ((u - 0.95) / 0.05) * 4_500;
  }

  #inWindow(w: { fromHours: number; hours: number } | undefined, now: number): boolean {
    if (!w) return false;
    const h = (now - this.startMs) / 3_600_000;
    return h >= w.fromHours && h < w.fromHours + w.hours;
  }
  hostDown(host: number): boolean {
    return this.faults.hostDown?.host === host && this.#inWindow(this.faults.hostDown, this.now());
  }
  storming(instance: number): { until: number } | undefined {
    const s = this.faults.storm;
    if (s?.instance !== instance || !this.#inWindow(s, this.now())) return undefined;
    return { until: this.startMs + (s.fromHours + s.hours) * 3_600_000 };
  }

  /** Counts one request against the host's per-IP limit; false when the host refuses it. */
  hostRequest(host: string, limit: number, seconds: number): boolean {
    this.stats.requests += 1;
    this.batchMs += this.latency();
    return entry(this.#hosts, host, () => new WindowLimit(limit, seconds)).take(this.now());
  }
  hostWindow(host: string): WindowLimit | undefined {
    return this.#hosts.get(host);
  }
  hostReset(host: string): number {
    return this.#hosts.get(host)?.resetAt(this.now()) ?? this.now() + 1000;
  }

  /** Records a follow; a second write of an existing follow is a doubled follow. */
  write(platform: string, account: string, target: string): void {
    const set = this.followsOf(`${platform}:${account}`);
    this.stats.writes += 1;
    if (set.has(target)) this.stats.doubled += 1;
    set.add(target);
    const key = `${platform}:${account}>${target}`;
    if (!this.firstWrite.has(key)) this.firstWrite.set(key, this.now());
  }

  /** A 5xx for this request? `afterWrite` says whether the write went through first. */
  serverError(): { afterWrite: boolean } | undefined {
    if (this.random() >= this.faults.serverErrors) return undefined;
    this.stats.serverErrors += 1;
    return { afterWrite: this.random() < 0.5 };
  }

  /** Hangs the batch for ever (the worker is gone): the simulator drops that worker. */
  maybeKill(platform: string): Promise<never> | undefined {
    if (this.killNext?.platform !== platform) return undefined;
    this.killNext = undefined;
    this.onKill?.();
    return new Promise<never>(() => {});
  }
}

type Limits = { account: WindowLimit[]; hostLimit: number; hostSeconds: number };

/** Where a session's requests go: the host's index and the key its per-IP limit is counted under. */
interface Where {
  hostIndex: number;
  hostKey: string;
}

/** Shared session logic: per-account windows, the host's limit, revocation, faults, a kill. */
abstract class SimSession implements PlatformSession {
  #rate: RateLimitState | undefined;
  protected readonly world: SimWorld;
  protected readonly platform: 'bluesky' | 'mastodon';
  protected readonly account: string;
  protected readonly where: Where;
  protected readonly limits: Limits;
  constructor(
    world: SimWorld,
    platform: 'bluesky' | 'mastodon',
    account: string,
    where: Where,
    limits: Limits,
  ) {
    this.world = world;
    this.platform = platform;
    this.account = account;
    this.where = where;
    this.limits = limits;
  }

  async resolve(handle: string) {
    return { id: handle, handle };
  }
  /** The account's follows, 100 a page (Bluesky listRecords, Mastodon following). */
  async listFollows(): Promise<Set<string>> {
    const set = this.world.followsOf(`${this.platform}:${this.account}`);
    const pages = Math.max(1, Math.ceil(set.size / 100));
    for (let i = 0; i < pages; i++) this.request(0);
    return new Set(set);
  }
  rateLimit(): RateLimitState | undefined {
    return this.#rate;
  }
  takeUpdatedCredentials(): unknown | undefined {
    return undefined;
  }
  protected get followed(): Set<string> {
    return this.world.followsOf(`${this.platform}:${this.account}`);
  }

  /** One HTTP request spending `units` of the account's write limit: checks every limit first. */
  protected request(units: number): void {
    const now = this.world.now();
    if (this.world.revoked.has(`${this.platform}:${this.account}`))
      throw new ReauthRequiredError('token revoked (simulated)');
    if (this.platform === 'bluesky' && this.world.hostDown(this.where.hostIndex))
      throw new TransientPlatformError(`PDS ${this.where.hostIndex} unreachable (simulated)`, {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    const storm = this.platform === 'mastodon' && this.world.storming(this.where.hostIndex);
    if (storm) {
      this.world.stats.expected429 += 1;
      throw new RateLimitedError(new Date(storm.until));
    }
    const hostOk = this.world.hostRequest(this.where.hostKey, this.limits.hostLimit, this.limits.hostSeconds);
    const short = this.limits.account.filter((w) => w.remaining(now) < units);
    // What the headers say: Mastodon's X-RateLimit-* count requests per 5 minutes (per account, or
    // per address on GoToSocial-like hosts); the PDS's ratelimit-* the hour's write points.
    const shown =
      this.platform === 'mastodon' ? this.world.hostWindow(this.where.hostKey) : this.limits.account[0];
    if (shown)
      this.#rate = {
        limit: shown.limit,
        remaining: shown.remaining(now),
        resetAt: new Date(shown.resetAt(now)).toISOString(),
      };
    if (!hostOk || short.length > 0) {
      this.world.stats.unexpected429 += 1;
      const reset = hostOk
        ? Math.max(...short.map((w) => w.resetAt(now)))
        : this.world.hostReset(this.where.hostKey);
      throw new RateLimitedError(new Date(reset), { remaining: 0, resetAt: new Date(reset).toISOString() });
    }
    for (const w of this.limits.account) w.take(now, units);
  }

  abstract followBatch(targets: readonly string[], options: { fresh: boolean }): Promise<FollowBatchResult>;
}

class BlueskySimSession extends SimSession {
  /** applyWrites: up to 200 creates in one request, 3 points each, all or nothing. */
  async followBatch(targets: readonly string[], options: { fresh: boolean }): Promise<FollowBatchResult> {
    const before = this.world.stats.requests;
    const known = options.fresh ? await this.listFollows() : this.followed;
    const outcomes = new Map<string, FollowOutcome>();
    const todo: string[] = [];
    for (const t of targets) {
      if (known.has(t)) outcomes.set(t, { kind: 'already_following' });
      else todo.push(t);
    }
    const hang = this.world.maybeKill('bluesky');
    if (hang) {
      for (const t of todo.slice(0, todo.length >> 1)) this.world.write('bluesky', this.account, t);
      return hang;
    }
    if (todo.length > 0) {
      this.request(todo.length * 3);
      const fault = this.world.serverError();
      if (fault?.afterWrite) for (const t of todo) this.world.write('bluesky', this.account, t);
      if (fault) throw new TransientPlatformError('502 from the PDS (simulated)');
      for (const t of todo) {
        this.world.write('bluesky', this.account, t);
        outcomes.set(t, { kind: 'done' });
      }
    }
    return { outcomes, requests: this.world.stats.requests - before };
  }
}

class MastodonSimSession extends SimSession {
  /** One relationships request for the batch, then a lookup and a follow per target. */
  async followBatch(targets: readonly string[], options: { fresh: boolean }): Promise<FollowBatchResult> {
    const before = this.world.stats.requests;
    const known = options.fresh ? await this.listFollows() : this.followed;
    this.request(0);
    const outcomes = new Map<string, FollowOutcome>();
    const hang = this.world.maybeKill('mastodon');
    for (const [i, target] of targets.entries()) {
      if (hang && i === targets.length >> 1) return hang;
      if (known.has(target)) {
        outcomes.set(target, { kind: 'already_following' });
        continue;
      }
      try {
        this.#followOne(target);
        outcomes.set(target, { kind: 'done' });
      } catch (err) {
        if (err instanceof PlatformError) err.partial = outcomes;
        throw err;
      }
    }
    return { outcomes, requests: this.world.stats.requests - before };
  }

  #followOne(target: string): void {
    if (this.followed.size >= MASTODON_FOLLOW_CAP)
      throw new FollowCapReachedError('7,500 follows (simulated)');
    this.request(0); // accounts/lookup
    this.request(1); // accounts/:id/follow
    const fault = this.world.serverError();
    if (fault?.afterWrite) this.world.write('mastodon', this.account, target);
    if (fault) throw new TransientPlatformError('502 from the instance (simulated)');
    this.world.write('mastodon', this.account, target);
  }
}

/** One simulated network behind the engine's adapter interface, with the real budgets and costs. */
export class SimAdapter implements PlatformAdapter {
  readonly maxBatch: number;
  readonly defaultBudget;
  readonly headerUnit;
  readonly #limits = new Map<string, WindowLimit[]>();

  readonly platform: 'bluesky' | 'mastodon';
  readonly world: SimWorld;
  readonly locate: (account: LinkedAccountInfo) => { host: number; perIp: boolean };
  /** Mastodon: the real adapter's per-host request budget, keyed by instance. */
  readonly hostBudget = undefined as HostBudgetRules | undefined;
  constructor(
    platform: 'bluesky' | 'mastodon',
    world: SimWorld,
    locate: (account: LinkedAccountInfo) => { host: number; perIp: boolean },
  ) {
    this.platform = platform;
    this.world = world;
    this.locate = locate;
    if (platform === 'mastodon') this.hostBudget = MASTODON_HOST_BUDGET;
    this.maxBatch = platform === 'bluesky' ? 200 : 20;
    this.defaultBudget = platform === 'bluesky' ? BLUESKY_BUDGET : MASTODON_BUDGET;
    this.headerUnit = platform === 'bluesky' ? ('points' as const) : ('requests' as const);
  }

  hostOf(account: { instance: string | null }): string | null {
    return this.platform === 'mastodon' ? account.instance : null;
  }

  cost(follows: number): UsageCost {
    return this.platform === 'bluesky'
      ? { follows, requests: follows === 0 ? 0 : Math.ceil(follows / 200), points: 3 * follows }
      : { follows, requests: follows === 0 ? 0 : 3 * follows + 1, points: follows };
  }

  /** The documented per-account limits: Bluesky points per hour and day; Mastodon follows a day. */
  #accountLimits(accountId: string): WindowLimit[] {
    let limits = this.#limits.get(accountId);
    if (!limits) {
      limits =
        this.platform === 'bluesky'
          ? [new WindowLimit(5_000, 3_600), new WindowLimit(35_000, 86_400)]
          : [new WindowLimit(400, 86_400)];
      this.#limits.set(accountId, limits);
    }
    return limits;
  }

  async open(account: LinkedAccountInfo, _credentials: unknown): Promise<PlatformSession> {
    if (this.world.revoked.has(`${this.platform}:${account.accountId}`))
      throw new ReauthRequiredError('token revoked (simulated)');
    const { host, perIp } = this.locate(account);
    // PDS: 3,000 requests per 5 minutes per IP; per-IP instances: 300 per 5 minutes for every
    // account together; other instances: 300 per 5 minutes per account.
    const limits: Limits = {
      account: this.#accountLimits(account.accountId),
      hostLimit: this.platform === 'bluesky' ? 3_000 : 300,
      hostSeconds: 300,
    };
    const where = {
      hostIndex: host,
      hostKey:
        this.platform === 'mastodon' && !perIp ? `i${host}/${account.accountId}` : `${this.platform}${host}`,
    };
    return this.platform === 'bluesky'
      ? new BlueskySimSession(this.world, 'bluesky', account.accountId, where, limits)
      : new MastodonSimSession(this.world, 'mastodon', account.accountId, where, limits);
  }
}
