// Stores an archive's owner and both follow lists. A re-import for the same user replaces the
// previous lists in one transaction: no duplicates, and a failure half way keeps the old import.
import type { Database } from '../db/index.ts';
import { EDGE_FOLLOWER, EDGE_FOLLOWING } from '../db/schema.ts';
import { sortHalvesAsText, sortIdsAsText } from './sort-ids.ts';

/** What ingest needs from a read archive (src/archive's result satisfies it). */
export interface ArchiveGraph {
  owner: { accountId: string; username: string; displayName: string };
  following: IdBatches;
  followers: IdBatches;
  warnings: readonly unknown[];
  layout: string;
  source: string;
}

export interface IdBatches {
  readonly size: number;
  batches(size: number): Iterable<string[]>;
  /** A packed id list's halves (src/archive/id-list.ts): sorted without a string per id. */
  packed?(): { hi: Uint32Array; lo: Uint32Array; fallback: readonly string[] };
}

export interface ImportSummary {
  userId: number;
  importId: number;
  xAccountId: string;
  following: number;
  followers: number;
}

export type IngestProgress = (done: number, total: number) => void;

export interface IngestOptions {
  onProgress?: IngestProgress;
  /**
   * Runs inside the import's transaction once the lists are stored (the directory's fan-out):
   * if it fails, the import is rolled back with it.
   */
  afterImport?: (tx: Database, summary: ImportSummary) => Promise<void>;
}

export class ArchiveOwnerMismatchError extends Error {
  readonly code: 'ARCHIVE_OWNER_MISMATCH' | 'ARCHIVE_CLAIMED_ELSEWHERE' = 'ARCHIVE_OWNER_MISMATCH';
  constructor(archiveId: string, userXId: string, proven = false) {
    super(
      `This archive belongs to X account ${archiveId}, but this Passerelle account is tied to X account ` +
        `${userXId}${proven ? ', which you proved by signing in with X' : ''}. Upload the archive of your own X account.`,
    );
    this.name = 'ArchiveOwnerMismatchError';
  }
}

/** One X id is one user: an archive of an X id another Passerelle account holds is refused. */
export class ArchiveClaimedElsewhereError extends ArchiveOwnerMismatchError {
  override readonly code = 'ARCHIVE_CLAIMED_ELSEWHERE';
  constructor(archiveId: string) {
    super(archiveId, '');
    this.message =
      `Another Passerelle account already holds the archive of X account ${archiveId}. ` +
      'If it is yours, sign in with X: that account is yours once X confirms it.';
    this.name = 'ArchiveClaimedElsewhereError';
  }
}

/** Rows per INSERT … unnest statement: large enough to amortise round trips, small enough for PGlite. */
export const INSERT_BATCH = 20_000;

export async function importArchiveForUser(
  database: Database,
  userId: number,
  archive: ArchiveGraph,
  options: IngestOptions = {},
): Promise<ImportSummary> {
  return database.transaction((tx) => importInto(tx, userId, archive, options));
}

/**
 * Operator import (CLI): stores the archive under the user who claims its X id, creating that
 * user if there is none, all in one transaction. A claim from an archive is never proof of ownership.
 */
export async function importArchiveForOwner(
  database: Database,
  archive: ArchiveGraph,
  options: IngestOptions = {},
): Promise<ImportSummary> {
  return database.transaction(async (tx) => {
    const userId = await findOrCreateUserForXId(tx, archive.owner.accountId);
    return importInto(tx, userId, archive, options);
  });
}

async function importInto(
  tx: Database,
  userId: number,
  archive: ArchiveGraph,
  options: IngestOptions,
): Promise<ImportSummary> {
  await claimUserForArchive(tx, userId, archive.owner.accountId);
  await upsertXAccount(tx, archive.owner);
  await replaceEdges(tx, userId, archive, options.onProgress);
  const importId = await recordImport(tx, userId, archive);
  const summary = {
    userId,
    importId,
    xAccountId: archive.owner.accountId,
    following: archive.following.size,
    followers: archive.followers.size,
  };
  await options.afterImport?.(tx, summary);
  return summary;
}

async function findOrCreateUserForXId(tx: Database, xId: string): Promise<number> {
  // Two operator imports of one archive at once must not create two users.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`x-owner:${xId}`]);
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE x_account_id = $1 ORDER BY x_proven_at IS NULL, id LIMIT 1`,
    [xId],
  );
  if (rows[0]) return Number(rows[0].id);
  const created = await tx.query<{ id: string }>(
    `INSERT INTO users (x_account_id) VALUES ($1) RETURNING id`,
    [xId],
  );
  return Number(created[0]?.id);
}

/** Locks the user row (serialising concurrent imports) and ties it to the archive's X id. */
async function claimUserForArchive(tx: Database, userId: number, archiveXId: string): Promise<void> {
  const rows = await tx.query<{ x_account_id: string | null; proven: boolean }>(
    `SELECT x_account_id, x_proven_at IS NOT NULL AS proven FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  const user = rows[0];
  if (!user) throw new Error(`No user with id ${userId}.`);
  // The proven X id (sign-in with X) is the truth: an archive of any other account is refused.
  if (user.x_account_id && user.x_account_id !== archiveXId) {
    throw new ArchiveOwnerMismatchError(archiveXId, user.x_account_id, user.proven);
  }
  if (!user.x_account_id) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`x-owner:${archiveXId}`]);
    const [holder] = await tx.query(`SELECT 1 FROM users WHERE x_account_id = $1`, [archiveXId]);
    if (holder) throw new ArchiveClaimedElsewhereError(archiveXId);
    await tx.query(`UPDATE users SET x_account_id = $2 WHERE id = $1`, [userId, archiveXId]);
  }
}

