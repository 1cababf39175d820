// Can the database take a write right now? For /healthz: a reachable database that cannot write
// (full disk, read-only standby, lost lock) is not healthy.
import fs from 'node:fs/promises';
import { databaseOutage } from './errors.ts';
import type { Database } from './index.ts';

/** Below this, the embedded database is reported unable to write (an import needs far more). */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

export type Health =
  | { ok: true }
  | { ok: false; code: 'DATABASE_UNAVAILABLE' | 'DATABASE_DISK_FULL' | 'DATABASE_READ_ONLY'; detail: string };

/**
 * txid_current() makes the probe a write transaction: the server assigns a transaction id and
 * commits it to its log, and a read-only server (a standby) refuses. It writes no table. The log
 * files are allocated ahead, so a full disk may not stop that commit: for the embedded database
 * the free space of its folder is read too.
 */
export async function writeHealth(database: Database): Promise<Health> {
  try {
    await database.query('SELECT txid_current()');
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const outage = databaseOutage(err);
    if (outage) return { ok: false, code: outage, detail };
    return {
      ok: false,
      code: /read-only|recovery/i.test(detail) ? 'DATABASE_READ_ONLY' : 'DATABASE_UNAVAILABLE',
      detail,
    };
  }
  if (database.dataDir) {
    const free = await freeBytes(database.dataDir);
    if (free < MIN_FREE_BYTES)
      return {
        ok: false,
        code: 'DATABASE_DISK_FULL',
        detail: `${database.dataDir} has ${mebibytes(free)} MB free; free at least ${mebibytes(MIN_FREE_BYTES)} MB.`,
      };
  }
  return { ok: true };
}

export async function freeBytes(dir: string): Promise<number> {
  const s = await fs.statfs(dir);
  return s.bavail * s.bsize;
}

export function mebibytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024));
}
