// The follow engine: claims one account at a time, spends at most its budget on one batch,
// records every outcome, and turns platform errors into scheduling decisions (park until a 429's
// reset, back off on 5xx and network errors, pause on revoked tokens). Any number of engines may
// run against one PostgreSQL; claims and leases keep them apart.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { openCredentials, sealCredentials } from '../accounts/credentials.ts';
import { isOwnAccount, OWN_ACCOUNT_REASON } from '../accounts/own.ts';
import { markNeedsReauth, storeCredentials } from '../accounts/store.ts';
import type { Database } from '../db/index.ts';
import { countWritten, rateLimited } from '../metrics/registry.ts';
import {
  FollowCapReachedError,
  type FollowOutcome,
  type PlatformAdapter,
  PlatformError,
  type PlatformSession,
  RateLimitedError,
  type RateLimitState,
  ReauthRequiredError,
  TransientPlatformError,
  type UsageCost,
} from '../platforms/types.ts';
import { redactSecrets } from '../vault/redact.ts';
import type { Vault } from '../vault/vault.ts';
import { type BackoffOptions, backoffDelayMs, DEFAULT_BACKOFF } from './backoff.ts';
import {
  type Allowance,
  accountAllowance,
  type BudgetRules,
  budgetRulesSchema,
  correctUsage,
  loadPlatformBudgets,
  observeAccountHost,
  pruneUsage,
  recordUsage,
} from './budget.ts';
import { capFromHeaders, taskUpdateFor } from './decisions.ts';
import { nextLook, revisitDue } from './revisits.ts';
import { StoppedError, untilStopped } from './stop.ts';
import {
  type ClaimedAccount,
  type ClaimedTask,
  claimAccount,
  claimTasks,
  finishBatch,
  nextDueTime,
  releaseAccount,
  type TaskKind,
  type TaskUpdate,
  updateTasks,
} from './store.ts';

export interface EngineOptions {
  database: Database;
  vault: Vault;
  adapters: readonly PlatformAdapter[];
  /** Default budget per platform (else the adapter's); platform_budgets rows override these. */
  budgets?: Record<string, BudgetRules>;
  workerId?: string;
  leaseMs?: number;
  backoff?: BackoffOptions;
  now?: () => Date;
  random?: () => number;
  logger?: Logger;
}

/** 'stopped': the stop signal ended the batch and it was given back. */
export type ServeResult = 'served' | 'idle' | 'stopped';

export class FollowEngine {
  readonly workerId: string;
  readonly #o: Required<Omit<EngineOptions, 'budgets' | 'logger' | 'workerId'>> &
    Pick<EngineOptions, 'logger'>;
  readonly #adapters: Map<string, PlatformAdapter>;
  readonly #defaultBudgets: Map<string, BudgetRules>;
  readonly #sessions = new Map<number, { sealed: string; session: PlatformSession }>();
  #platformBudgets: Map<string, BudgetRules> | undefined;
  /** Ends the network call under way (drain's bound, run's stop): see stop.ts. */
  #stop: AbortSignal | undefined;
  #gaveBack = false;

