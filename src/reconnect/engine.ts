// The follow engine: claims one account at a time, spends at most its budget on one batch
// (batch.ts), records every outcome, and turns platform errors into scheduling decisions
// (failures.ts). Any number of engines may run against one PostgreSQL; claims and leases keep
// them apart.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/index.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import type { Vault } from '../vault/vault.ts';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.ts';
import { serveAccount } from './batch.ts';
import type { BudgetRules } from './budget.ts';
import type { Serving } from './serving.ts';
import { SessionCache } from './sessions.ts';
import { BudgetBook } from './spending.ts';
import { sleep, untilStopped } from './stop.ts';
import { type ClaimedAccount, claimAccount, nextDueTime, releaseAccount } from './store.ts';

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
  readonly #budgets: BudgetBook;
  readonly #sessions: SessionCache;
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
    this.#budgets = new BudgetBook(options.database, options.adapters, options.budgets);
    this.#sessions = new SessionCache(options.database, options.vault, this.#o.now);
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
      await serveAccount(this.#serving(account));
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

  /** What serving the claimed account needs of this engine (serving.ts). */
  #serving(account: ClaimedAccount): Serving {
    const { database, leaseMs, backoff, now, random, logger } = this.#o;
    return {
      database,
      workerId: this.workerId,
      leaseMs,
      backoff,
      now,
      random,
      logger,
      account,
      adapter: this.#adapters.get(account.platform) as PlatformAdapter,
      sessions: this.#sessions,
      budgets: this.#budgets,
      untilStopped: (call) => untilStopped(call, this.#stop),
      gaveBack: () => {
        this.#gaveBack = true;
      },
    };
  }
}
