// What a failed or stopped batch makes of its account and tasks: park until a 429's reset, pause
// on a refused token, wait out a full account, back off on 5xx and network errors, and give all
// back at once when the engine stops.
import { markNeedsReauth } from '../accounts/store.ts';
import { rateLimited } from '../metrics/registry.ts';
import {
  FollowCapReachedError,
  type FollowOutcome,
  PlatformError,
  RateLimitedError,
  ReauthRequiredError,
  TransientPlatformError,
} from '../platforms/types.ts';
import { redactSecrets } from '../vault/redact.ts';
import { backoffDelayMs } from './backoff.ts';
import { taskUpdateFor } from './decisions.ts';
import type { Serving } from './serving.ts';
import { refundUnwritten } from './spending.ts';
import { StoppedError } from './stop.ts';
import { type ClaimedTask, releaseAccount, type TaskUpdate, updateTasks } from './store.ts';

/** Back to the queue after a failure; `mayHaveWritten` keeps it in flight so a retry checks first. */
export function retryUpdate(
  s: Serving,
  task: ClaimedTask,
  reason: string,
  mayHaveWritten: boolean,
): TaskUpdate {
  const { backoff } = s;
  if (task.attempts >= backoff.maxAttempts) {
    return {
      id: task.id,
      state: 'failed',
      reason: `gave up after ${task.attempts} attempts: ${reason}`,
      notBefore: null,
    };
  }
  const delay = backoffDelayMs(task.attempts, backoff, s.random);
  return {
    id: task.id,
    state: mayHaveWritten || task.previousState === 'in_flight' ? 'in_flight' : 'pending',
    reason: `retrying: ${reason}`,
    notBefore: new Date(s.now().getTime() + delay),
  };
}

/**
 * Stopped mid-batch: the account and its tasks go back now, for the next worker. Before the
 * follows were sent nothing was written (attempt and budget refunded); after, they stay in
 * flight, so the next batch reads the account's follows before writing any.
 */
export async function giveBack(
  s: Serving,
  tasks: ClaimedTask[],
  reservation: number | undefined,
  sent: boolean,
): Promise<void> {
  const now = s.now();
  s.gaveBack();
  if (!sent) await refundUnwritten(s, reservation);
  s.sessions.forget(s.account);
  await updateTasks(
    s.database,
    s.workerId,
    tasks.map((t) => ({
      id: t.id,
      state: sent || t.previousState === 'in_flight' ? 'in_flight' : 'pending',
      reason: sent ? 'stopped while following: checked before the next try' : null,
      notBefore: null,
      refundAttempt: !sent,
    })),
    now,
  );
  await releaseAccount(s.database, s.account, s.workerId, now, {
    served: false,
    failureStreak: s.account.failureStreak,
  });
}

/** Nothing was written on a 429, a refused token or a full account: the attempt is refunded. */
function untouched(tasks: ClaimedTask[], reason: string | null): TaskUpdate[] {
  return tasks.map((t) => ({
    id: t.id,
    state: t.previousState === 'in_flight' ? 'in_flight' : 'pending',
    reason,
    notBefore: null,
    refundAttempt: true,
  }));
}

/** Outcomes reached before the interruption are final; returns the tasks left to retry or pause. */
async function settlePartial(
  s: Serving,
  all: ClaimedTask[],
  partial: Map<string, FollowOutcome> | undefined,
  now: Date,
): Promise<ClaimedTask[]> {
  const settled: TaskUpdate[] = [];
  for (const t of partial ? all : []) {
    const u = taskUpdateFor(t, partial?.get(t.target));
    if (u) settled.push({ ...u, notBefore: null });
  }
  await updateTasks(s.database, s.workerId, settled, now);
  const settledIds = new Set(settled.map((u) => u.id));
  return all.filter((t) => !settledIds.has(t.id));
}

