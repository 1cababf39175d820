// An in-process peer for engine-only tests and the overhead benchmark: follows are kept in
// memory, nothing is slow, and failures are injected on demand. Not a model of any real network
// (the Bluesky tests use a real PDS, the Mastodon tests the Mastodon API test double).
import type {
  BudgetRules,
  FollowBatchResult,
  FollowOutcome,
  LinkedAccountInfo,
  PlatformAdapter,
  PlatformSession,
  RateLimitState,
  UsageCost,
} from '../../src/platforms/types.ts';

export type FakeFault = Error | ((targets: readonly string[]) => Error | undefined);

export class FakePeer implements PlatformAdapter {
  readonly platform: string;
  readonly maxBatch: number;
  readonly defaultBudget: BudgetRules;
  readonly headerUnit = 'points' as const;
  /** accountId → set of followed targets. */
  readonly follows = new Map<string, Set<string>>();
  /** Every follow written, in order (to check that none is written twice). */
  readonly writes: Array<{ account: string; target: string }> = [];
  readonly faults: FakeFault[] = [];
  /** Targets that do not exist on the network. */
  readonly missing = new Set<string>();
  rateLimit: RateLimitState | undefined;
  batches = 0;
  opened = 0;

  constructor(options: { platform?: string; maxBatch?: number; budget?: BudgetRules } = {}) {
    this.platform = options.platform ?? 'fake';
    this.maxBatch = options.maxBatch ?? 50;
    this.defaultBudget = options.budget ?? { windows: [], fraction: 1 };
  }

  cost(follows: number): UsageCost {
    return { follows, requests: follows > 0 ? 1 : 0, points: follows * 3 };
  }

  followsOf(accountId: string): Set<string> {
    let set = this.follows.get(accountId);
    if (!set) {
      set = new Set();
      this.follows.set(accountId, set);
    }
    return set;
  }

  async open(account: LinkedAccountInfo, credentials: unknown): Promise<PlatformSession> {
    this.opened += 1;
    if ((credentials as { token?: string }).token === 'revoked') {
      const { ReauthRequiredError } = await import('../../src/platforms/types.ts');
      throw new ReauthRequiredError('token revoked');
    }
    return {
      resolve: async (handle) => ({ id: handle, handle }),
      listFollows: async () => new Set(this.followsOf(account.accountId)),
      followBatch: async (targets): Promise<FollowBatchResult> => {
        this.batches += 1;
        const fault = this.faults.shift();
        const err = typeof fault === 'function' ? fault(targets) : fault;
        if (err) throw err;
        const mine = this.followsOf(account.accountId);
        const outcomes = new Map<string, FollowOutcome>();
        for (const target of targets) {
          if (this.missing.has(target))
            outcomes.set(target, { kind: 'unavailable', reason: 'account not found' });
          else if (mine.has(target)) outcomes.set(target, { kind: 'already_following' });
          else {
            mine.add(target);
            this.writes.push({ account: account.accountId, target });
            outcomes.set(target, { kind: 'done' });
          }
        }
        return { outcomes, requests: 1 };
      },
      rateLimit: () => this.rateLimit,
      takeUpdatedCredentials: () => undefined,
    };
  }
}
