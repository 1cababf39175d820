// One batch of one claimed account: due request revisits first, then as many due tasks as the
// budget and the platform's last headers allow, sent at once, every outcome recorded.
import { isOwnAccount, OWN_ACCOUNT_REASON } from '../accounts/own.ts';
import { countWritten } from '../metrics/registry.ts';
import type {
  FollowBatchResult,
  FollowOutcome,
  PlatformSession,
  RateLimitState,
} from '../platforms/types.ts';
import { accountAllowance, type BudgetRules, observeAccountHost } from './budget.ts';
import { capFromHeaders, taskUpdateFor } from './decisions.ts';
import { giveBack, handleFailure, retryUpdate } from './failures.ts';
import { nextLook, revisitDue } from './revisits.ts';
import type { Serving } from './serving.ts';
import { reserveSpend, settleSpend } from './spending.ts';
import { StoppedError } from './stop.ts';
import {
  type ClaimedTask,
  claimTasks,
  finishBatch,
  releaseAccount,
  type TaskUpdate,
  updateTasks,
} from './store.ts';
import { batchOf } from './task-kinds.ts';

/** Serves the claimed account once; it is always given back (served, parked or paused). */
export async function serveAccount(s: Serving): Promise<void> {
  const { database, workerId, account } = s;
  const rules = await s.budgets.rulesFor(account);
  const revisit = await revisitWithin(s, rules);
  if (revisit === 'failed') return;
  const now = s.now();
  const room = await roomOrPark(s, rules, now);
  if (room === 0) return;
  const claimed = await claimTasks(database, account, workerId, room, now, s.leaseMs);
  const tasks = await endOwnAccountTasks(s, claimed, now);
  if (tasks.length === 0) {
    await releaseAccount(database, account, workerId, now, {
      served: revisit !== null,
      ...(revisit ? { parkedUntil: revisit, parkReason: 'budget' } : {}),
    });
    return;
  }
  await sendBatch(s, rules, tasks, now);
}

/** Looks again at due follow requests (revisits.ts): a date to wait for, `failed`, or null. */
function revisitWithin(s: Serving, rules: BudgetRules): Promise<Date | 'failed' | null> {
  return revisitDue({
    ...s,
    // The account's own budget, capped by its host's (every account of the host shares that one).
    allowance: (max, cost, now) => accountAllowance(s.database, s.account, s.adapter, rules, max, cost, now),
    session: () => s.sessions.open(s.account, s.adapter, s.untilStopped),
    fail: (err) => handleFailure(s, [], err),
  });
}

/**
 * How many tasks the batch may take: the account's (and its host's) allowance, capped by the
 * platform's last rate-limit headers. None: the account is parked until the first frees up.
 */
async function roomOrPark(s: Serving, rules: BudgetRules, now: Date): Promise<number> {
  const { account, adapter } = s;
  const allowance = await accountAllowance(
    s.database,
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
  if (allowance.follows !== 0 && headerCap.follows !== 0) return headerCap.follows;
  const until = allowance.follows === 0 ? allowance.retryAt : headerCap.retryAt;
  await releaseAccount(s.database, account, s.workerId, now, {
    parkedUntil: until,
    parkReason: allowance.follows === 0 ? 'budget' : 'rate_limited',
    served: false,
  });
  return 0;
}

/** A follow of the account itself is never sent: such tasks end here; the rest go on. */
async function endOwnAccountTasks(s: Serving, tasks: ClaimedTask[], now: Date): Promise<ClaimedTask[]> {
  const own = tasks.filter((t) => isOwnAccount(s.account, t.target));
  if (own.length === 0) return tasks;
  await updateTasks(
    s.database,
    s.workerId,
    own.map((t) => ({ id: t.id, state: 'unavailable', reason: OWN_ACCOUNT_REASON, notBefore: null })),
    now,
  );
  return tasks.filter((t) => !own.includes(t));
}

/** Sends the batch within its reserved spend; a failure or the stop signal is handled here. */
async function sendBatch(s: Serving, rules: BudgetRules, tasks: ClaimedTask[], now: Date): Promise<void> {
  const reservation = await reserveSpend(s, rules, tasks[0]?.kind ?? 'follow', tasks.length, now);
  let sent = false;
  try {
    const session = await s.sessions.open(s.account, s.adapter, s.untilStopped);
    const fresh = s.account.lastServedBy !== s.workerId || tasks.some((t) => t.previousState === 'in_flight');
    sent = true;
    const result = await s.untilStopped(batchOf(session, tasks, fresh));
    await recordBatch(s, session, tasks, result, reservation, rules);
  } catch (err) {
    if (err instanceof StoppedError) await giveBack(s, tasks, reservation, sent);
    else await handleFailure(s, tasks, err, reservation);
  }
}

/** Each task's outcome as its update, and how many were written (followed or requested). */
function outcomeUpdates(
  s: Serving,
  tasks: ClaimedTask[],
  outcomes: Map<string, FollowOutcome>,
  now: Date,
): { updates: TaskUpdate[]; written: number } {
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
        retryUpdate(s, task, outcome?.kind === 'retry' ? outcome.reason : 'no answer for this follow', true),
      );
  }
  return { updates, written };
}

async function recordBatch(
  s: Serving,
  session: PlatformSession,
  tasks: ClaimedTask[],
  { outcomes, requests }: FollowBatchResult,
  reservation: number | undefined,
  rules: BudgetRules,
): Promise<void> {
  const { database, account, adapter } = s;
  const now = s.now();
  const { updates, written } = outcomeUpdates(s, tasks, outcomes, now);
  // One batch is of one kind (store.ts claims): follows, blocks and mutes are counted apart.
  countWritten(account.platform, tasks[0]?.kind ?? 'follow', written);
  await settleSpend(s, reservation, rules, { kind: tasks[0]?.kind ?? 'follow', written, requests }, now);
  await s.sessions.saveCredentials(account, session);
  const rateLimit = session.rateLimit();
  await observeAccountHost(database, account, adapter, rateLimit, s.now());
  // Nothing could be attempted: the platform's budget is spent; wait for its reset.
  const stalled = tasks.every((t) => outcomes.get(t.target)?.kind === 'deferred');
  const resetAt = rateLimit?.resetAt ? new Date(rateLimit.resetAt) : undefined;
  await finishBatch(database, account, s.workerId, updates, now, {
    rateLimit: rateLimit ?? undefined,
    ...(stalled
      ? {
          parkedUntil: resetAt && resetAt > now ? resetAt : new Date(now.getTime() + 60_000),
          parkReason: 'rate_limited',
        }
      : {}),
  });
}