/** The platform's error turned into a scheduling decision for the account and its tasks. */
export async function handleFailure(
  s: Serving,
  all: ClaimedTask[],
  err: unknown,
  reservation?: number,
): Promise<void> {
  // Stopped while looking at requests (revisits gave their tasks back): the account goes back.
  if (err instanceof StoppedError) return giveBack(s, all, reservation, false);
  const now = s.now();
  const partial = err instanceof PlatformError ? err.partial : undefined;
  const tasks = await settlePartial(s, all, partial, now);
  const message = redactSecrets(err instanceof Error ? err.message : String(err));
  const refund = () => refundUnwritten(s, reservation, partial, all[0]?.kind);
  const failure: Failure = { tasks, message, refund, now };
  if (err instanceof RateLimitedError) return parkUntilReset(s, failure, err);
  if (err instanceof ReauthRequiredError) return pauseForReauth(s, failure);
  if (err instanceof FollowCapReachedError) return waitForFollowCap(s, failure);
  return backOff(s, failure, err);
}

/** A failure as each way of handling it sees it. */
interface Failure {
  /** The tasks left once the outcomes reached before it are recorded. */
  tasks: ClaimedTask[];
  /** The error's message, secrets redacted. */
  message: string;
  /** Gives back the spend of what was not written. */
  refund: () => Promise<void>;
  now: Date;
}

async function parkUntilReset(
  s: Serving,
  { tasks, refund, now }: Failure,
  err: RateLimitedError,
): Promise<void> {
  const { database, workerId, account } = s;
  rateLimited.inc({ platform: account.platform });
  await refund();
  await updateTasks(database, workerId, untouched(tasks, null), now);
  const jitter = Math.round(s.random() * 2_000);
  await releaseAccount(database, account, workerId, now, {
    parkedUntil: new Date(Math.max(err.resetAt.getTime(), now.getTime()) + jitter),
    parkReason: 'rate_limited',
    rateLimit: err.rateLimit ?? { remaining: 0, resetAt: err.resetAt.toISOString() },
  });
  s.logger?.warn({ account: account.linkedAccountId, resetAt: err.resetAt }, 'rate limited: parked');
}

async function pauseForReauth(s: Serving, { tasks, message, refund, now }: Failure): Promise<void> {
  const { database, workerId, account } = s;
  await refund();
  s.sessions.forget(account);
  await updateTasks(database, workerId, untouched(tasks, 'paused: the account must be linked again'), now);
  await markNeedsReauth(database, account.linkedAccountId, now);
  await releaseAccount(database, account, workerId, now, { parkReason: 'needs_reauth', served: false });
  s.logger?.warn({ account: account.linkedAccountId, reason: message }, 'needs re-authorisation');
}

async function waitForFollowCap(s: Serving, { tasks, message, refund, now }: Failure): Promise<void> {
  const { database, workerId, account } = s;
  await refund();
  await updateTasks(database, workerId, untouched(tasks, `waiting: ${message}`), now);
  await releaseAccount(database, account, workerId, now, {
    parkedUntil: new Date(now.getTime() + 24 * 3600_000),
    parkReason: 'follow_cap',
  });
}

/**
 * 5xx, resets, timeouts, anything unknown: the write may have happened; back off and re-check.
 * A host that was never reached wrote nothing: its follows wait without spending attempts, so
 * an hour-long outage does not make them fail for good.
 */
async function backOff(s: Serving, { tasks, message, refund, now }: Failure, err: unknown): Promise<void> {
  const { database, workerId, account } = s;
  const streak = account.failureStreak + 1;
  const unreached = err instanceof TransientPlatformError && err.unreached;
  if (unreached) await refund();
  await updateTasks(
    database,
    workerId,
    unreached ? untouched(tasks, `waiting: ${message}`) : tasks.map((t) => retryUpdate(s, t, message, true)),
    now,
  );
  await releaseAccount(database, account, workerId, now, {
    parkedUntil: new Date(now.getTime() + backoffDelayMs(streak, s.backoff, s.random)),
    parkReason: 'backoff',
    failureStreak: streak,
  });
  s.logger?.warn(
    { account: account.linkedAccountId, reason: message, streak },
    'transient failure: backing off',
  );
}
