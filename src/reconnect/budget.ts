// Budgets as data: each platform states its limits as windows over a unit (points, follows,
// requests); the engine spends a fraction of them (80% by default) and, optionally, spreads a
// long window evenly (a day's follows over 24 slices) so accounts never look like bulk-followers.
import { z } from 'zod';
import type { Database } from '../db/index.ts';
import type {
  BudgetRules,
  BudgetWindow,
  HostBudgetRules,
  PlatformAdapter,
  RateLimitState,
  UsageCost,
} from '../platforms/types.ts';

export type { BudgetRules, BudgetWindow };

export const budgetWindowSchema = z.object({
  name: z.string().min(1),
  seconds: z.number().int().positive(),
  limit: z.number().int().nonnegative(),
  unit: z.enum(['points', 'follows', 'requests']),
});
export const budgetRulesSchema: z.ZodType<BudgetRules, unknown> = z.object({
  windows: z.array(budgetWindowSchema),
  /** Share of each platform limit the engine allows itself, in (0, 1]. */
  fraction: z.number().gt(0).lte(1).default(0.8),
  /** Also cap every 1/slices of this window at 1/slices of its allowance. */
  spread: z.object({ window: z.string(), slices: z.number().int().positive() }).optional(),
});

/** The windows the engine enforces: platform limits times the fraction, plus spread slices. */
export function effectiveWindows(rules: BudgetRules): BudgetWindow[] {
  const windows = rules.windows.map((w) => ({ ...w, limit: Math.floor(w.limit * rules.fraction) }));
  const spread = rules.spread && windows.find((w) => w.name === rules.spread?.window);
  if (rules.spread && spread) {
    const { slices } = rules.spread;
    windows.push({
      name: `${spread.name}/${slices}`,
      seconds: Math.max(1, Math.floor(spread.seconds / slices)),
      limit: Math.max(1, Math.ceil(spread.limit / slices)),
      unit: spread.unit,
    });
  }
  return windows;
}

export interface Allowance {
  /** How many follows may be attempted now. */
  follows: number;
  /** When none may: the earliest time the blocking window frees up. */
  retryAt?: Date;
  blockedBy?: string;
}

interface WindowUsage {
  used: number;
  oldest: Date | null;
}

async function readUsage(
  database: Database,
  linkedAccountId: number,
  windows: BudgetWindow[],
  now: Date,
): Promise<WindowUsage[]> {
  if (windows.length === 0) return [];
  const params: unknown[] = [linkedAccountId];
  const cols = windows.map((w) => {
    params.push(new Date(now.getTime() - w.seconds * 1000));
    const p = `$${params.length}`;
    return `coalesce(sum(${w.unit}) FILTER (WHERE at > ${p}), 0)::int AS u${params.length}, min(at) FILTER (WHERE at > ${p}) AS o${params.length}`;
  });
  const rows = await database.query<Record<string, unknown>>(
    `SELECT ${cols.join(', ')} FROM follow_budget_usage WHERE linked_account_id = $1`,
    params,
  );
  const row = rows[0] ?? {};
  return windows.map((_, i) => {
    const oldest = row[`o${i + 2}`];
    return { used: Number(row[`u${i + 2}`] ?? 0), oldest: oldest ? new Date(oldest as string) : null };
  });
}

