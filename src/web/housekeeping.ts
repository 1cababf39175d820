// Periodic work of the web side: expired sessions, old rate-limit windows and abandoned or
// replaced archive imports go, reached pledges are marked (and emailed when SMTP is configured).
import type { Database } from '../db/index.ts';
import { clearHiddenEdgeSets } from '../graph/edge-sets.ts';
import { abandonStaleImportJobs } from '../graph/import-jobs.ts';
import { deleteEndedUploads } from '../graph/staged-upload.ts';
import { redactSecrets } from '../vault/redact.ts';
import { markReachedPledges, notifyReachedPledges, type SendMail } from './pledge-notify.ts';
import { deleteExpiredSessions } from './sessions.ts';

/** Clean-up plus pledge checks; pledge emails only when a mail sender is configured. */
export async function webHousekeeping(database: Database, send?: SendMail): Promise<void> {
  await deleteExpiredSessions(database);
  await database.query(`DELETE FROM rate_limit_buckets WHERE window_start < now() - interval '2 days'`);
  // Uploads whose process died half way, and replaced follow lists: their hidden rows go.
  // An archive sent in parts expires like them: no part for 15 minutes.
  await abandonStaleImportJobs(database);
  await deleteEndedUploads(database);
  await clearHiddenEdgeSets(database);
  if (send) await notifyReachedPledges(database, send);
  else await markReachedPledges(database);
}

/** Runs the clean-up every `everyMs`; returns the function that stops it. */
export function scheduleHousekeeping(database: Database, send?: SendMail, everyMs = 600_000): () => void {
  const timer = setInterval(() => {
    webHousekeeping(database, send).catch((err) =>
      process.emitWarning(`web housekeeping failed: ${redactSecrets(String(err))}`),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
