// Can the database take a write right now? For /healthz: a reachable database that cannot write
// (full disk, read-only standby, lost lock) is not healthy.
import { freeBytes, MIN_FREE_BYTES, mebibytes } from './disk.ts';
import { databaseOutage } from './errors.ts';
import type { Database } from './index.ts';

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
