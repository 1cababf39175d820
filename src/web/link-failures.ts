// Why the session's last link failed, when the reason names something the sign-up page must show
// (the X account holding a network account): kept server-side for the session, never put in the
// URL the browser is sent back to. It expires on its own; reading it changes nothing.
import type { Database } from '../db/index.ts';

const NAMESPACE = 'link-failure';
const TTL_SECONDS = 10 * 60;

export interface LinkFailure {
  platform: string;
  code: string;
  holder: string;
}

export async function recordLinkFailure(database: Database, sessionId: number, failure: LinkFailure) {
  await database.query(
    `INSERT INTO oauth_store (namespace, key, value, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
    [NAMESPACE, String(sessionId), JSON.stringify(failure), TTL_SECONDS],
  );
}

export async function lastLinkFailure(database: Database, sessionId: number): Promise<LinkFailure | null> {
  const [row] = await database.query<{ value: string }>(
    'SELECT value FROM oauth_store WHERE namespace = $1 AND key = $2 AND expires_at > now()',
    [NAMESPACE, String(sessionId)],
  );
  return row ? (JSON.parse(row.value) as LinkFailure) : null;
}
