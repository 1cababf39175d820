// Follow requests waiting for the other side (a locked account's owner, a remote server's Accept)
// are looked at again, spaced out, until they are followed or declined.
import type { RequestVerdict } from '../platforms/types.ts';
import type { ClaimedTask, TaskUpdate } from './store.ts';

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