/**
 * Whether an archive may set the names others see for its X account: only while nobody has
 * proven that X id. Once proven, the names come from X itself at each sign-in with X, so an
 * unproven upload (or an operator's import) never changes what others see of a proven account.
 */
const NAMES_FROM_ARCHIVE_ALLOWED = `NOT EXISTS (SELECT 1 FROM users p
  WHERE p.x_account_id = x_accounts.id AND p.x_proven_at IS NOT NULL)`;

async function upsertXAccount(tx: Database, owner: ArchiveGraph['owner']): Promise<void> {
  await tx.query(
    `INSERT INTO x_accounts (id, username, display_name, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username,
       display_name = EXCLUDED.display_name, updated_at = now()
       WHERE ${NAMES_FROM_ARCHIVE_ALLOWED}`,
    [owner.accountId, owner.username, owner.displayName],
  );
}

async function replaceEdges(
  tx: Database,
  userId: number,
  archive: ArchiveGraph,
  onProgress?: IngestProgress,
): Promise<void> {
  await tx.query(`DELETE FROM x_edges WHERE user_id = $1`, [userId]);
  const total = archive.following.size + archive.followers.size;
  let done = 0;
  for (const [direction, list] of [
    [EDGE_FOLLOWING, archive.following],
    [EDGE_FOLLOWER, archive.followers],
  ] as const) {
    const sorted = sortedBatches(list);
    if (tx.copyFrom) {
      await tx.copyFrom(
        'COPY x_edges (user_id, direction, x_id) FROM STDIN',
        edgeCopyChunks(userId, direction, sorted, (n) => {
          done += n;
          onProgress?.(done, total);
        }),
      );
      continue;
    }
    for (const ids of sorted) {
      await insertEdgeBatch(tx, userId, direction, ids);
      done += ids.length;
      onProgress?.(done, total);
    }
  }
}

/**
 * Archives list IDs in no useful order; inserting them sorted turns random B-tree inserts into
 * appends on both edge indexes, several times faster on a large list.
 */
function* sortedBatches(list: IdBatches): Iterable<string[]> {
  const packed = list.packed?.();
  const all = packed ? sortHalvesAsText(packed.hi, packed.lo, packed.fallback) : sortIdsAsText(collect(list));
  for (let i = 0; i < all.length; i += INSERT_BATCH) yield all.slice(i, i + INSERT_BATCH);
}

function collect(list: IdBatches): string[] {
  const ids: string[] = [];
  for (const batch of list.batches(INSERT_BATCH)) for (const id of batch) ids.push(id);
  return ids;
}

/** COPY text rows, one chunk per batch. IDs are digits only, so no escaping is needed. */
function* edgeCopyChunks(
  userId: number,
  direction: number,
  batches: Iterable<string[]>,
  onBatch: (n: number) => void,
): Iterable<string> {
  const prefix = `${userId}\t${direction}\t`;
  for (const ids of batches) {
    assertXIds(ids);
    yield `${prefix}${ids.join(`\n${prefix}`)}\n`;
    onBatch(ids.length);
  }
}

/** One statement per batch on both databases: the IDs travel as a single text[] parameter. */
export async function insertEdgeBatch(
  tx: Database,
  userId: number,
  direction: number,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  assertXIds(ids);
  await tx.query(`INSERT INTO x_edges (user_id, direction, x_id) SELECT $1, $2, unnest($3::text[])`, [
    userId,
    direction,
    ids,
  ]);
}

const X_ID = /^[0-9]{1,20}$/;

/** The archive reader validates IDs already; this guards the COPY text format from anything else. */
function assertXIds(ids: string[]): void {
  for (const id of ids) {
    if (!X_ID.test(id)) throw new Error(`Not an X account id (1–20 digits): "${String(id).slice(0, 30)}"`);
  }
}

async function recordImport(tx: Database, userId: number, archive: ArchiveGraph): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO archive_imports
       (user_id, x_account_id, following_count, follower_count, source_kind, layout, warnings)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
    [
      userId,
      archive.owner.accountId,
      archive.following.size,
      archive.followers.size,
      archive.source,
      archive.layout,
      JSON.stringify(archive.warnings),
    ],
  );
  return Number(rows[0]?.id);
}
