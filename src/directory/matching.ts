// A user's matches on each network, with the reason and the follow engine's status, and the
// per-match dismiss / restore. Computed from the directory on every call: a consent withdrawn
// or an account unlinked disappears from the next answer, with no cache to invalidate.
import type { Database } from '../db/index.ts';
import { dismissTask, undismissTask } from '../reconnect/tasks.ts';
import { newTaskState } from './activation.ts';
import { CANDIDATES_CTE, type MatchReason, REASON_SQL } from './candidates.ts';

/**
 * The follow engine's task state, or `proposed` when no task exists yet. `held` waits for
 * activation day (it starts then); `paused` is held because automatic mode was turned off.
 */
export type MatchStatus =
  | 'proposed'
  | 'pending'
  | 'in_flight'
  | 'done'
  | 'already_following'
  | 'requested'
  | 'declined'
  | 'unavailable'
  | 'dismissed'
  | 'failed'
  | 'held'
  | 'paused';

/** A follow task's state as a MatchStatus (SQL over task alias `t`): held apart from paused. */
export const TASK_STATUS_SQL = `CASE WHEN t.state = 'held' AND t.held_for = 'auto_off' THEN 'paused' ELSE t.state END`;

export interface Match {
  platform: string;
  xId: string;
  /** DID on Bluesky, `user@host` on Mastodon: what a follow points at. */
  target: string;
  handle: string;
  instance: string | null;
  source: string;
  reason: MatchReason;
  status: MatchStatus;
  /** Reached through the Bridgy Fed bridge rather than on the network itself. */
  bridged: boolean;
}

export class MatchInputError extends Error {
  readonly code = 'MATCH_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'MatchInputError';
  }
}

export async function matchesForUser(
  database: Database,
  userId: number,
  options: { platform?: string } = {},
): Promise<Match[]> {
  const rows = await database.query<{
    platform: string;
    x_id: string;
    target: string;
    handle: string;
    instance: string | null;
    source: string;
    reason: MatchReason;
    status: MatchStatus | null;
  }>(
    `WITH ${CANDIDATES_CTE}
     SELECT m.platform, m.x_id, m.target, m.handle, m.instance, m.source, ${REASON_SQL} AS reason, ${TASK_STATUS_SQL} AS status
       FROM matched m
       LEFT JOIN follow_tasks t ON t.user_id = $1 AND t.platform = m.platform AND t.target = m.target
            AND t.kind = 'follow'
      WHERE $2::text IS NULL OR m.platform = $2
      ORDER BY m.platform, m.handle`,
    [userId, options.platform ?? null],
  );
  return rows.map((r) => ({
    platform: r.platform,
    xId: r.x_id,
    target: r.target,
    handle: r.handle,
    instance: r.instance,
    source: r.source,
    reason: r.reason,
    status: r.status ?? 'proposed',
    bridged: false,
  }));
}

/** Where else a match may come from than the directory itself (the bridge's offers). */
export interface MatchSources {
  alsoAmong?: (database: Database) => Promise<Match[]>;
}

/** Dismisses one match: no follow will be made; a follow already made stays made. */
export async function dismissMatch(
  database: Database,
  userId: number,
  platform: string,
  target: string,
  sources: MatchSources = {},
): Promise<void> {
  await database.transaction(async (tx) => {
    const match = await findMatch(tx, userId, platform, target, sources);
    if (!(await dismissTask(tx, userId, { platform, target, xId: match.xId, reason: match.reason }))) {
      throw new MatchInputError(
        `The follow of ${match.handle} is already under way or made; unfollow it on ${platform} instead.`,
      );
    }
  });
}

/** Restores a dismissed match: queued again in automatic mode, simply proposed otherwise. */
export async function restoreMatch(
  database: Database,
  userId: number,
  platform: string,
  target: string,
  sources: MatchSources = {},
): Promise<void> {
  await database.transaction(async (tx) => {
    await findMatch(tx, userId, platform, target, sources);
    const [auto] = await tx.query(
      `SELECT 1 FROM user_consents uc JOIN linked_accounts la ON la.user_id = uc.user_id
        WHERE uc.user_id = $1 AND uc.auto_follow AND la.platform = $2 AND la.status = 'active'`,
      [userId, platform],
    );
    await undismissTask(tx, userId, platform, target, auto ? await newTaskState(tx) : null);
  });
}

async function findMatch(
  tx: Database,
  userId: number,
  platform: string,
  target: string,
  sources: MatchSources,
): Promise<Match> {
  const isIt = (m: Match) => m.platform === platform && m.target === target;
  const match =
    (await matchesForUser(tx, userId, { platform })).find(isIt) ??
    (sources.alsoAmong ? (await sources.alsoAmong(tx)).find(isIt) : undefined);
  if (!match) throw new MatchInputError(`${target} is not among your matches on ${platform}.`);
  return match;
}
