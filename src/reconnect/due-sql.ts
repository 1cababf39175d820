// follow_schedules.due_at: when an account's earliest open task is due, never later than the
// truth (NULL: nothing open), so the claim walks only accounts whose time has come instead of
// probing every account's tasks. Kept by the statements that change open tasks, with these
// fragments (one definition):
// - every statement that opens tasks (tasks.ts) wakes their accounts in the same statement: due_at
//   only goes down, and `wakes` counts the wake;
// - the engine (store.ts) writes the exact time when it gives an account back. Its statement may
//   not see tasks another transaction opened meanwhile, so when `wakes` moved since its claim it
//   only lowers due_at; a raise outside a lease (refreshStaleDue) skips a row whose wakes moved.

/** Task states that are open work (a follow request waits for another look). */
const OPEN = `('pending', 'in_flight', 'requested')`;

/**
 * The earliest due time of an account's open tasks, NULL when none: one probe of
 * follow_tasks_open_due_idx. `except`: a set of task ids to leave out (rewritten by the statement).
 */
export function openDueSql(user: string, platform: string, except?: string): string {
  return `(SELECT min(coalesce(t.not_before, 'epoch'::timestamptz)) FROM follow_tasks t
     WHERE t.user_id = ${user} AND t.platform = ${platform} AND t.state IN ${OPEN}
       ${except ? `AND t.id NOT IN (${except})` : ''})`;
}

/** The earliest due time among rows a statement wrote (`rows` yields state and not_before). */
export function rowsDueSql(rows: string): string {
  return `(SELECT min(coalesce(r.not_before, 'epoch'::timestamptz)) FROM ${rows} r WHERE r.state IN ${OPEN})`;
}

/**
 * A WITH item waking the schedules of the tasks a statement opened or re-opened: `opened` yields
 * user_id, platform, state and not_before of each (held, dismissed and closed rows wake nobody).
 */
export function wakeSchedulesSql(opened: string): string {
  return `UPDATE follow_schedules s SET due_at = least(s.due_at, w.due), wakes = s.wakes + 1
      FROM (SELECT user_id, platform, min(coalesce(not_before, 'epoch'::timestamptz)) AS due FROM ${opened}
             WHERE state IN ${OPEN} GROUP BY user_id, platform) w
     WHERE s.user_id = w.user_id AND s.platform = w.platform
    RETURNING 1`;
}

/**
 * The due_at a release writes on the row it updates: `computed` exactly when no wake came since
 * the claim read `claimedWakes`, else only lower (a task opened meanwhile may be missing from it).
 */
export function releasedDueSql(computed: string, claimedWakes: string): string {
  return `CASE WHEN wakes = ${claimedWakes} THEN ${computed} ELSE least(due_at, ${computed}) END`;
}

/**
 * The exact due time of an account's open tasks at $1, for accounts whose due_at came but that
 * have nothing due (tasks held, withdrawn or dismissed since): a task under a live lease is due
 * when the lease ends.
 */
export function exactDueSql(user: string, platform: string): string {
  return `(SELECT min(CASE WHEN t.state <> 'pending' AND t.lease_expires_at > $1
                        THEN greatest(t.lease_expires_at, coalesce(t.not_before, 'epoch'::timestamptz))
                        ELSE coalesce(t.not_before, 'epoch'::timestamptz) END)
     FROM follow_tasks t WHERE t.user_id = ${user} AND t.platform = ${platform} AND t.state IN ${OPEN})`;
}
