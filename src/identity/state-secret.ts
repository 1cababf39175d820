// The server secret that binds OAuth states to sessions: random, made once per database and
// shared by every web process on it (kept in oauth_store, never sent anywhere).
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/index.ts';

const NAMESPACE = 'server-secret';
const KEY = 'oauth-state-hmac';
const cache = new WeakMap<Database, Buffer>();

export async function stateSecret(database: Database): Promise<Buffer> {
  const known = cache.get(database);
  if (known) return known;
  // Two processes starting at once: the first insert wins and both read it back.
  await database.query(
    `INSERT INTO oauth_store (namespace, key, value) VALUES ($1, $2, $3) ON CONFLICT (namespace, key) DO NOTHING`,
    [NAMESPACE, KEY, randomBytes(32).toString('base64url')],
  );
  const [row] = await database.query<{ value: string }>(
    'SELECT value FROM oauth_store WHERE namespace = $1 AND key = $2',
    [NAMESPACE, KEY],
  );
  const secret = Buffer.from(row?.value ?? '', 'base64url');
  if (secret.length !== 32) throw new Error('The OAuth state secret in oauth_store is malformed.');
  cache.set(database, secret);
  return secret;
}
