// Where Passerelle's emails go: the one module that writes notification_settings (the confirmed
// address, the digest switch, its send bookkeeping) and email_confirmations (an address given in
// settings, waiting for its owner to click the emailed link). Double opt-in: an address is used
// only once confirmed; the confirmation token is random, single-use and expires. The digest's
// unsubscribe token is derived (HMAC) from a server secret, so it is never stored: the database
// keeps only its hash, for lookup.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Database } from '../db/index.ts';

export class DigestInputError extends Error {
  readonly code = 'INVALID_EMAIL';
  constructor(message: string) {
    super(message);
    this.name = 'DigestInputError';
  }
}

/** How long a confirmation link works (the confirmation email says "24 hours"). */
export const CONFIRMATION_HOURS = 24;
/** RFC 5321: a path is at most 256 octets, so an address at most 254 characters. */
export const MAX_EMAIL_LENGTH = 254;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const isEmailAddress = (email: string) => email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email);

export function unsubscribeToken(secret: string, userId: number, email: string): string {
  return createHmac('sha256', secret)
    .update(`digest-unsubscribe:${userId}:${email.toLowerCase()}`)
    .digest('base64url');
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Turns the digest on for a user at this (confirmed) address; a changed address gets a new token. */
export async function subscribeDigest(
  database: Database,
  userId: number,
  email: string,
  secret: string,
): Promise<void> {
  if (!isEmailAddress(email)) throw new DigestInputError(`"${email}" is not an email address.`);
  const token = unsubscribeToken(secret, userId, email);
  await database.query(
    `INSERT INTO notification_settings (user_id, email, digest_enabled, unsubscribe_token_hash, updated_at)
     VALUES ($1, $2, true, $3, now())
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, digest_enabled = true,
       unsubscribe_token_hash = EXCLUDED.unsubscribe_token_hash, updated_at = now()`,
    [userId, email, hashToken(token)],
  );
}

/** One-click unsubscribe. True when the token matched a subscription (repeat clicks included). */
export async function unsubscribeDigest(database: Database, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const rows = await database.query(
    `UPDATE notification_settings SET digest_enabled = false, updated_at = now()
      WHERE unsubscribe_token_hash = $1 RETURNING 1`,
    [hashToken(token)],
  );
  return rows.length > 0;
}

/**
 * Records `email` as the user's address waiting for confirmation (replacing any earlier one and
 * its link) and returns the new link's token. The confirmed address, if any, keeps receiving
 * emails until the new one is confirmed.
 */
export async function requestConfirmation(
  database: Database,
  userId: number,
  email: string,
): Promise<string> {
  if (!isEmailAddress(email)) throw new DigestInputError(`"${email}" is not an email address.`);
  const token = randomBytes(32).toString('base64url');
  await database.query(
    `INSERT INTO email_confirmations (user_id, email, token_hash, expires_at, created_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), now())
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, token_hash = EXCLUDED.token_hash,
       expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at`,
    [userId, email, hashToken(token), CONFIRMATION_HOURS],
  );
  return token;
}

/** Takes back a confirmation whose email could not be sent (nothing half-written is left). */
export async function dropConfirmation(database: Database, userId: number, token: string): Promise<void> {
  await database.query('DELETE FROM email_confirmations WHERE user_id = $1 AND token_hash = $2', [
    userId,
    hashToken(token),
  ]);
}

export type ConfirmResult = 'confirmed' | 'invalid' | 'expired';

/**
 * Confirms the address a token was sent to. The token is used up whatever the outcome (an
 * expired one too), so a link works once; a wrong token changes nothing.
 */
export async function confirmAddress(
  database: Database,
  token: string,
  secret: string,
): Promise<ConfirmResult> {
  if (!TOKEN.test(token)) return 'invalid';
  return database.transaction(async (tx) => {
    const [row] = await tx.query<{ user_id: string | number; email: string; live: boolean }>(
      `DELETE FROM email_confirmations WHERE token_hash = $1
       RETURNING user_id, email, expires_at > now() AS live`,
      [hashToken(token)],
    );
    if (!row) return 'invalid';
    if (!row.live) return 'expired';
    await subscribeDigest(tx, Number(row.user_id), row.email, secret);
    return 'confirmed';
  });
}

/** Forgets the user's address, confirmed or waiting: no email goes out any more. */
export async function removeAddress(database: Database, userId: number): Promise<void> {
  await database.transaction(async (tx) => {
    await tx.query('DELETE FROM email_confirmations WHERE user_id = $1', [userId]);
    await tx.query('DELETE FROM notification_settings WHERE user_id = $1', [userId]);
  });
}

/** Turns the emails to the confirmed address on or off; false when there is no confirmed address. */
export async function setDigestEnabled(
  database: Database,
  userId: number,
  enabled: boolean,
): Promise<boolean> {
  const rows = await database.query(
    `UPDATE notification_settings SET digest_enabled = $2, updated_at = now() WHERE user_id = $1 RETURNING 1`,
    [userId, enabled],
  );
  return rows.length > 0;
}

export interface EmailSettings {
  /** The confirmed address emails go to, or null. */
  email: string | null;
  digest: boolean;
  pending: { email: string; expiresAt: string } | null;
}

/** The user's own address settings (shown to them only). An expired pending address is not shown. */
export async function emailSettings(database: Database, userId: number): Promise<EmailSettings> {
  const [confirmed] = await database.query<{ email: string; digest_enabled: boolean }>(
    'SELECT email, digest_enabled FROM notification_settings WHERE user_id = $1',
    [userId],
  );
  const [pending] = await database.query<{ email: string; expires_at: Date | string }>(
    'SELECT email, expires_at FROM email_confirmations WHERE user_id = $1 AND expires_at > now()',
    [userId],
  );
  return {
    email: confirmed?.email ?? null,
    digest: confirmed?.digest_enabled ?? false,
    pending: pending ? { email: pending.email, expiresAt: new Date(pending.expires_at).toISOString() } : null,
  };
}

/** Claims a due digest (two workers never mail the same person): false when someone else did. */
export async function claimDigest(
  database: Database,
  userId: number,
  now: Date,
  previous: Date | null,
): Promise<boolean> {
  const claimed = await database.query(
    `UPDATE notification_settings SET last_digest_at = $2
      WHERE user_id = $1 AND digest_enabled AND last_digest_at IS NOT DISTINCT FROM $3 RETURNING 1`,
    [userId, now.toISOString(), previous?.toISOString() ?? null],
  );
  return claimed.length > 0;
}

/** Gives a claim back after a failed send, for the next run. */
export async function releaseDigest(
  database: Database,
  userId: number,
  previous: Date | null,
): Promise<void> {
  await database.query(`UPDATE notification_settings SET last_digest_at = $2 WHERE user_id = $1`, [
    userId,
    previous?.toISOString() ?? null,
  ]);
}
