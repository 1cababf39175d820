// Follow requests waiting for the other side (a locked account's owner, a remote server's Accept)
// are looked at again, spaced out, until they are followed or declined.
import type { Database } from '../db/index.ts';
import type {
  PlatformAdapter,
  PlatformSession,
  RequestCheck,
  RequestVerdict,
  UsageCost,
} from '../platforms/types.ts';
import { type Allowance, correctUsage, observeAccountHost, recordUsage } from './budget.ts';
import {
  type ClaimedAccount,
  type ClaimedTask,
  claimRevisits,
  type TaskUpdate,
  updateTasks,
} from './store.ts';

const MINUTE = 60_000;
/** First look 10 minutes after the request, then twice as long each time, at most a day apart. */
const FIRST_LOOK_MINUTES = 10;
const MAX_GAP_MINUTES = 24 * 60;

/** When a request seen `looks` times (the follow itself counts as the first) is looked at next. */
export function nextLook(looks: number, now: Date): Date {
  const minutes = Math.min(MAX_GAP_MINUTES, FIRST_LOOK_MINUTES * 2 ** Math.min(10, Math.max(0, looks - 1)));
  return new Date(now.getTime() + minutes * MINUTE);
}

/** What one look makes of the task: followed, declined, gone, or another look later. */
export function revisitUpdate(
  task: ClaimedTask,
  verdict: RequestVerdict | undefined,
  now: Date,
  note?: string,
): TaskUpdate {
  const base = { id: task.id, notBefore: null };
  switch (verdict) {
    case 'following':
      return { ...base, state: 'done', reason: note ?? null };
    case 'declined':
      return { ...base, state: 'declined', reason: 'the follow request was declined' };
    case 'unavailable':
      return { ...base, state: 'unavailable', reason: 'account not found' };
    case 'deferred':
      // Not asked (the platform's budget ran short): the look is not counted.
      return {
        id: task.id,
        state: 'requested',
        reason: null,
        notBefore: nextLook(1, now),
        refundAttempt: true,
      };
    default:
      return { id: task.id, state: 'requested', reason: null, notBefore: nextLook(task.attempts, now) };
  }
}

export interface RevisitContext {
  database: Database;
  workerId: string;
  leaseMs: number;
  now: () => Date;
  account: ClaimedAccount;
  adapter: PlatformAdapter;
  /** The account's (and its host's) allowance for `max` items at `cost`. */
  allowance(max: number, cost: (n: number) => UsageCost, now: Date): Promise<Allowance>;
  session(): Promise<PlatformSession>;
  /** The engine's handling of a platform error (park, pause, back off). */
  fail(err: unknown): Promise<void>;
  /** Ends the wait for a call when the engine stops (stop.ts). */
  untilStopped<T>(call: Promise<T>): Promise<T>;
}

/** Back to waiting, untouched: the look is not counted. */
function giveBack(tasks: ClaimedTask[], notBefore: Date): TaskUpdate[] {
  return tasks.map((t) => ({ id: t.id, state: 'requested', reason: null, notBefore, refundAttempt: true }));
}

/**
 * Looks again at the account's due follow requests, within budget. Returns when to come back if
 * looks are due but the budget has none to give, `failed` when the platform refused (handled by
 * `fail`), else null.
 */
export async function revisitDue(ctx: RevisitContext): Promise<Date | 'failed' | null> {
  const { database, workerId, account, adapter } = ctx;
  const revisitCost = adapter.revisitCost?.bind(adapter);
  if (!revisitCost || !adapter.maxRevisit) return null;
  const now = ctx.now();
  const allowance = await ctx.allowance(adapter.maxRevisit, revisitCost, now);
  const tasks = await claimRevisits(
    database,
    account,
    workerId,
    Math.max(1, allowance.follows),
    now,
    ctx.leaseMs,
  );
  if (tasks.length === 0) return null;
  if (allowance.follows === 0) {
    const until = allowance.retryAt ?? new Date(now.getTime() + 60_000);
    await updateTasks(database, workerId, giveBack(tasks, until), now);
    return until;
  }
  const reservation = await recordUsage(database, account.linkedAccountId, revisitCost(tasks.length), now);
  try {
    const session = await ctx.session();
    // A session that cannot check requests leaves them waiting: each is answered `requested`.
    const result: RequestCheck = session.checkRequested
      ? await ctx.untilStopped(session.checkRequested(tasks.map((t) => t.target)))
      : { verdicts: new Map<string, RequestVerdict>(tasks.map((t) => [t.target, 'requested'])), requests: 0 };
    const at = ctx.now();
    const updates = tasks.map((t) =>
      revisitUpdate(t, result.verdicts.get(t.target), at, result.notes?.get(t.target)),
    );
    await updateTasks(database, workerId, updates, at);
    await correctUsage(database, reservation, { follows: 0, requests: result.requests, points: 0 });
    await observeAccountHost(database, account, adapter, session.rateLimit(), at);
    return null;
  } catch (err) {
    await updateTasks(database, workerId, giveBack(tasks, nextLook(1, ctx.now())), ctx.now());
    await ctx.fail(err);
    return 'failed';
  }
}
