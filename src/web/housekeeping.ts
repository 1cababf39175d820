// Periodic clean-up of the web tables: expired sessions and rate-limit windows long past.
import type { Database } from '../db/index.ts';
import { deleteExpiredSessions } from './sessions.ts';

export async function webHousekeeping(database: Database): Promise<void> {
  await deleteExpiredSessions(database);
  await database.query(`DELETE FROM rate_limit_buckets WHERE window_start < now() - interval '2 days'`);
}

/** Runs the clean-up every `everyMs`; returns the function that stops it. */
export function scheduleHousekeeping(database: Database, everyMs = 3_600_000): () => void {
  const timer = setInterval(() => {
    webHousekeeping(database).catch((err) => process.emitWarning(`web housekeeping failed: ${err}`));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
