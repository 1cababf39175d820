// The follow queue as an operator sees it: tasks by platform and state, accounts parked and why
// (per host), re-authorisations needed, and how long the open queue takes to drain at today's
// budgets. Read by `passerelle status` and by the /metrics collectors.
import type { Database } from '../db/index.ts';
import { TASK_STATUS_SQL } from '../directory/matching.ts';
import type { BudgetRules, PlatformAdapter } from '../platforms/types.ts';
import { effectiveWindows, loadPlatformBudgets } from '../reconnect/budget.ts';

export interface QueueRow {
  platform: string;
  state: string;
  count: number;
}

export interface ParkedRow {
  platform: string;
  /** The instance for Mastodon, the PDS is not known per account: null. */
  host: string | null;
  reason: string;
  accounts: number;
  /** Latest time one of them is parked until. */
  until: string | null;
}

export interface DrainEstimate {
  platform: string;
  openTasks: number;
  accounts: number;
  /** Hours until the busiest account's queue is empty at its daily budget (0: nothing open). */
  hours: number;
}

export interface QueueStatus {
  tasks: QueueRow[];
  parked: ParkedRow[];
  needsReauth: { platform: string; accounts: number }[];
  drain: DrainEstimate[];
}

/** Tasks that will drain: due or in flight, or held for activation day (not paused by automatic mode off). */
const OPEN = `(t.state IN ('pending', 'in_flight') OR (t.state = 'held' AND t.held_for = 'activation'))`;

/** Tasks per platform and state; held ones as `held` (activation day) or `paused` (automatic mode off). */
export async function tasksByState(database: Database): Promise<QueueRow[]> {
  const rows = await database.query<{ platform: string; state: string; n: string }>(
    `SELECT t.platform, ${TASK_STATUS_SQL} AS state, count(*) AS n FROM follow_tasks t
      GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ platform: r.platform, state: r.state, count: Number(r.n) }));
}

export async function parkedAccounts(database: Database, now = new Date()): Promise<ParkedRow[]> {
  const rows = await database.query<{
    platform: string;
    host: string | null;
    reason: string;
    n: string;
    until: Date | string | null;
  }>(
    `SELECT s.platform, la.instance AS host, s.park_reason AS reason, count(*) AS n, max(s.parked_until) AS until
       FROM follow_schedules s JOIN linked_accounts la ON la.id = s.linked_account_id
      WHERE s.park_reason IS NOT NULL AND (s.parked_until IS NULL OR s.parked_until > $1)
      GROUP BY s.platform, la.instance, s.park_reason
      ORDER BY count(*) DESC, s.platform LIMIT 50`,
    [now],
  );
  return rows.map((r) => ({
    platform: r.platform,
    host: r.host,
    reason: r.reason,
    accounts: Number(r.n),
    until: r.until ? new Date(r.until).toISOString() : null,
  }));
}

export async function accountsNeedingReauth(database: Database) {
  const rows = await database.query<{ platform: string; n: string }>(
    `SELECT platform, count(*) AS n FROM linked_accounts WHERE status = 'needs_reauth' GROUP BY platform`,
  );
  return rows.map((r) => ({ platform: r.platform, accounts: Number(r.n) }));
}

/** Follows a day one account may make under the rules (the tightest window, scaled to a day). */
export function followsPerDay(rules: BudgetRules, followCost: (unit: string) => number): number {
  let perDay = Number.POSITIVE_INFINITY;
  for (const w of effectiveWindows(rules)) {
    const perFollow = followCost(w.unit);
    if (perFollow <= 0) continue;
    perDay = Math.min(perDay, (w.limit / perFollow) * (86_400 / w.seconds));
  }
  return perDay;
}

/**
 * Accounts drain in parallel: the queue is empty when the longest one is. The estimate ignores
 * pauses (429s, outages), so it is the best case at today's budgets.
 */
export async function drainEstimates(
  database: Database,
  budgets: Map<string, { rules: BudgetRules; followCost: (unit: string) => number }>,
): Promise<DrainEstimate[]> {
  const rows = await database.query<{ platform: string; accounts: string; open: string; busiest: string }>(
    `SELECT platform, count(*) AS accounts, sum(n) AS open, max(n) AS busiest FROM (
       SELECT t.user_id, t.platform, count(*) AS n FROM follow_tasks t
        WHERE ${OPEN} GROUP BY t.user_id, t.platform) q
      GROUP BY platform ORDER BY platform`,
  );
  return rows.map((r) => {
    const budget = budgets.get(r.platform);
    const perDay = budget ? followsPerDay(budget.rules, budget.followCost) : Number.POSITIVE_INFINITY;
    const busiest = Number(r.busiest);
    return {
      platform: r.platform,
      openTasks: Number(r.open),
      accounts: Number(r.accounts),
      hours: Number.isFinite(perDay) && perDay > 0 ? (busiest / perDay) * 24 : 0,
    };
  });
}

/** Each platform's budget in force (platform_budgets overrides the adapter's) and a follow's cost. */
export async function budgetsFor(
  database: Database,
  adapters: readonly PlatformAdapter[],
): Promise<Map<string, { rules: BudgetRules; followCost: (unit: string) => number }>> {
  const overrides = await loadPlatformBudgets(database);
  return new Map(
    adapters.map((a) => {
      const batch = a.cost(a.maxBatch);
      return [
        a.platform,
        {
          rules: overrides.get(a.platform) ?? a.defaultBudget,
          followCost: (unit: string) => (batch[unit as keyof typeof batch] ?? 0) / a.maxBatch,
        },
      ];
    }),
  );
}

export async function queueStatus(
  database: Database,
  adapters: readonly PlatformAdapter[],
): Promise<QueueStatus> {
  return {
    tasks: await tasksByState(database),
    parked: await parkedAccounts(database),
    needsReauth: await accountsNeedingReauth(database),
    drain: await drainEstimates(database, await budgetsFor(database, adapters)),
  };
}
