// Stores an archive's owner and both follow lists. A re-import for the same user replaces the
// previous lists atomically for readers: the new lists are staged as a hidden edge set
// (edge-sets.ts), then shown by one short transaction; a failure half way keeps the old import.
import type { Database } from '../db/index.ts';
import { clearHiddenEdgeSets, showEdgeSet, stageEdgeSet } from './edge-sets.ts';
import { failImportJob, openImportJob, recordImportProgress, supersedeStagedUploads } from './import-jobs.ts';
import type { SortedIds } from './sort-ids.ts';

/** What ingest needs from a read archive (src/archive's result satisfies it). */
export interface ArchiveGraph {
  owner: { accountId: string; username: string; displayName: string };
  following: IdBatches;
  followers: IdBatches;
  /** Accounts the owner blocked and muted on X (absent: none). */
  blocking?: IdBatches;
  muting?: IdBatches;
  warnings: readonly unknown[];
  layout: string;
  source: string;
}

export interface IdBatches {
  readonly size: number;
  batches(size: number): Iterable<string[]>;
  /** A packed id list's halves (src/archive/id-list.ts): sorted without a string per id. */
  packed?(): { hi: Uint32Array; lo: Uint32Array; fallback: readonly string[] };
  /** The list already in text order (sorted off the event loop): staged as it is. */
  sorted?(): SortedIds;
}

/**
 * The most ids one list may hold: several times the largest follower counts on X, and still
 * bounded memory (8 bytes an id while sorting) and time. Past it the import is refused whole.
 */
export const MAX_IDS_PER_LIST = 50_000_000;

export class ArchiveTooLargeError extends Error {
  readonly code = 'ARCHIVE_TOO_LARGE';
  readonly list: 'following' | 'followers';
  readonly count: number;
  readonly limit: number;
  constructor(list: 'following' | 'followers', count: number, limit: number) {
    super(
      `This archive lists ${count} ${list === 'following' ? 'accounts followed' : 'followers'}, over the ` +
        `${limit} a list may hold here. Nothing was imported.`,
    );
    this.name = 'ArchiveTooLargeError';
    this.list = list;
    this.count = count;
    this.limit = limit;
  }
}

/** Refuses a list past MAX_IDS_PER_LIST (or the option's bound) before anything is written. */
function assertListSizes(archive: ArchiveGraph, limit: number): void {
  for (const list of ['following', 'followers'] as const)
    if (archive[list].size > limit) throw new ArchiveTooLargeError(list, archive[list].size, limit);
}

export interface ImportSummary {
  userId: number;
  importId: number;
  /** The import job (and edge set) that stored the lists. */
  jobId: number;
  importedAt: string;
  xAccountId: string;
  following: number;
  followers: number;
  blocking: number;
  muting: number;
}

/** Edges an archive stores: both follow lists, its blocks and its mutes. */
export function edgeCount(archive: ArchiveGraph): number {
  const { following, followers, blocking, muting } = archive;
  return following.size + followers.size + (blocking?.size ?? 0) + (muting?.size ?? 0);
}

export type IngestProgress = (done: number, total: number) => void;

