// Follow task states. A task is written once per (user, platform, target) and ends in one of the
// terminal states; nothing moves a terminal task back, so a follow the user removed stays removed.
// `requested` waits for the other side: looked at again until it is `done` or `declined`.

export const TASK_STATES = [
  'pending',
  'in_flight',
  'done',
  'already_following',
  'requested',
  'declined',
  'unavailable',
  'dismissed',
  'failed',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** States the engine never leaves. */
export const TERMINAL_STATES: readonly TaskState[] = [
  'done',
  'already_following',
  'declined',
  'unavailable',
  'dismissed',
  'failed',
];

export function isTerminal(state: string): boolean {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}

/** Why an account is parked (follow_schedules.park_reason). */
export type ParkReason = 'rate_limited' | 'budget' | 'backoff' | 'needs_reauth' | 'follow_cap';
