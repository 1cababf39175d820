// The budget around one batch: the rules an account spends by, and the usage ledger (spend is
// recorded before the request, then corrected to what was written, or refunded).
import type { Database } from '../db/index.ts';
import type { FollowOutcome, PlatformAdapter } from '../platforms/types.ts';
import {
  type BudgetRules,
  budgetRulesSchema,
  correctUsage,
  loadPlatformBudgets,
  pruneUsage,
  recordUsage,
} from './budget.ts';
import type { Serving } from './serving.ts';
import type { ClaimedAccount, TaskKind } from './store.ts';
import { costOf } from './task-kinds.ts';

/** Budget rules by platform: the account's own, else platform_budgets, else the engine's default. */
export class BudgetBook {
  readonly #database: Database;
  readonly #defaults: Map<string, BudgetRules>;
  #platformBudgets: Map<string, BudgetRules> | undefined;

  /** `budgets` (validated here) override the adapters' defaults. */
  constructor(
    database: Database,
    adapters: readonly PlatformAdapter[],
    budgets: Record<string, BudgetRules> = {},
  ) {
    this.#database = database;
    this.#defaults = new Map(adapters.map((a) => [a.platform, a.defaultBudget]));
    for (const [platform, rules] of Object.entries(budgets)) {
      this.#defaults.set(platform, budgetRulesSchema.parse(rules));
    }
  }

  async rulesFor(account: ClaimedAccount): Promise<BudgetRules> {
    if (account.budget) return budgetRulesSchema.parse(account.budget);
    this.#platformBudgets ??= await loadPlatformBudgets(this.#database);
    const rules = this.#platformBudgets.get(account.platform) ?? this.#defaults.get(account.platform);
    if (!rules) throw new Error(`No budget for platform "${account.platform}"`);
    return rules;
  }
}

/**
 * Records the spend of `n` tasks of `kind` before they are sent (a crash after sending still
 * counts against the budget); the ledger entry's id, or undefined when the rules have no window.
 */
export async function reserveSpend(
  s: Serving,
  rules: BudgetRules,
  kind: TaskKind,
  n: number,
  now: Date,
): Promise<number | undefined> {
  const usesLedger = rules.windows.length > 0;
  const cost = costOf(s.adapter, kind);
  return usesLedger ? await recordUsage(s.database, s.account.linkedAccountId, cost(n), now) : undefined;
}

/** After the batch: the ledger keeps what was written and the requests made; old entries go. */
export async function settleSpend(
  s: Serving,
  reservation: number | undefined,
  rules: BudgetRules,
  spent: { kind: TaskKind; written: number; requests: number },
  now: Date,
): Promise<void> {
  if (reservation === undefined) return;
  const cost = costOf(s.adapter, spent.kind)(spent.written);
  await correctUsage(s.database, reservation, { ...cost, requests: spent.requests });
  await pruneUsage(s.database, s.account.linkedAccountId, rules, now);
}

/** Nothing or only part of the batch was sent: the budget keeps only what was written. */
export async function refundUnwritten(
  s: Serving,
  reservation: number | undefined,
  partial?: Map<string, FollowOutcome>,
  kind: TaskKind = 'follow',
): Promise<void> {
  if (reservation === undefined) return;
  const written = [...(partial?.values() ?? [])].filter(
    (o) => o.kind === 'done' || o.kind === 'requested',
  ).length;
  await correctUsage(s.database, reservation, written > 0 ? costOf(s.adapter, kind)(written) : null);
}
