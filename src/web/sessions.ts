// Sessions in the database: the cookie carries a random token, the table only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/index.ts';

export interface SessionRecord {
  id: number;
  userId: number;
  expiresAt: Date;
  lastSeenAt: Date;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** An anonymous user: the row later linked accounts, the archive and the X proof attach to. */
export async function createAnonymousUser(database: Database): Promise<number> {
  const [row] = await database.query<{ id: string | number }>(
    'INSERT INTO users DEFAULT VALUES RETURNING id',
  );
  if (!row) throw new Error('user insert returned nothing');
  return Number(row.id);
}

export async function createSession(
  database: Database,
  userId: number,
  ttlSeconds: number,
  device: string | null = null,
): Promise<{ token: string; session: SessionRecord }> {
  const token = newToken();
  const [row] = await database.query<{ id: string | number; expires_at: Date; last_seen_at: Date }>(
    `INSERT INTO sessions (user_id, token_hash, expires_at, device)
     VALUES ($1, $2, now() + make_interval(secs => $3), $4) RETURNING id, expires_at, last_seen_at`,
    [userId, hashToken(token), ttlSeconds, device],
  );
  if (!row) throw new Error('session insert returned nothing');
  return {
    token,
    session: {
      id: Number(row.id),
      userId,
      expiresAt: new Date(row.expires_at),
      lastSeenAt: new Date(row.last_seen_at),
    },
  };
}

/** The live session for a cookie token, or null when unknown, revoked or expired. */
export async function findSession(database: Database, token: string): Promise<SessionRecord | null> {
  const [row] = await database.query<{
    id: string | number;
    user_id: string | number;
    expires_at: Date;
    last_seen_at: Date;
  }>(
    `SELECT id, user_id, expires_at, last_seen_at FROM sessions
     WHERE token_hash = $1 AND expires_at > now()`,
    [hashToken(token)],
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    expiresAt: new Date(row.expires_at),
    lastSeenAt: new Date(row.last_seen_at),
  };
}

/** Slides the expiry forward. Called at most once a minute per session to spare writes. */
export async function touchSession(database: Database, id: number, ttlSeconds: number): Promise<void> {
  await database.query(
    `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(secs => $2) WHERE id = $1`,
    [id, ttlSeconds],
  );
}

export async function revokeSession(database: Database, id: number): Promise<void> {
  await database.query('DELETE FROM sessions WHERE id = $1', [id]);
}

export async function revokeUserSessions(database: Database, userId: number): Promise<number> {
  const rows = await database.query('DELETE FROM sessions WHERE user_id = $1 RETURNING id', [userId]);
  return rows.length;
}

export async function deleteExpiredSessions(database: Database): Promise<number> {
  const rows = await database.query('DELETE FROM sessions WHERE expires_at <= now() RETURNING id');
  return rows.length;
}

/** One of the user's live sessions, as settings lists them. */
export interface SessionView {
  id: number;
  device: string | null;
  createdAt: string;
  lastSeenAt: string;
}

export async function listUserSessions(database: Database, userId: number): Promise<SessionView[]> {
  const rows = await database.query<{
    id: string | number;
    device: string | null;
    created_at: Date | string;
    last_seen_at: Date | string;
  }>(
    `SELECT id, device, created_at, last_seen_at FROM sessions
      WHERE user_id = $1 AND expires_at > now() ORDER BY last_seen_at DESC, id DESC`,
    [userId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    device: r.device,
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
  }));
}

/** Ends one session of the user's; false when it is not theirs (or already gone). */
export async function revokeUserSession(database: Database, userId: number, id: number): Promise<boolean> {
  const rows = await database.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2 RETURNING id', [
    id,
    userId,
  ]);
  return rows.length > 0;
}

/** Ends every session of the user but `keepId` (sign out everywhere else). */
export async function revokeOtherSessions(
  database: Database,
  userId: number,
  keepId: number,
): Promise<number> {
  const rows = await database.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2 RETURNING id', [
    userId,
    keepId,
  ]);
  return rows.length;
}
