// An archive sent in parts: its start declares the owner and the size of each list and opens an
// import job, whose hidden edge set (edge-sets.ts) receives every part; its finish shows the set
// by the swap of a single upload (ingest.ts). Until then readers see the previous archive.
//
// Parts are numbered per list and hold `partSize` ids each (the last one the rest), so a retried
// part is recognised (same number, same digest) and an extra or overlapping one is refused. Ids
// need not be sorted across parts: the edge set's primary key (user, set, direction, id) keeps one
// row per id, each statement inserting with ON CONFLICT DO NOTHING and counting what it added.
// Requiring ascending parts would cost the browser a sort of up to 50M ids for nothing the key
// does not already give, and would forbid sending a part again out of order.
import type { Database } from '../db/index.ts';
import { EDGE_BLOCKING, EDGE_FOLLOWER, EDGE_FOLLOWING, EDGE_MUTING } from '../db/schema.ts';
import { clearHiddenEdgeSets, stagingChunkRows, yieldTurn } from './edge-sets.ts';
import { failImportJob, openImportJob, recordImportProgress, supersedeStagedUploads } from './import-jobs.ts';
import { type ArchiveGraph, type IdBatches, type ImportSummary, showStagedArchive } from './ingest.ts';
import { type SortedIds, textOrderChunks } from './sort-ids.ts';

export const UPLOAD_LISTS = ['following', 'followers', 'blocking', 'muting'] as const;
export type UploadList = (typeof UPLOAD_LISTS)[number];
export type ListCounts = Record<UploadList, number>;

const DIRECTION: Record<UploadList, number> = {
  following: EDGE_FOLLOWING,
  followers: EDGE_FOLLOWER,
  blocking: EDGE_BLOCKING,
  muting: EDGE_MUTING,
};

export interface UploadStart {
  userId: number;
  sessionId: number;
  owner: ArchiveGraph['owner'];
  counts: ListCounts;
  partSize: number;
  layout: string;
  source: string;
  warnings: readonly unknown[];
}

export interface StagedUpload extends UploadStart {
  jobId: number;
  /** The job's state: 'staging' while parts may come; 'failed' with error 'superseded', 'cancelled' or 'abandoned'. */
  state: string;
  error: string | null;
}

/** Parts a list of `count` ids takes. */
export function partCount(count: number, partSize: number): number {
  return Math.ceil(count / partSize);
}

/** Ids part `part` must hold, or 0 when the list has no such part. */
export function expectedPartIds(upload: StagedUpload, list: UploadList, part: number): number {
  const count = upload.counts[list];
  if (!Number.isInteger(part) || part < 0 || part >= partCount(count, upload.partSize)) return 0;
  return Math.min(upload.partSize, count - part * upload.partSize);
}

/** Opens the upload. The latest start wins (supersedeStagedUploads). */
export async function startUpload(database: Database, start: UploadStart): Promise<number> {
  const total = UPLOAD_LISTS.reduce((sum, list) => sum + start.counts[list], 0);
  return database.transaction(async (tx) => {
    await supersedeStagedUploads(tx, start.userId);
    const jobId = await openImportJob(tx, start.userId, total);
    const { counts } = start;
    await tx.query(
      `INSERT INTO archive_uploads (job_id, user_id, session_id, owner, layout, source, warnings,
         part_size, following, followers, blocking, muting)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb, $8, $9, $10, $11, $12)`,
      [
        jobId,
        start.userId,
        start.sessionId,
        JSON.stringify(start.owner),
        start.layout,
        start.source,
        JSON.stringify(start.warnings),
        start.partSize,
        counts.following,
        counts.followers,
        counts.blocking,
        counts.muting,
      ],
    );
    return jobId;
  });
}

type UploadRow = {
  job_id: string;
  user_id: string;
  session_id: string;
  owner: ArchiveGraph['owner'] | string;
  layout: string;
  source: string;
  warnings: unknown[] | string;
  part_size: number;
  state: string;
  error: string | null;
} & ListCounts;

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The upload `jobId` when this session of this user started it; null for anyone else. */
export async function findUpload(
  database: Database,
  jobId: number,
  userId: number,
  sessionId: number,
): Promise<StagedUpload | null> {
  const [row] = await database.query<UploadRow>(
    `SELECT u.*, j.state, j.error FROM archive_uploads u JOIN archive_import_jobs j ON j.id = u.job_id
      WHERE u.job_id = $1 AND u.user_id = $2 AND u.session_id = $3`,
    [jobId, userId, sessionId],
  );
  if (!row) return null;
  return {
    jobId: Number(row.job_id),
    userId: Number(row.user_id),
    sessionId: Number(row.session_id),
    owner: json(row.owner),
    layout: row.layout,
    source: row.source,
    warnings: json(row.warnings),
    partSize: row.part_size,
    counts: {
      following: row.following,
      followers: row.followers,
      blocking: row.blocking,
      muting: row.muting,
    },
    state: row.state,
    error: row.error,
  };
}

export type PartOutcome = 'stored' | 'already-stored' | 'conflict' | 'ended';

/**
 * Writes one part to the upload's hidden edge set in bounded statements. The part is registered
 * first with its digest: a retry with the same ids writes again what a broken attempt left out
 * (rows already there are skipped), one with other ids is a conflict. Nothing is written once
 * the job is no longer staging (superseded, abandoned, finished).
 */
