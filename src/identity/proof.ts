// Proof of an X account: what sign-in with X established is written here. Only a proven X id
// points other people at its owner (src/directory reads users.x_proven_at through `usable`).
import type { Database } from '../db/index.ts';
import { applyUserChange } from '../directory/fanout.ts';

export interface XIdentity {
  /** X's numeric id, as a string (beyond 2^53). */
  id: string;
  username: string;
  name: string;
}

export class XIdentityMismatchError extends Error {
  readonly code = 'X_IDENTITY_MISMATCH';
  constructor(signedInId: string, username: string, claimedId: string) {
    super(
      `You signed in with X as @${username} (X id ${signedInId}), but this Passerelle account holds the archive ` +
        `of X account ${claimedId}. Sign in with the X account whose archive you uploaded.`,
    );
    this.name = 'XIdentityMismatchError';
  }
}

export class XAccountAlreadyProvenError extends Error {
  readonly code = 'X_ACCOUNT_ALREADY_PROVEN';
  constructor(username: string) {
    super(
      `The X account @${username} is already proven by another Passerelle account. Sign in to that account instead.`,
    );
    this.name = 'XAccountAlreadyProvenError';
  }
}

export interface ProofResult {
  userId: number;
  /** True when this sign-in created the Passerelle account (no archive yet). */
  created: boolean;
}

/**
 * Records a successful sign-in with X. With a userId: proves that user's X id (filling it when
 * they have no archive yet). Without: signs in the user who proved this X id, or creates one —
 * never an account that merely claimed the id from an archive, which may be someone else's.
 */
export async function recordXProof(
  database: Database,
  identity: XIdentity,
  userId?: number,
): Promise<ProofResult> {
  if (!/^[0-9]{1,20}$/.test(identity.id))
    throw new Error(`X returned an invalid account id "${identity.id}".`);
  return database.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`x-owner:${identity.id}`]);
    const [owner] = await tx.query<{ id: string }>(
      `SELECT id FROM users WHERE x_account_id = $1 AND x_proven_at IS NOT NULL ORDER BY id LIMIT 1`,
      [identity.id],
    );
    let result: ProofResult;
    if (userId === undefined) {
      if (owner) return { userId: Number(owner.id), created: false };
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO users (x_account_id, x_proven_at) VALUES ($1, now()) RETURNING id`,
        [identity.id],
      );
      result = { userId: Number(row?.id), created: true };
    } else {
      if (owner && Number(owner.id) !== userId) throw new XAccountAlreadyProvenError(identity.username);
      const [user] = await tx.query<{ x_account_id: string | null }>(
        `SELECT x_account_id FROM users WHERE id = $1 FOR UPDATE`,
        [userId],
      );
      if (!user) throw new Error(`No user with id ${userId}.`);
      if (user.x_account_id && user.x_account_id !== identity.id) {
        throw new XIdentityMismatchError(identity.id, identity.username, user.x_account_id);
      }
      await tx.query(
        `UPDATE users SET x_account_id = $2, x_proven_at = coalesce(x_proven_at, now()) WHERE id = $1`,
        [userId, identity.id],
      );
      result = { userId, created: false };
    }
    await tx.query(
      `INSERT INTO x_accounts (id, username, display_name, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name,
         updated_at = now()`,
      [identity.id, identity.username, identity.name],
    );
    await applyUserChange(tx, result.userId);
    return result;
  });
}
