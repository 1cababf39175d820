// What each kind of task (a follow, an X block or mute carried over) is on the network: how a
// batch of it is sent, and what it costs against the budget.
import type { FollowOutcome, PlatformAdapter, PlatformSession, UsageCost } from '../platforms/types.ts';
import type { ClaimedTask, TaskKind } from './store.ts';

/** One claimed batch (all of one kind) sent the way its kind is made on the network. */
export async function batchOf(session: PlatformSession, tasks: ClaimedTask[], fresh: boolean) {
  const targets = tasks.map((t) => t.target);
  const kind = tasks[0]?.kind ?? 'follow';
  if (kind === 'follow') return session.followBatch(targets, { fresh });
  if (session.safetyBatch) return session.safetyBatch(kind, targets, { fresh });
  const outcome: FollowOutcome = { kind: 'unavailable', reason: `this network cannot ${kind} accounts` };
  return { outcomes: new Map(targets.map((t) => [t, outcome])), requests: 0 };
}

/** What n tasks of a kind cost on the adapter's network. */
export function costOf(adapter: PlatformAdapter, kind: TaskKind): (n: number) => UsageCost {
  if (kind === 'follow' || !adapter.safetyCost) return (n) => adapter.cost(n);
  return (n) => adapter.safetyCost?.(kind, n) ?? adapter.cost(n);
}
