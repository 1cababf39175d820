// Incremental matching: when someone proves their X id, links a network, imports an archive or
// turns on automatic mode, the follow tasks that follow from it are planned at once, each by a
// single set-based statement of the engine's task module (src/reconnect/tasks.ts).
import type { Database } from '../db/index.ts';
import { fanOutDuration } from '../metrics/registry.ts';
import {
  planFanOut,
  planFanOutOfOne,
  planMatchesOf,
  planSafety,
  withdrawForbidden,
  withdrawTasksTo,
} from '../reconnect/tasks.ts';
import { newTaskState } from './activation.ts';
import { type EntryKey, refreshUserEntries } from './entries.ts';

/**
 * Tasks for everyone in automatic mode who followed these accounts on X (or, with follow-back,
 * whom they followed), on the entry's network where they have linked an account. Existing
 * tasks — done, dismissed, removed — are left as they are. Returns the number of tasks created.
 */
export async function fanOutEntries(tx: Database, entries: EntryKey[]): Promise<number> {
  if (entries.length === 0) return 0;
  const state = await newTaskState(tx);
  // A famous account's fan-out hashes and sorts a million rows: give this transaction the memory.
  await tx.query(`SET LOCAL work_mem = '256MB'`);
  // People who blocked or muted the newcomers on X and asked for that to carry over.
  let created = await planSafety(tx, { entries });
  if (entries.length <= SINGLE_ENTRY_LIMIT) {
    for (const entry of entries) created += await fanOutOneEntry(tx, entry, state);
    return created;
  }
  return created + (await planFanOut(tx, entries, state));
}

/** Up to this many entries (a sign-up, a link), one statement each; beyond (imports), one for all. */
const SINGLE_ENTRY_LIMIT = 16;

/** One entry's fan-out, its X id and owner as plain parameters (see planFanOutOfOne). */
async function fanOutOneEntry(tx: Database, entry: EntryKey, state: string): Promise<number> {
  const [d] = await tx.query<{ target: string; user_id: string | null }>(
    `SELECT target, user_id FROM directory_entries WHERE x_id = $1 AND platform = $2 AND usable`,
    [entry.xId, entry.platform],
  );
  if (!d) return 0;
  const owner = d.user_id === null ? null : Number(d.user_id);
  const large = await hasLargeAudience(tx, entry.xId, owner);
  // Statistics misjudge one famous X id; past LARGE_AUDIENCE, hash joins beat a million probes,
  // and compiling the plan (JIT) costs more than it saves on a statement that mostly writes rows.
  if (large) for (const [name, value] of LARGE_PLAN) await tx.query(`SET LOCAL ${name} = ${value}`);
  const created = await planFanOutOfOne(tx, { ...entry, target: d.target, owner }, state);
  if (large) for (const [name] of LARGE_PLAN) await tx.query(`SET LOCAL ${name} TO DEFAULT`);
  return created;
}

/** Settings of a large fan-out's one statement (SET LOCAL, back to their default after it). */
const LARGE_PLAN = [
  ['enable_nestloop', 'off'],
  ['jit', 'off'],
] as const;

/** Candidates (edges to or from the entry) beyond which one fan-out is planned as a bulk job. */
const LARGE_AUDIENCE = 10_000;

/** Whether the X id's followers, or its owner's own lists, reach LARGE_AUDIENCE (bounded count). */
async function hasLargeAudience(tx: Database, xId: string, owner: number | null): Promise<boolean> {
  const [row] = await tx.query<{ n: number }>(
    // ORDER BY direction keeps the index: a famous X id's rows, loaded last, end a sequential scan.
    `SELECT ((SELECT count(*) FROM (SELECT 1 FROM x_edges WHERE x_id = $1 ORDER BY direction LIMIT ${LARGE_AUDIENCE}) a)
           + (SELECT count(*) FROM (SELECT 1 FROM x_edges WHERE user_id = $2::bigint LIMIT ${LARGE_AUDIENCE}) b))::int AS n`,
    [xId, owner],
  );
  return (row?.n ?? 0) >= LARGE_AUDIENCE;
}

/**
 * A user's own tasks: every match on a network they linked if automatic mode is on, and their X
 * blocks and mutes carried over if they asked for it.
 */
async function planTasksForUser(tx: Database, userId: number): Promise<number> {
  return (await planMatchesOf(tx, userId, await newTaskState(tx))) + (await planSafety(tx, { userId }));
}

export interface ChangeReport {
  appeared: EntryKey[];
  fannedOut: number;
  planned: number;
  withdrawn: number;
}

/**
 * The hook for every change to a user (sign-up, X proof, network linked or unlinked, archive
 * imported, consent changed): refreshes their directory rows, fans out to the people who now
 * find them, withdraws unsent follows to them if they left, and plans their own follows.
 */
export async function onUserChanged(
  database: Database,
  userId: number,
  options: ChangeOptions = {},
): Promise<ChangeReport> {
  return database.transaction((tx) => applyUserChange(tx, userId, options));
}

export interface ChangeOptions {
  /**
   * The user's archive was (re)imported: their follower and following lists now say different
   * things about who should follow them, so fan out for all their entries, not only new ones.
   */
  archiveChanged?: boolean;
  /**
   * The user just proved their X id: blocks and mutes on X tied to it (theirs, and other
   * people's of it) now protect through it, so unsent follows they forbid go too.
   */
  xIdProven?: boolean;
}

/** onUserChanged inside a transaction the caller already holds. */
export async function applyUserChange(
  tx: Database,
  userId: number,
  options: ChangeOptions = {},
): Promise<ChangeReport> {
  const end = fanOutDuration.startTimer();
  try {
    return await applyUserChangeNow(tx, userId, options);
  } finally {
    end();
  }
}

async function applyUserChangeNow(
  tx: Database,
  userId: number,
  options: ChangeOptions,
): Promise<ChangeReport> {
  // One writer per user at a time: two links at once must not miss each other's rows.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`directory-user:${userId}`]);
  const { appeared, withdrawn } = await refreshUserEntries(tx, userId);
  let removed = await withdrawTasksTo(tx, withdrawn);
  // New lists may hold new blocks and mutes, a proof ties them to an X id: unsent follows they
  // forbid go at once.
  if (options.archiveChanged || options.xIdProven) removed += await withdrawForbidden(tx, userId);
  const toFanOut = options.archiveChanged
    ? (
        await tx.query<{ x_id: string; platform: string }>(
          `SELECT x_id, platform FROM directory_entries WHERE user_id = $1 AND usable`,
          [userId],
        )
      ).map((r) => ({ xId: r.x_id, platform: r.platform }))
    : appeared;
  const fannedOut = await fanOutEntries(tx, toFanOut);
  const planned = await planTasksForUser(tx, userId);
  return { appeared, fannedOut, planned, withdrawn: removed };
}
