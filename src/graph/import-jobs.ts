// An archive being stored: one row per upload with its progress, whose id names the edge set the
// lists are staged under (hidden until the import is shown). The web page follows it while the
// upload runs; a process that dies half way leaves a job that goes stale and is cleared.
import type { Database } from '../db/index.ts';

export type ImportJobState = 'staging' | 'stored' | 'replaced' | 'failed';

export interface ImportJob {
  id: number;
  state: ImportJobState;
  done: number;
  total: number;
  error: string | null;
  startedAt: string;
  updatedAt: string;
}

/** A staging job with no progress for this long belongs to a process that died: it is abandoned. */
export const STALE_AFTER_MINUTES = 15;

/** Opens a job and hides its edge set, in one statement: nothing staged is ever seen before the swap. */
export async function openImportJob(database: Database, userId: number, total: number): Promise<number> {
  const [row] = await database.query<{ id: string }>(
    `WITH job AS (INSERT INTO archive_import_jobs (user_id, total) VALUES ($1, $2) RETURNING id),
          hidden AS (INSERT INTO x_edge_hidden (user_id, edge_set) SELECT $1, id FROM job)
     SELECT id FROM job`,
    [userId, total],
  );
  return Number(row?.id);
}

/** Records progress; false when the job is no longer staging (abandoned by the clean-up): stop. */
export async function recordImportProgress(
  database: Database,
  jobId: number,
  done: number,
): Promise<boolean> {
  const rows = await database.query(
    `UPDATE archive_import_jobs SET done = $2, updated_at = now() WHERE id = $1 AND state = 'staging' RETURNING 1`,
    [jobId, done],
  );
  return rows.length > 0;
}

/** Marks the job failed; false when it was no longer staging (stored, or failed already). */
export async function failImportJob(database: Database, jobId: number, error: string): Promise<boolean> {
  const rows = await database.query(
    `UPDATE archive_import_jobs SET state = 'failed', error = $2, updated_at = now()
      WHERE id = $1 AND state = 'staging' RETURNING 1`,
    [jobId, error.slice(0, 200)],
  );
  return rows.length > 0;
}

/**
 * The latest upload of a user wins: their uploads in parts still staging are marked failed
 * ('superseded'), so their parts and finish are refused and their rows cleared.
 */
export async function supersedeStagedUploads(database: Database, userId: number): Promise<void> {
  await database.query(
    `UPDATE archive_import_jobs SET state = 'failed', error = 'superseded', updated_at = now()
      WHERE state = 'staging' AND id IN (SELECT job_id FROM archive_uploads WHERE user_id = $1)`,
    [userId],
  );
}

/** Marks staging jobs without progress for STALE_AFTER_MINUTES failed (their process died). */
export async function abandonStaleImportJobs(database: Database): Promise<number> {
  const rows = await database.query(
    `UPDATE archive_import_jobs SET state = 'failed', error = 'abandoned', updated_at = now()
      WHERE state = 'staging' AND updated_at < now() - make_interval(mins => $1) RETURNING 1`,
    [STALE_AFTER_MINUTES],
  );
  return rows.length;
}

/** The user's most recent import job, for the page that follows it. */
export async function latestImportJob(database: Database, userId: number): Promise<ImportJob | null> {
  const [row] = await database.query<{
    id: string;
    state: ImportJobState;
    done: number;
    total: number;
    error: string | null;
    created_at: Date | string;
    updated_at: Date | string;
  }>(
    `SELECT id, state, done, total, error, created_at, updated_at FROM archive_import_jobs
      WHERE user_id = $1 ORDER BY id DESC LIMIT 1`,
    [userId],
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    state: row.state,
    done: row.done,
    total: row.total,
    error: row.error,
    startedAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