/** The largest n ≤ max whose cost fits under every window's remaining allowance. */
export function fitFollows(
  max: number,
  cost: (n: number) => UsageCost,
  remaining: Array<[keyof UsageCost, number]>,
): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const c = cost(mid);
    if (remaining.every(([unit, left]) => c[unit] <= left)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export async function computeAllowance(
  database: Database,
  linkedAccountId: number,
  rules: BudgetRules,
  max: number,
  cost: (n: number) => UsageCost,
  now: Date,
): Promise<Allowance> {
  const windows = effectiveWindows(rules);
  const usage = await readUsage(database, linkedAccountId, windows, now);
  const remaining = windows.map(
    (w, i) => [w.unit, w.limit - (usage[i]?.used ?? 0)] as [keyof UsageCost, number],
  );
  const follows = fitFollows(max, cost, remaining);
  if (follows > 0) return { follows };
  // Blocked: the window that cannot fit one follow frees up when its oldest spend ages out.
  const one = cost(1);
  let retryAt: Date | undefined;
  let blockedBy: string | undefined;
  windows.forEach((w, i) => {
    const left = remaining[i]?.[1] ?? 0;
    if (one[w.unit] <= left) return;
    const oldest = usage[i]?.oldest ?? now;
    const at = new Date(oldest.getTime() + w.seconds * 1000 + 1000);
    if (!retryAt || at > retryAt) {
      retryAt = at;
      blockedBy = w.name;
    }
  });
  return { follows: 0, retryAt: retryAt ?? new Date(now.getTime() + 60_000), blockedBy };
}

/** Records what a batch spent (or is about to spend); returns the row id to correct later. */
export async function recordUsage(
  database: Database,
  linkedAccountId: number,
  usage: UsageCost,
  at: Date,
): Promise<number> {
  const rows = await database.query<{ id: string }>(
    `INSERT INTO follow_budget_usage (linked_account_id, at, follows, requests, points)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [linkedAccountId, at, usage.follows, usage.requests, usage.points],
  );
  return Number(rows[0]?.id);
}

export async function correctUsage(database: Database, id: number, usage: UsageCost | null): Promise<void> {
  if (usage === null) {
    await database.query('DELETE FROM follow_budget_usage WHERE id = $1', [id]);
    return;
  }
  await database.query(
    'UPDATE follow_budget_usage SET follows = $2, requests = $3, points = $4 WHERE id = $1',
    [id, usage.follows, usage.requests, usage.points],
  );
}

/** Drops spend older than the longest window: it no longer counts. */
export async function pruneUsage(
  database: Database,
  linkedAccountId: number,
  rules: BudgetRules,
  now: Date,
): Promise<void> {
  const longest = Math.max(0, ...rules.windows.map((w) => w.seconds));
  await database.query('DELETE FROM follow_budget_usage WHERE linked_account_id = $1 AND at < $2', [
    linkedAccountId,
    new Date(now.getTime() - longest * 1000),
  ]);
}

/** Rules for one account: its own override, else the platform row, else the adapter default. */
export async function loadPlatformBudgets(database: Database): Promise<Map<string, BudgetRules>> {
  const rows = await database.query<{ platform: string; rules: unknown }>(
    'SELECT platform, rules FROM platform_budgets',
  );
  return new Map(rows.map((r) => [r.platform, budgetRulesSchema.parse(r.rules)]));
}

export async function setPlatformBudget(
  database: Database,
  platform: string,
  rules: BudgetRules,
): Promise<void> {
  const parsed = budgetRulesSchema.parse(rules);
  await database.query(
    `INSERT INTO platform_budgets (platform, rules) VALUES ($1, $2)
     ON CONFLICT (platform) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now()`,
    [platform, JSON.stringify(parsed)],
  );
}

// ─── Per-host budgets: every account of one host spends from one allowance ───

export interface HostObservation {
  /** false once the headers proved each account has its own counter; unknown counts as shared. */
  shared: boolean | null;
  rateLimit: RateLimitState | null;
  observedBy: number | null;
  observedAt: Date | null;
}

export async function readHost(database: Database, platform: string, host: string): Promise<HostObservation> {
  const rows = await database.query<Record<string, unknown>>(
    'SELECT shared, rate_limit, observed_by, updated_at FROM host_rate_limits WHERE platform = $1 AND host = $2',
    [platform, host],
  );
  const r = rows[0];
  if (!r) return { shared: null, rateLimit: null, observedBy: null, observedAt: null };
  return {
    shared: (r.shared as boolean | null) ?? null,
    rateLimit: (r.rate_limit as RateLimitState | null) ?? null,
    observedBy: r.observed_by == null ? null : Number(r.observed_by),
    observedAt: new Date(r.updated_at as string),
  };
}

/**
 * Until its reset a shared counter only goes down: an account reading more remaining than
 * another account read last, before that reading's reset, has a counter of its own.
 */
export function provesOwnCounters(
  previous: HostObservation,
  by: number,
  next: RateLimitState,
  now: Date,
): boolean {
  const prev = previous.rateLimit;
  if (!prev || previous.observedBy === null || previous.observedBy === by) return false;
  if (prev.remaining === undefined || next.remaining === undefined || !prev.resetAt) return false;
  return new Date(prev.resetAt) > now && next.remaining > prev.remaining;
}

/** Keeps what an account's latest answer said about its host's budget. */
export async function observeHost(
  database: Database,
  platform: string,
  host: string,
  linkedAccountId: number,
  rateLimit: RateLimitState | undefined,
  now: Date,
): Promise<void> {
  if (!rateLimit || rateLimit.remaining === undefined) return;
  const previous = await readHost(database, platform, host);
  const shared = provesOwnCounters(previous, linkedAccountId, rateLimit, now) ? false : previous.shared;
  await database.query(
    `INSERT INTO host_rate_limits (platform, host, shared, rate_limit, observed_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (platform, host) DO UPDATE SET shared = EXCLUDED.shared, rate_limit = EXCLUDED.rate_limit,
       observed_by = EXCLUDED.observed_by, updated_at = EXCLUDED.updated_at`,
    [platform, host, shared, JSON.stringify(rateLimit), linkedAccountId, now],
  );
}

/** Requests every account of the host spent in each window, and since `since` (the last observation). */
async function readHostUsage(
  database: Database,
  platform: string,
  host: string,
  windows: BudgetWindow[],
  since: Date | null,
  now: Date,
): Promise<{ windows: WindowUsage[]; sinceObserved: number }> {
  const params: unknown[] = [platform, host, since ?? now];
  const cols = windows.map((w) => {
    params.push(new Date(now.getTime() - w.seconds * 1000));
    const p = `$${params.length}`;
    return `coalesce(sum(u.${w.unit}) FILTER (WHERE u.at > ${p}), 0)::int AS u${params.length}, min(u.at) FILTER (WHERE u.at > ${p}) AS o${params.length}`;
  });
  const rows = await database.query<Record<string, unknown>>(
    `SELECT ${[...cols, 'coalesce(sum(u.requests) FILTER (WHERE u.at >= $3), 0)::int AS since'].join(', ')}
     FROM follow_budget_usage u JOIN linked_accounts la ON la.id = u.linked_account_id
     WHERE la.platform = $1 AND la.instance = $2`,
    params,
  );
  const row = rows[0] ?? {};
  return {
    windows: windows.map((_, i) => {
      const oldest = row[`o${i + 4}`];
      return { used: Number(row[`u${i + 4}`] ?? 0), oldest: oldest ? new Date(oldest as string) : null };
    }),
    sinceObserved: Number(row.since ?? 0),
  };
}

/**
 * How many follows (or looks, through `cost`) the host allows now: its windows less what all its
 * accounts spent, and on a shared host also the remaining its latest answer reported, less what
 * was spent since. A shared host's own limit header lowers the default when smaller.
 */
export async function hostAllowance(
  database: Database,
  platform: string,
  host: string,
  rules: HostBudgetRules,
  max: number,
  cost: (n: number) => UsageCost,
  now: Date,
): Promise<Allowance> {
  const seen = await readHost(database, platform, host);
  const shared = seen.shared !== false;
  const base = shared ? rules.shared : rules.perAccount;
  const learned = shared ? seen.rateLimit?.limit : undefined;
  const windows = effectiveWindows({
    ...base,
    windows: base.windows.map((w) =>
      learned !== undefined && w.unit === 'requests' ? { ...w, limit: Math.min(w.limit, learned) } : w,
    ),
  });
  const usage = await readHostUsage(database, platform, host, windows, seen.observedAt, now);
  const remaining = windows.map(
    (w, i) => [w.unit, w.limit - (usage.windows[i]?.used ?? 0)] as [keyof UsageCost, number],
  );
  const resetAt = seen.rateLimit?.resetAt ? new Date(seen.rateLimit.resetAt) : undefined;
  const headerLive = shared && seen.rateLimit?.remaining !== undefined && resetAt && resetAt > now;
  if (headerLive) remaining.push(['requests', (seen.rateLimit?.remaining ?? 0) - usage.sinceObserved]);
  const follows = fitFollows(max, cost, remaining);
  if (follows > 0) return { follows };
  const one = cost(1);
  const blockedByHeader = headerLive && one.requests > (remaining[remaining.length - 1]?.[1] ?? 0);
  let retryAt = blockedByHeader ? resetAt : undefined;
  windows.forEach((w, i) => {
    if (one[w.unit] <= (remaining[i]?.[1] ?? 0)) return;
    const at = new Date((usage.windows[i]?.oldest ?? now).getTime() + w.seconds * 1000 + 1000);
    if (!retryAt || at > retryAt) retryAt = at;
  });
  return { follows: 0, retryAt: retryAt ?? new Date(now.getTime() + 60_000), blockedBy: 'host' };
}

/** An account's own budget, capped by its host's when its network keeps one. */
export async function accountAllowance(
  database: Database,
  account: { linkedAccountId: number; platform: string; instance: string | null },
  adapter: PlatformAdapter,
  rules: BudgetRules,
  max: number,
  cost: (n: number) => UsageCost,
  now: Date,
): Promise<Allowance> {
  const own = await computeAllowance(database, account.linkedAccountId, rules, max, cost, now);
  const host = adapter.hostOf?.(account);
  if (own.follows === 0 || !host || !adapter.hostBudget) return own;
  return hostAllowance(database, account.platform, host, adapter.hostBudget, own.follows, cost, now);
}

/** Keeps an account's latest rate-limit answer as its host's, when its network keeps host budgets. */
export async function observeAccountHost(
  database: Database,
  account: { linkedAccountId: number; platform: string; instance: string | null },
  adapter: PlatformAdapter,
  rateLimit: RateLimitState | undefined,
  now: Date,
): Promise<void> {
  const host = adapter.hostOf?.(account);
  if (!host || !adapter.hostBudget || !describesHost(adapter.hostBudget, rateLimit)) return;
  await observeHost(database, account.platform, host, account.linkedAccountId, rateLimit, now);
}

/** Whether a rate-limit answer is the host's counter (not one of the account's own). */
export function describesHost(rules: HostBudgetRules, rateLimit: RateLimitState | undefined): boolean {
  return rules.headerWindowSeconds === undefined || rateLimit?.windowSeconds === rules.headerWindowSeconds;
}