export async function receivePart(
  database: Database,
  upload: StagedUpload,
  list: UploadList,
  part: number,
  received: { ids: SortedIds; count: number; digest: string },
  chunkRows: number = stagingChunkRows(database),
): Promise<PartOutcome> {
  const direction = DIRECTION[list];
  const key = [upload.jobId, direction, part];
  await database.query(
    `INSERT INTO archive_upload_parts (job_id, direction, part, ids, digest) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [...key, received.count, received.digest],
  );
  const [known] = await database.query<{ digest: string; stored: boolean }>(
    `SELECT digest, stored FROM archive_upload_parts WHERE job_id = $1 AND direction = $2 AND part = $3`,
    key,
  );
  if (!known || known.digest !== received.digest) return 'conflict';
  if (known.stored) return 'already-stored';
  for (const ids of textOrderChunks(received.ids, chunkRows)) {
    const [row] = await database.query<{ written: boolean }>(
      `WITH live AS (SELECT 1 FROM archive_import_jobs WHERE id = $2 AND state = 'staging'),
            added AS (INSERT INTO x_edge_rows (user_id, edge_set, direction, x_id)
                      SELECT $1, $2, $3, unnest($5::text[]) WHERE EXISTS (SELECT 1 FROM live)
                      ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE archive_upload_parts SET inserted = inserted + (SELECT count(*) FROM added)
        WHERE job_id = $2 AND direction = $3 AND part = $4
       RETURNING EXISTS (SELECT 1 FROM live) AS written`,
      [upload.userId, ...key, ids],
    );
    if (!row?.written) return 'ended';
    // PGlite answers on this thread: without a turn, the chunks would hold every other request.
    await yieldTurn();
  }
  await database.query(
    `UPDATE archive_upload_parts SET stored = true WHERE job_id = $1 AND direction = $2 AND part = $3`,
    key,
  );
  const [progress] = await database.query<{ done: number }>(
    `SELECT coalesce(sum(ids), 0)::int AS done FROM archive_upload_parts WHERE job_id = $1 AND stored`,
    [upload.jobId],
  );
  return (await recordImportProgress(database, upload.jobId, progress?.done ?? 0)) ? 'stored' : 'ended';
}

/** The lists with parts not (fully) received yet, and how many each misses. */
export async function missingParts(
  database: Database,
  upload: StagedUpload,
): Promise<{ list: UploadList; missing: number }[]> {
  const rows = await database.query<{ direction: number; n: number }>(
    `SELECT direction, count(*)::int AS n FROM archive_upload_parts WHERE job_id = $1 AND stored
      GROUP BY direction`,
    [upload.jobId],
  );
  const stored = new Map(rows.map((r) => [Number(r.direction), r.n]));
  return UPLOAD_LISTS.map((list) => ({
    list,
    missing: partCount(upload.counts[list], upload.partSize) - (stored.get(DIRECTION[list]) ?? 0),
  })).filter((l) => l.missing > 0);
}

/** A list as the swap records it: its count of distinct ids, its rows being staged already. */
function countedList(size: number): IdBatches {
  return { size, batches: () => [] };
}

/**
 * Shows the upload's lists (every part must be stored: see missingParts) and records the import,
 * with each list counted as stored, duplicates across parts once.
 */
export async function finishUpload(database: Database, upload: StagedUpload): Promise<ImportSummary> {
  const rows = await database.query<{ direction: number; n: number }>(
    `SELECT direction, coalesce(sum(inserted), 0)::int AS n FROM archive_upload_parts WHERE job_id = $1
      GROUP BY direction`,
    [upload.jobId],
  );
  const stored = new Map(rows.map((r) => [Number(r.direction), r.n]));
  const list = (name: UploadList) => countedList(stored.get(DIRECTION[name]) ?? 0);
  return showStagedArchive(database, upload.userId, upload.jobId, {
    owner: upload.owner,
    following: list('following'),
    followers: list('followers'),
    blocking: list('blocking'),
    muting: list('muting'),
    warnings: upload.warnings,
    layout: upload.layout,
    source: upload.source,
  });
}

/** The error of an upload its owner cancelled. */
export const CANCELLED = 'cancelled';

/**
 * Cancels an upload still staging: its job failed ('cancelled'), so parts and finish are refused,
 * and its staged rows cleared in the background as for an abandoned one. False when the job had
 * ended already (stored, superseded, expired: nothing to cancel).
 */
export async function cancelUpload(database: Database, upload: StagedUpload): Promise<boolean> {
  if (!(await failImportJob(database, upload.jobId, CANCELLED))) return false;
  clearHiddenEdgeSets(database, upload.userId).catch((err) =>
    process.emitWarning(`clearing the cancelled upload of user ${upload.userId} failed: ${err}`),
  );
  return true;
}

/**
 * Signing in gives the browser a new session: the uploads its previous one started for the same
 * user follow it, so the parts still to come are taken. Another user's session never gets them.
 */
export async function moveSessionUploads(
  database: Database,
  userId: number,
  fromSessionId: number,
  toSessionId: number,
): Promise<void> {
  await database.query(`UPDATE archive_uploads SET session_id = $3 WHERE user_id = $1 AND session_id = $2`, [
    userId,
    fromSessionId,
    toSessionId,
  ]);
}

/**
 * Housekeeping: uploads whose job ended (stored, superseded, abandoned) lose their records; their
 * staged rows go with the job's hidden set (clearHiddenEdgeSets).
 */
export async function deleteEndedUploads(database: Database): Promise<number> {
  const rows = await database.query(
    `DELETE FROM archive_uploads u USING archive_import_jobs j
      WHERE j.id = u.job_id AND j.state <> 'staging' RETURNING 1`,
  );
  return rows.length;
}
