// Activation day: before it, matches are visible and tasks wait as `held` (held_for activation);
// at that moment every task held for it is released — automatic mode's, and those people asked
// for with "reconnect all" or a community's "follow all", manual mode included — spread so each
// account starts within budget. Follows paused by automatic mode off (held_for auto_off) stay.
import type { Database } from '../db/index.ts';
import { NETWORK_NAMES, network } from '../platforms/registry.ts';
import { releaseAllHeld } from '../reconnect/tasks.ts';

export interface Activation {
  activatesAt: Date;
  releasedAt: Date | null;
}

/** Follows per window each account may start with at release (under the platforms' limits). */
export const RELEASE_BUDGETS: Record<string, { perWindow: number; windowSeconds: number }> =
  Object.fromEntries(NETWORK_NAMES.map((name) => [name, network(name).releasePace]));

export class ActivationInputError extends Error {
  readonly code = 'ACTIVATION_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'ActivationInputError';
  }
}

export async function getActivation(database: Database): Promise<Activation | null> {
  const [row] = await database.query<{ activates_at: Date | string; released_at: Date | string | null }>(
    `SELECT activates_at, released_at FROM activation_settings WHERE id = 1`,
  );
  if (!row) return null;
  return {
    activatesAt: new Date(row.activates_at),
    releasedAt: row.released_at === null ? null : new Date(row.released_at),
  };
}

/** Parses an ISO 8601 date-time with an explicit offset (no guessing a time zone). */
export function parseActivationTime(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  const date = new Date(text);
  if (!iso.test(text.trim()) || Number.isNaN(date.getTime())) {
    throw new ActivationInputError(
      `"${text}" is not a date and time with a time zone. Write it like 2026-12-01T09:00:00+01:00 or 2026-12-01T08:00:00Z.`,
    );
  }
  return date;
}

/** Sets (or moves) activation day. Moving it after a release does not take follows back. */
export async function setActivation(
  database: Database,
  activatesAt: Date,
  now = new Date(),
): Promise<Activation> {
  await database.query(
    `INSERT INTO activation_settings (id, activates_at, released_at, updated_at) VALUES (1, $1, NULL, now())
     ON CONFLICT (id) DO UPDATE SET activates_at = EXCLUDED.activates_at, updated_at = now(),
       released_at = CASE WHEN activation_settings.released_at IS NOT NULL AND EXCLUDED.activates_at <= $2
                          THEN activation_settings.released_at END`,
    [activatesAt.toISOString(), now.toISOString()],
  );
  return (await getActivation(database)) as Activation;
}

/** Removes activation day and releases whatever was held for it. */
export async function clearActivation(database: Database, now = new Date()): Promise<number> {
  return database.transaction(async (tx) => {
    const [row] = await tx.query(`SELECT 1 FROM activation_settings WHERE id = 1 FOR UPDATE`);
    if (!row) return 0;
    const released = await releaseAllHeld(tx, now, RELEASE_BUDGETS);
    await tx.query(`DELETE FROM activation_settings WHERE id = 1`);
    return released;
  });
}

/**
 * The state a new task gets: held while activation day has not been released, pending after.
 * FOR SHARE makes a concurrent release wait for this transaction, so no held row is missed.
 */
export async function newTaskState(tx: Database): Promise<'held' | 'pending'> {
  const [row] = await tx.query<{ released: boolean }>(
    `SELECT released_at IS NOT NULL AS released FROM activation_settings WHERE id = 1 FOR SHARE`,
  );
  return row && !row.released ? 'held' : 'pending';
}

/**
 * Called by the worker's clock (and safe to call any time): once activation day has come,
 * releases held tasks once. Returns the number of tasks released, or null when not due.
 */
export async function releaseActivationIfDue(database: Database, now = new Date()): Promise<number | null> {
  return database.transaction(async (tx) => {
    const [row] = await tx.query<{ due: boolean }>(
      `SELECT activates_at <= $1 AS due FROM activation_settings WHERE id = 1 AND released_at IS NULL FOR UPDATE`,
      [now.toISOString()],
    );
    if (!row?.due) return null;
    const released = await releaseAllHeld(tx, now, RELEASE_BUDGETS);
    await tx.query(`UPDATE activation_settings SET released_at = $1 WHERE id = 1`, [now.toISOString()]);
    return released;
  });
}

/** Activation day as people see it: the moment, and how many of their follows start then. */
export interface ActivationView {
  activatesAt: string;
  releasedAt: string | null;
  /** The signed-in person's follows that start at that moment (null without a person). */
  heldFollows: number | null;
}

/**
 * Follows that start at activation day: tasks held for it (what the release takes), whoever
 * asked; follows paused by automatic mode off are not promised.
 */
export const STARTS_AT_ACTIVATION = `t.state = 'held' AND t.held_for = 'activation' AND t.kind = 'follow'`;

export async function activationView(
  database: Database,
  userId: number | null,
): Promise<ActivationView | null> {
  const activation = await getActivation(database);
  if (!activation) return null;
  let heldFollows: number | null = null;
  if (userId !== null) {
    const [row] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM follow_tasks t WHERE t.user_id = $1 AND ${STARTS_AT_ACTIVATION}`,
      [userId],
    );
    heldFollows = activation.releasedAt ? 0 : (row?.n ?? 0);
  }
  return {
    activatesAt: activation.activatesAt.toISOString(),
    releasedAt: activation.releasedAt?.toISOString() ?? null,
    heldFollows,
  };
}
