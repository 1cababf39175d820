// Consents, per user, changeable at any time, every change kept in consent_history. A change
// takes effect in the same transaction: withdrawing "find me" removes the person from everyone's
// matches and unsent follows at once; turning automatic mode off holds the user's queue.
import type { Database } from '../db/index.ts';
import { dropUnsentFollowBacks, dropUnsentSafety, holdPending, resumeHeld } from '../reconnect/tasks.ts';
import { newTaskState } from './activation.ts';
import { applyUserChange } from './fanout.ts';

export interface Consents {
  /**
   * People who followed me on X may find and follow me here. null: not answered yet, which
   * counts as no — nothing of the person is shown to others until they say yes.
   */
  discoverable: boolean | null;
  /** Follow automatically on my behalf as my contacts arrive. */
  autoFollow: boolean;
  /** Count me in public statistics. */
  publicStats: boolean;
  /** Also follow back the people who followed me on X (automatic mode and "reconnect all"). */
  followBack: boolean;
  /** Carry my X blocks and mutes over to the networks I linked (asked once, off by default). */
  carrySafety: boolean;
  /** …my X blocks as mutes (private) rather than blocks (public on Bluesky). */
  blocksAsMutes: boolean;
}

/** A new user has given nothing: every consent is asked, none is pre-ticked. */
export const DEFAULT_CONSENTS: Consents = {
  discoverable: null,
  autoFollow: false,
  publicStats: false,
  followBack: false,
  carrySafety: false,
  blocksAsMutes: false,
};

const COLUMNS: Record<keyof Consents, string> = {
  discoverable: 'discoverable',
  autoFollow: 'auto_follow',
  publicStats: 'public_stats',
  followBack: 'follow_back',
  carrySafety: 'carry_safety',
  blocksAsMutes: 'blocks_as_mutes',
};

/** The consents of the blocks-and-mutes question: giving either answers it (asked once). */
const SAFETY_KEYS: readonly (keyof Consents)[] = ['carrySafety', 'blocksAsMutes'];

/** Who changed a consent: the person in the web app, or the operator with the CLI for them. */
export type ConsentGiver = 'user' | 'operator';

export interface ConsentChange {
  consent: keyof Consents;
  value: boolean;
  changedAt: Date;
  givenBy: ConsentGiver;
}

export class ConsentInputError extends Error {
  readonly code = 'CONSENT_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'ConsentInputError';
  }
}

export async function getConsents(database: Database, userId: number): Promise<Consents> {
  const columns = Object.entries(COLUMNS).map(([key, column]) => `${column} AS "${key}"`);
  const [row] = await database.query<Consents>(
    `SELECT ${columns.join(', ')} FROM user_consents WHERE user_id = $1`,
    [userId],
  );
  return row ? { ...row } : { ...DEFAULT_CONSENTS };
}

/** Whether the person answered the blocks-and-mutes question (either way): it is asked once. */
export async function safetyQuestionAnswered(database: Database, userId: number): Promise<boolean> {
  const [row] = await database.query(
    `SELECT 1 FROM user_consents WHERE user_id = $1 AND safety_asked_at IS NOT NULL`,
    [userId],
  );
  return row !== undefined;
}

/**
 * Applies the given changes, each an answer (true or false: a consent is never set back to
 * unanswered); unchanged values write no history. Returns the new consents.
 */
export async function setConsents(
  database: Database,
  userId: number,
  changes: Partial<Consents>,
  givenBy: ConsentGiver = 'user',
): Promise<Consents> {
  const keys = Object.keys(changes) as (keyof Consents)[];
  for (const key of keys) {
    if (!(key in COLUMNS)) throw new ConsentInputError(`Unknown consent "${key}".`);
    if (typeof changes[key] !== 'boolean')
      throw new ConsentInputError(`Consent "${key}" must be true or false.`);
  }
  return database.transaction(async (tx) => {
    const [user] = await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    if (!user) throw new ConsentInputError(`No user with id ${userId}.`);
    const before = await getConsents(tx, userId);
    const after = { ...before, ...changes };
    const changed = keys.filter((k) => before[k] !== after[k]);
    const answersSafety = keys.some((k) => SAFETY_KEYS.includes(k));
    if (changed.length === 0 && !answersSafety) return after;
    const columns = Object.values(COLUMNS);
    const values = (Object.keys(COLUMNS) as (keyof Consents)[]).map((k) => after[k]);
    await tx.query(
      `INSERT INTO user_consents (user_id, ${columns.join(', ')}, safety_asked_at, updated_at)
       VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')}, CASE WHEN $${columns.length + 2}::boolean THEN now() END, now())
       ON CONFLICT (user_id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         safety_asked_at = coalesce(user_consents.safety_asked_at, EXCLUDED.safety_asked_at), updated_at = now()`,
      [userId, ...values, answersSafety],
    );
    if (changed.length === 0) return after;
    await tx.query(
      `INSERT INTO consent_history (user_id, consent, value, given_by)
       SELECT $1, c, v, $4 FROM unnest($2::text[], $3::boolean[]) AS x(c, v)`,
      [userId, changed, changed.map((k) => after[k]), givenBy],
    );
    if (changed.includes('autoFollow')) await switchAutomaticMode(tx, userId, after.autoFollow);
    if (changed.includes('followBack') && !after.followBack) await dropUnsentFollowBacks(tx, userId);
    // Carry-over off, or blocks now carried the other way: what was not sent yet is replanned.
    if (changed.some((k) => SAFETY_KEYS.includes(k))) await dropUnsentSafety(tx, userId);
    await applyUserChange(tx, userId);
    return after;
  });
}

/**
 * Off: the unsent queue waits (paused). On: paused tasks go on — pending, or held for the
 * switch-on if it has not come.
 */
async function switchAutomaticMode(tx: Database, userId: number, on: boolean): Promise<void> {
  if (!on) await holdPending(tx, userId);
  else await resumeHeld(tx, userId, await newTaskState(tx));
}

export async function consentHistory(database: Database, userId: number): Promise<ConsentChange[]> {
  const rows = await database.query<{
    consent: string;
    value: boolean;
    changed_at: Date | string;
    given_by: ConsentGiver;
  }>(
    `SELECT consent, value, changed_at, given_by FROM consent_history WHERE user_id = $1 ORDER BY changed_at, id`,
    [userId],
  );
  return rows.map((r) => ({
    consent: r.consent as keyof Consents,
    value: r.value,
    changedAt: new Date(r.changed_at),
    givenBy: r.given_by,
  }));
}