  constructor(options: EngineOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.#o = {
      database: options.database,
      vault: options.vault,
      adapters: options.adapters,
      leaseMs: options.leaseMs ?? 60_000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
      logger: options.logger,
    };
    this.#adapters = new Map(options.adapters.map((a) => [a.platform, a]));
    this.#defaultBudgets = new Map(options.adapters.map((a) => [a.platform, a.defaultBudget]));
    for (const [platform, rules] of Object.entries(options.budgets ?? {})) {
      this.#defaultBudgets.set(platform, budgetRulesSchema.parse(rules));
    }
  }

  /** The networks this engine serves. */
  get platforms(): string[] {
    return [...this.#adapters.keys()];
  }

  /** Serves one batch of one account; 'idle' when no account has due work. */
  async serveOne(): Promise<ServeResult> {
    const { database, leaseMs } = this.#o;
    const now = this.#o.now();
    const account = await claimAccount(database, this.workerId, [...this.#adapters.keys()], now, leaseMs);
    if (!account) return 'idle';
    this.#gaveBack = false;
    try {
      await this.#serveAccount(account);
    } catch (err) {
      // A bug or a database error: give the account back after a short pause, keep its tasks.
      this.#o.logger?.error({ err, account: account.linkedAccountId }, 'serving account failed');
      await releaseAccount(database, account, this.workerId, this.#o.now(), {
        parkedUntil: new Date(this.#o.now().getTime() + this.#o.backoff.baseMs),
        parkReason: 'backoff',
        failureStreak: account.failureStreak + 1,
      }).catch(() => {});
    }
    return this.#gaveBack ? 'stopped' : 'served';
  }

  /**
   * Serves until nothing is due now (for `passerelle worker --until-idle`, cron and tests), or
   * until `signal` aborts: then no more is claimed and the batch under way gives back its account
   * and tasks at once.
   */
  async drain(options: { maxBatches?: number; signal?: AbortSignal } = {}): Promise<number> {
    let batches = 0;
    this.#stop = options.signal;
    while (batches < (options.maxBatches ?? Number.POSITIVE_INFINITY) && !options.signal?.aborted) {
      const result = await this.serveOne();
      if (result !== 'served') break;
      batches += 1;
    }
    return batches;
  }

  /** Runs until the signal aborts, sleeping while nothing is due. */
  async run(signal: AbortSignal, options: { idlePollMs?: number } = {}): Promise<void> {
    const idlePollMs = options.idlePollMs ?? 5_000;
    this.#stop = signal;
    while (!signal.aborted) {
      if ((await this.serveOne()) === 'served') continue;
      const due = await nextDueTime(this.#o.database, [...this.#adapters.keys()]);
      const wait = due
        ? Math.min(idlePollMs, Math.max(50, due.getTime() - this.#o.now().getTime()))
        : idlePollMs;
      await sleep(wait, signal);
    }
  }

  async #budgetFor(account: ClaimedAccount): Promise<BudgetRules> {
    if (account.budget) return budgetRulesSchema.parse(account.budget);
    this.#platformBudgets ??= await loadPlatformBudgets(this.#o.database);
    const rules = this.#platformBudgets.get(account.platform) ?? this.#defaultBudgets.get(account.platform);
    if (!rules) throw new Error(`No budget for platform "${account.platform}"`);
    return rules;
  }

  /** The account's own budget, capped by its host's (every account of the host shares that one). */
  #allowance(
    account: ClaimedAccount,
    adapter: PlatformAdapter,
    rules: BudgetRules,
    max: number,
    cost: (n: number) => UsageCost,
    now: Date,
  ): Promise<Allowance> {
    return accountAllowance(this.#o.database, account, adapter, rules, max, cost, now);
  }

  #observeHost(account: ClaimedAccount, adapter: PlatformAdapter, rateLimit: RateLimitState | undefined) {
    return observeAccountHost(this.#o.database, account, adapter, rateLimit, this.#o.now());
  }

  /** Looks again at due follow requests (revisits.ts): a date to wait for, `failed`, or null. */
  #revisit(
    account: ClaimedAccount,
    adapter: PlatformAdapter,
    rules: BudgetRules,
  ): Promise<Date | 'failed' | null> {
    return revisitDue({
      database: this.#o.database,
      workerId: this.workerId,
      leaseMs: this.#o.leaseMs,
      now: this.#o.now,
      account,
      adapter,
      allowance: (max, cost, now) => this.#allowance(account, adapter, rules, max, cost, now),
      session: () => this.#session(account, adapter),
      fail: (err) => this.#handleFailure(account, [], err),
      untilStopped: (call) => untilStopped(call, this.#stop),
    });
  }

  async #serveAccount(account: ClaimedAccount): Promise<void> {
    const { database, leaseMs } = this.#o;
    const adapter = this.#adapters.get(account.platform) as PlatformAdapter;
    const rules = await this.#budgetFor(account);
    const revisit = await this.#revisit(account, adapter, rules);
    if (revisit === 'failed') return;
    const now = this.#o.now();
    const allowance = await this.#allowance(
      account,
      adapter,
      rules,
      adapter.maxBatch,
      (n) => adapter.cost(n),
      now,
    );
    const headerCap = capFromHeaders(
      account.rateLimit as RateLimitState | null,
      adapter,
      allowance.follows,
      now,
    );
    if (allowance.follows === 0 || headerCap.follows === 0) {
      const until = allowance.follows === 0 ? allowance.retryAt : headerCap.retryAt;
      await releaseAccount(database, account, this.workerId, now, {
        parkedUntil: until,
        parkReason: allowance.follows === 0 ? 'budget' : 'rate_limited',
        served: false,
      });
      return;
    }
    const claimed = await claimTasks(database, account, this.workerId, headerCap.follows, now, leaseMs);
    const tasks = await this.#endOwnAccountTasks(account, claimed, now);
    if (tasks.length === 0) {
      await releaseAccount(database, account, this.workerId, now, {
        served: revisit !== null,
        ...(revisit ? { parkedUntil: revisit, parkReason: 'budget' } : {}),
      });
      return;
    }
    // Spend is recorded before the request: a crash after sending still counts against the budget.
    const usesLedger = rules.windows.length > 0;
    const cost = costOf(adapter, tasks[0]?.kind ?? 'follow');
    const reservation = usesLedger
      ? await recordUsage(database, account.linkedAccountId, cost(tasks.length), now)
      : undefined;
    let sent = false;
    try {
      const session = await this.#session(account, adapter);
      const fresh =
        account.lastServedBy !== this.workerId || tasks.some((t) => t.previousState === 'in_flight');
      sent = true;
      const result = await untilStopped(batchOf(session, tasks, fresh), this.#stop);
      await this.#recordBatch(
        account,
        adapter,
        session,
        tasks,
        result.outcomes,
        result.requests,
        reservation,
        rules,
      );
    } catch (err) {
      if (err instanceof StoppedError) await this.#giveBack(account, tasks, reservation, sent);
      else await this.#handleFailure(account, tasks, err, reservation);
    }
  }

  /**
   * Stopped mid-batch: the account and its tasks go back now, for the next worker. Before the
   * follows were sent nothing was written (attempt and budget refunded); after, they stay in
   * flight, so the next batch reads the account's follows before writing any.
   */
  async #giveBack(
    account: ClaimedAccount,
    tasks: ClaimedTask[],
    reservation: number | undefined,
    sent: boolean,
  ): Promise<void> {
    const now = this.#o.now();
    this.#gaveBack = true;
    if (!sent) await this.#refund(account, reservation);
    this.#sessions.delete(account.linkedAccountId);
    await updateTasks(
      this.#o.database,
      this.workerId,
      tasks.map((t) => ({
        id: t.id,
        state: sent || t.previousState === 'in_flight' ? 'in_flight' : 'pending',
        reason: sent ? 'stopped while following: checked before the next try' : null,
        notBefore: null,
        refundAttempt: !sent,
      })),
      now,
    );
    await releaseAccount(this.#o.database, account, this.workerId, now, {
      served: false,
      failureStreak: account.failureStreak,
    });
  }

  /** A follow of the account itself is never sent: such tasks end here; the rest go on. */
  async #endOwnAccountTasks(
    account: ClaimedAccount,
    tasks: ClaimedTask[],
    now: Date,
  ): Promise<ClaimedTask[]> {
    const own = tasks.filter((t) => isOwnAccount(account, t.target));
    if (own.length === 0) return tasks;
    await updateTasks(
      this.#o.database,
      this.workerId,
      own.map((t) => ({ id: t.id, state: 'unavailable', reason: OWN_ACCOUNT_REASON, notBefore: null })),
      now,
    );
    return tasks.filter((t) => !own.includes(t));
  }

  async #session(account: ClaimedAccount, adapter: PlatformAdapter): Promise<PlatformSession> {
    const sealed = account.credentials;
    if (!sealed) throw new ReauthRequiredError('No credentials stored for this account');
    const cached = this.#sessions.get(account.linkedAccountId);
    if (cached && cached.sealed === sealed) return cached.session;
    const credentials = openCredentials(this.#o.vault, account.userId, account.platform, sealed);
    const session = await untilStopped(
      adapter.open(
        {
          id: account.linkedAccountId,
          userId: account.userId,
          platform: account.platform,
          accountId: account.accountId,
          handle: account.handle,
          instance: account.instance,
        },
        credentials,
      ),
      this.#stop,
    );
    this.#sessions.set(account.linkedAccountId, { sealed, session });
    await this.#saveCredentials(account, session);
    return session;
  }

  async #saveCredentials(account: ClaimedAccount, session: PlatformSession): Promise<void> {
    const updated = session.takeUpdatedCredentials();
    if (updated === undefined) return;
    const sealed = sealCredentials(this.#o.vault, account.userId, account.platform, updated);
    await storeCredentials(this.#o.database, account.linkedAccountId, sealed, this.#o.now());
    this.#sessions.set(account.linkedAccountId, { sealed, session });
  }

  async #recordBatch(
    account: ClaimedAccount,
    adapter: PlatformAdapter,
    session: PlatformSession,
    tasks: ClaimedTask[],
    outcomes: Map<string, FollowOutcome>,
    requests: number,
    reservation: number | undefined,
    rules: BudgetRules,
  ): Promise<void> {
    const { database } = this.#o;
    const now = this.#o.now();
    const updates: TaskUpdate[] = [];
    let written = 0;
    for (const task of tasks) {
      const outcome = outcomes.get(task.target);
      if (outcome?.kind === 'done' || outcome?.kind === 'requested') written += 1;
      const update = taskUpdateFor(task, outcome);
      // A request is looked at again later: accepted, declined, or still waiting.
      if (update)
        updates.push({ ...update, notBefore: update.state === 'requested' ? nextLook(1, now) : null });
      else
        updates.push(
          this.#retryUpdate(
            task,
            outcome?.kind === 'retry' ? outcome.reason : 'no answer for this follow',
            true,
          ),
        );
    }
    // One batch is of one kind (store.ts claims): follows, blocks and mutes are counted apart.
    countWritten(account.platform, tasks[0]?.kind ?? 'follow', written);
    if (reservation !== undefined) {
      const spent = costOf(adapter, tasks[0]?.kind ?? 'follow')(written);
      await correctUsage(database, reservation, { ...spent, requests });
      await pruneUsage(database, account.linkedAccountId, rules, now);
    }
    await this.#saveCredentials(account, session);
    const rateLimit = session.rateLimit();
    await this.#observeHost(account, adapter, rateLimit);
    // Nothing could be attempted: the platform's budget is spent; wait for its reset.
    const stalled = tasks.every((t) => outcomes.get(t.target)?.kind === 'deferred');
    const resetAt = rateLimit?.resetAt ? new Date(rateLimit.resetAt) : undefined;
    await finishBatch(database, account, this.workerId, updates, now, {
      rateLimit: rateLimit ?? undefined,
      ...(stalled
        ? {
            parkedUntil: resetAt && resetAt > now ? resetAt : new Date(now.getTime() + 60_000),
            parkReason: 'rate_limited',
          }
        : {}),
    });
  }

  /** Back to the queue after a failure; `mayHaveWritten` keeps it in flight so a retry checks first. */
  #retryUpdate(task: ClaimedTask, reason: string, mayHaveWritten: boolean): TaskUpdate {
    const { backoff } = this.#o;
    if (task.attempts >= backoff.maxAttempts) {
      return {
        id: task.id,
        state: 'failed',
        reason: `gave up after ${task.attempts} attempts: ${reason}`,
        notBefore: null,
      };
    }
    const delay = backoffDelayMs(task.attempts, backoff, this.#o.random);
    return {
      id: task.id,
      state: mayHaveWritten || task.previousState === 'in_flight' ? 'in_flight' : 'pending',
      reason: `retrying: ${reason}`,
      notBefore: new Date(this.#o.now().getTime() + delay),
    };
  }

  /** Nothing or only part of the batch was sent: the budget keeps only what was written. */
  async #refund(
    account: ClaimedAccount,
    reservation: number | undefined,
    partial?: Map<string, FollowOutcome>,
    kind: TaskKind = 'follow',
  ) {
    if (reservation === undefined) return;
    const written = [...(partial?.values() ?? [])].filter(
      (o) => o.kind === 'done' || o.kind === 'requested',
    ).length;
    const adapter = this.#adapters.get(account.platform) as PlatformAdapter;
    await correctUsage(this.#o.database, reservation, written > 0 ? costOf(adapter, kind)(written) : null);
  }

  async #handleFailure(
    account: ClaimedAccount,
    all: ClaimedTask[],
    err: unknown,
    reservation?: number,
  ): Promise<void> {
    // Stopped while looking at requests (revisits gave their tasks back): the account goes back.
    if (err instanceof StoppedError) return this.#giveBack(account, all, reservation, false);
    const { database } = this.#o;
    const now = this.#o.now();
    // Outcomes reached before the interruption are final; only the rest is retried or paused.
    const partial = err instanceof PlatformError ? err.partial : undefined;
    const settled: TaskUpdate[] = [];
    for (const t of partial ? all : []) {
      const u = taskUpdateFor(t, partial?.get(t.target));
      if (u) settled.push({ ...u, notBefore: null });
    }
    await updateTasks(database, this.workerId, settled, now);
    const settledIds = new Set(settled.map((u) => u.id));
    const tasks = all.filter((t) => !settledIds.has(t.id));
    const message = redactSecrets(err instanceof Error ? err.message : String(err));
    // Nothing was written on a 429, a refused token or a full account: the attempt is refunded.
    const untouched = (reason: string | null): TaskUpdate[] =>
      tasks.map((t) => ({
        id: t.id,
        state: t.previousState === 'in_flight' ? 'in_flight' : 'pending',
        reason,
        notBefore: null,
        refundAttempt: true,
      }));
    if (err instanceof RateLimitedError) {
      rateLimited.inc({ platform: account.platform });
      await this.#refund(account, reservation, partial, all[0]?.kind);
      await updateTasks(database, this.workerId, untouched(null), now);
      const jitter = Math.round(this.#o.random() * 2_000);
      await releaseAccount(database, account, this.workerId, now, {
        parkedUntil: new Date(Math.max(err.resetAt.getTime(), now.getTime()) + jitter),
        parkReason: 'rate_limited',
        rateLimit: err.rateLimit ?? { remaining: 0, resetAt: err.resetAt.toISOString() },
      });
      this.#o.logger?.warn(
        { account: account.linkedAccountId, resetAt: err.resetAt },
        'rate limited: parked',
      );
      return;
    }
    if (err instanceof ReauthRequiredError) {
      await this.#refund(account, reservation, partial, all[0]?.kind);
      this.#sessions.delete(account.linkedAccountId);
      await updateTasks(database, this.workerId, untouched('paused: the account must be linked again'), now);
      await markNeedsReauth(database, account.linkedAccountId, now);
      await releaseAccount(database, account, this.workerId, now, {
        parkReason: 'needs_reauth',
        served: false,
      });
      this.#o.logger?.warn({ account: account.linkedAccountId, reason: message }, 'needs re-authorisation');
      return;
    }
    if (err instanceof FollowCapReachedError) {
      await this.#refund(account, reservation, partial, all[0]?.kind);
      await updateTasks(database, this.workerId, untouched(`waiting: ${message}`), now);
      await releaseAccount(database, account, this.workerId, now, {
        parkedUntil: new Date(now.getTime() + 24 * 3600_000),
        parkReason: 'follow_cap',
      });
      return;
    }
    // 5xx, resets, timeouts, anything unknown: the write may have happened; back off and re-check.
    // A host that was never reached wrote nothing: its follows wait without spending attempts, so
    // an hour-long outage does not make them fail for good.
    const streak = account.failureStreak + 1;
    const unreached = err instanceof TransientPlatformError && err.unreached;
    if (unreached) await this.#refund(account, reservation, partial, all[0]?.kind);
    await updateTasks(
      database,
      this.workerId,
      unreached ? untouched(`waiting: ${message}`) : tasks.map((t) => this.#retryUpdate(t, message, true)),
      now,
    );
    await releaseAccount(database, account, this.workerId, now, {
      parkedUntil: new Date(now.getTime() + backoffDelayMs(streak, this.#o.backoff, this.#o.random)),
      parkReason: 'backoff',
      failureStreak: streak,
    });
    this.#o.logger?.warn(
      { account: account.linkedAccountId, reason: message, streak },
      'transient failure: backing off',
    );
  }
}

/** One claimed batch (all of one kind) sent the way its kind is made on the network. */
async function batchOf(session: PlatformSession, tasks: ClaimedTask[], fresh: boolean) {
  const targets = tasks.map((t) => t.target);
  const kind = tasks[0]?.kind ?? 'follow';
  if (kind === 'follow') return session.followBatch(targets, { fresh });
  if (session.safetyBatch) return session.safetyBatch(kind, targets, { fresh });
  const outcome: FollowOutcome = { kind: 'unavailable', reason: `this network cannot ${kind} accounts` };
  return { outcomes: new Map(targets.map((t) => [t, outcome])), requests: 0 };
}

/** What n tasks of a kind cost on the adapter's network. */
function costOf(adapter: PlatformAdapter, kind: TaskKind): (n: number) => UsageCost {
  if (kind === 'follow' || !adapter.safetyCost) return (n) => adapter.cost(n);
  return (n) => adapter.safetyCost?.(kind, n) ?? adapter.cost(n);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
