// The engine's decisions that need no database: what an outcome makes of a task, and how far
// the platform's own rate-limit headers let the next batch go.
import type { FollowOutcome, PlatformAdapter, RateLimitState } from '../platforms/types.ts';
import { fitFollows } from './budget.ts';
import type { ClaimedTask, TaskUpdate } from './store.ts';

/** Outcome of one follow in the state the task ends in. */
export function taskUpdateFor(
  task: ClaimedTask,
  outcome: FollowOutcome | undefined,
): Omit<TaskUpdate, 'notBefore'> | null {
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'done':
      return { id: task.id, state: 'done', reason: outcome.detail ?? null };
    case 'already_following':
      // A follow found after an attempt whose answer was lost is ours: done, not "already".
      return {
        id: task.id,
        state: task.previousState === 'in_flight' ? 'done' : 'already_following',
        reason: null,
      };
    case 'requested':
      return { id: task.id, state: 'requested', reason: outcome.detail ?? null };
    case 'unavailable':
      return { id: task.id, state: 'unavailable', reason: outcome.reason };
    case 'failed':
      return { id: task.id, state: 'failed', reason: outcome.reason };
    case 'retry':
      return null;
    case 'deferred':
      return {
        id: task.id,
        state: task.previousState === 'in_flight' ? 'in_flight' : 'pending',
        reason: null,
        refundAttempt: true,
      };
  }
}

/** The platform's own view (headers of the last response) caps the batch too. */
export function capFromHeaders(
  state: RateLimitState | null,
  adapter: PlatformAdapter,
  follows: number,
  now: Date,
): { follows: number; retryAt?: Date } {
  if (!state || state.remaining === undefined || !state.resetAt) return { follows };
  const resetAt = new Date(state.resetAt);
  if (Number.isNaN(resetAt.getTime()) || resetAt <= now) return { follows };
  const unit = adapter.headerUnit;
  const n = fitFollows(follows, (k) => adapter.cost(k), [[unit, state.remaining]]);
  return n > 0 ? { follows: n } : { follows: 0, retryAt: resetAt };
}