export interface IngestOptions {
  onProgress?: IngestProgress;
  /** Called once the import job exists, with its id (the page follows it). */
  onJob?: (jobId: number) => void;
  /**
   * Runs inside the short transaction that shows the new lists: if it fails, the import is
   * rolled back with it. Keep it short (the web import fans out after the commit instead).
   */
  afterImport?: (tx: Database, summary: ImportSummary) => Promise<void>;
  /** Rows per staging statement (default: what the database takes well, see edge-sets.ts). */
  chunkRows?: number;
  /** Ids one list may hold; MAX_IDS_PER_LIST unless lower. */
  maxIdsPerList?: number;
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

/** Rows per batch asked of an id list that cannot hand over its packed halves. */
export const INSERT_BATCH = 20_000;

/**
 * Web import: the lists are staged in bounded chunks outside any transaction (other requests run
 * between them, on PGlite's single connection too), then one short transaction checks the owner,
 * shows the new lists and hides the previous ones. A failure at any point leaves the previous
 * import as it was; the staged rows are cleared.
 */
export async function importArchiveForUser(
  database: Database,
  userId: number,
  archive: ArchiveGraph,
  options: IngestOptions = {},
): Promise<ImportSummary> {
  assertListSizes(archive, Math.min(options.maxIdsPerList ?? MAX_IDS_PER_LIST, MAX_IDS_PER_LIST));
  await assertArchiveOwner(database, userId, archive.owner.accountId);
  const total = edgeCount(archive);
  const jobId = await openImportJob(database, userId, total);
  options.onJob?.(jobId);
  try {
    // As a later start of an upload in parts does: this upload replaces one still being sent.
    await supersedeStagedUploads(database, userId);
    await stageEdgeSet(
      database,
      userId,
      jobId,
      archive,
      async (done) => {
        options.onProgress?.(done, total);
        return recordImportProgress(database, jobId, done);
      },
      options.chunkRows,
    );
    return await database.transaction(async (tx) => {
      await claimUserForArchive(tx, userId, archive.owner.accountId);
      return showImport(tx, userId, jobId, archive, options);
    });
  } catch (err) {
    await failImportJob(database, jobId, err instanceof Error ? err.message : String(err)).catch(() => {});
    throw err;
  } finally {
    // The replaced (or failed) set goes in the background, chunk by chunk.
    clearHiddenEdgeSets(database, userId).catch((err) =>
      process.emitWarning(`clearing replaced follow lists of user ${userId} failed: ${err}`),
    );
  }
}

/**
 * Operator import (CLI): stores the archive under the user who claims its X id, creating that
 * user if there is none, all in one transaction (the same staged path, committed at once).
 * A claim from an archive is never proof of ownership.
 */
export async function importArchiveForOwner(
  database: Database,
  archive: ArchiveGraph,
  options: IngestOptions = {},
): Promise<ImportSummary> {
  assertListSizes(archive, Math.min(options.maxIdsPerList ?? MAX_IDS_PER_LIST, MAX_IDS_PER_LIST));
  const summary = await database.transaction(async (tx) => {
    const userId = await findOrCreateUserForXId(tx, archive.owner.accountId);
    await claimUserForArchive(tx, userId, archive.owner.accountId);
    const total = edgeCount(archive);
    const jobId = await openImportJob(tx, userId, total);
    await stageEdgeSet(
      tx,
      userId,
      jobId,
      archive,
      async (done) => {
        options.onProgress?.(done, total);
        return true;
      },
      options.chunkRows,
    );
    return showImport(tx, userId, jobId, archive, options);
  });
  await clearHiddenEdgeSets(database, summary.userId);
  return summary;
}

/** The swap: owner row, the new lists shown and the old hidden, the import recorded, the hook. */
async function showImport(
  tx: Database,
  userId: number,
  jobId: number,
  archive: ArchiveGraph,
  options: IngestOptions,
): Promise<ImportSummary> {
  await upsertXAccount(tx, archive.owner);
  await showEdgeSet(tx, userId, jobId);
  const { id: importId, importedAt } = await recordImport(tx, userId, archive);
  const summary: ImportSummary = {
    userId,
    importId,
    jobId,
    importedAt,
    xAccountId: archive.owner.accountId,
    following: archive.following.size,
    followers: archive.followers.size,
    blocking: archive.blocking?.size ?? 0,
    muting: archive.muting?.size ?? 0,
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

/** Refuses an archive of another X account before anything is staged (checked again at the swap). */
export async function assertArchiveOwner(
  database: Database,
  userId: number,
  archiveXId: string,
): Promise<void> {
  await userForArchive(database, userId, archiveXId, '');
}

async function userForArchive(database: Database, userId: number, archiveXId: string, lock: string) {
  const rows = await database.query<{ x_account_id: string | null; proven: boolean }>(
    `SELECT x_account_id, x_proven_at IS NOT NULL AS proven FROM users WHERE id = $1 ${lock}`,
    [userId],
  );
  const user = rows[0];
  if (!user) throw new Error(`No user with id ${userId}.`);
  // The proven X id (sign-in with X) is the truth: an archive of any other account is refused.
  if (user.x_account_id && user.x_account_id !== archiveXId) {
    throw new ArchiveOwnerMismatchError(archiveXId, user.x_account_id, user.proven);
  }
  return user;
}

/** Locks the user row (serialising concurrent swaps) and ties it to the archive's X id. */
async function claimUserForArchive(tx: Database, userId: number, archiveXId: string): Promise<void> {
  const user = await userForArchive(tx, userId, archiveXId, 'FOR UPDATE');
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

async function recordImport(
  tx: Database,
  userId: number,
  archive: ArchiveGraph,
): Promise<{ id: number; importedAt: string }> {
  const rows = await tx.query<{ id: string; imported_at: Date | string }>(
    `INSERT INTO archive_imports
       (user_id, x_account_id, following_count, follower_count, source_kind, layout, warnings)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id, imported_at`,
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
  const row = rows[0];
  if (!row) throw new Error('the import record was not written');
  return { id: Number(row.id), importedAt: new Date(row.imported_at).toISOString() };
}

/**
 * Shows lists already staged under job `jobId` (an archive sent in parts, src/graph/staged-upload.ts)
 * by the same short transaction as importArchiveForUser's swap: the owner checked again and
 * claimed, the set shown and the previous one hidden, the import recorded.
 */
export async function showStagedArchive(
  database: Database,
  userId: number,
  jobId: number,
  archive: ArchiveGraph,
): Promise<ImportSummary> {
  return database.transaction(async (tx) => {
    await claimUserForArchive(tx, userId, archive.owner.accountId);
    return showImport(tx, userId, jobId, archive, {});
  });
}
