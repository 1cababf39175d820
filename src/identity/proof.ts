// Proof of an X account: what sign-in with X established is written here. Only a proven X id
// points other people at its owner (src/directory reads users.x_proven_at through `usable`).
//
// One X id is one user (unique users.x_account_id). Who gets the proof when a user already
// holds the X id:
// - the user who proved it: the sign-in goes to them (from another account: refused);
// - a user who only claims it (an archive imported with the CLI, or uploaded elsewhere):
//   - the browser is signed in as that user: proven;
//   - that user has no linked network account: nothing of theirs can redirect anyone, so the
//     proof is attached to it (the person lands in it) and every other session it had ends:
//     whoever uploaded the claim no longer holds the proven account. If the browser was signed
//     in as another user without an X id, the claim's archive moves to that user instead;
//   - that user has a linked account: refused. Attaching would point the X id's followers at
//     an account that someone unproven linked.
import type { Database } from '../db/index.ts';
import { applyUserChange } from '../directory/fanout.ts';

export interface XIdentity {
  /** X's numeric id, as a string (beyond 2^53). */
  id: string;
  username: string;
  name: string;
}

/** A proof that cannot be recorded as asked; the message is fit for the person signing in. */
export class XProofRefusedError extends Error {
  readonly code: 'X_IDENTITY_MISMATCH' | 'X_ACCOUNT_ALREADY_PROVEN' | 'X_ACCOUNT_CLAIMED';
  constructor(code: XProofRefusedError['code'], message: string) {
    super(message);
    this.code = code;
    this.name = 'XProofRefusedError';
  }
}

export class XIdentityMismatchError extends XProofRefusedError {
  constructor(signedInId: string, username: string, claimedId: string) {
    super(
      'X_IDENTITY_MISMATCH',
      `You signed in with X as @${username} (X id ${signedInId}), but this Passerelle account holds the archive ` +
        `of X account ${claimedId}. Sign in with the X account whose archive you uploaded.`,
    );
    this.name = 'XIdentityMismatchError';
  }
}

export class XAccountAlreadyProvenError extends XProofRefusedError {
  constructor(username: string) {
    super(
      'X_ACCOUNT_ALREADY_PROVEN',
      `The X account @${username} is already proven by another Passerelle account. Sign in to that account instead.`,
    );
    this.name = 'XAccountAlreadyProvenError';
  }
}

export class XAccountClaimedError extends XProofRefusedError {
  constructor(username: string) {
    super(
      'X_ACCOUNT_CLAIMED',
      `Another Passerelle account holds the archive of @${username} and has a network account linked to it, ` +
        'which nobody has proven to be yours. Sign in from the browser that uploaded that archive, ' +
        'or ask the people running this Passerelle to remove that account.',
    );
    this.name = 'XAccountClaimedError';
  }
}

export interface ProofResult {
  userId: number;
  /** True when this sign-in created the Passerelle account (no archive yet). */
  created: boolean;
}

interface Holder {
  id: number;
  proven: boolean;
  linked: boolean;
}

/**
 * Records a successful sign-in with X. `userId` is the browser's session user, when the sign-in
 * was started from it. The rule for a user already holding the X id is at the top of this file.
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
    const holder = await holderOf(tx, identity.id);
    const result = await decide(tx, identity, holder, userId);
    await tx.query(
      `INSERT INTO x_accounts (id, username, display_name, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name,
         updated_at = now()`,
      [identity.id, identity.username, identity.name],
    );
    await applyUserChange(tx, result.userId, { xIdProven: true });
    return result;
  });
}

async function holderOf(tx: Database, xId: string): Promise<Holder | null> {
  const [row] = await tx.query<{ id: string; proven: boolean; linked: boolean }>(
    `SELECT u.id, u.x_proven_at IS NOT NULL AS proven,
            EXISTS (SELECT 1 FROM linked_accounts la WHERE la.user_id = u.id AND la.status <> 'unlinked') AS linked
       FROM users u WHERE u.x_account_id = $1 FOR UPDATE`,
    [xId],
  );
  return row ? { id: Number(row.id), proven: row.proven, linked: row.linked } : null;
}

async function decide(
  tx: Database,
  identity: XIdentity,
  holder: Holder | null,
  userId: number | undefined,
): Promise<ProofResult> {
  if (holder?.proven) {
    if (userId !== undefined && userId !== holder.id) throw new XAccountAlreadyProvenError(identity.username);
    return { userId: holder.id, created: false };
  }
  if (holder && holder.id !== userId) {
    if (holder.linked) throw new XAccountClaimedError(identity.username);
    if (userId === undefined) {
      await endSessionsOf(tx, holder.id);
      await prove(tx, holder.id, identity.id);
      return { userId: holder.id, created: false };
    }
    await assertNoOtherXId(tx, userId, identity);
    await moveClaim(tx, holder.id, userId);
  }
  if (userId === undefined) {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO users (x_account_id, x_proven_at) VALUES ($1, now()) RETURNING id`,
      [identity.id],
    );
    return { userId: Number(row?.id), created: true };
  }
  await assertNoOtherXId(tx, userId, identity);
  await prove(tx, userId, identity.id);
  return { userId, created: false };
}

async function assertNoOtherXId(tx: Database, userId: number, identity: XIdentity): Promise<void> {
  const [user] = await tx.query<{ x_account_id: string | null }>(
    `SELECT x_account_id FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  if (!user) throw new Error(`No user with id ${userId}.`);
  if (user.x_account_id && user.x_account_id !== identity.id)
    throw new XIdentityMismatchError(identity.id, identity.username, user.x_account_id);
}

async function prove(tx: Database, userId: number, xId: string): Promise<void> {
  await tx.query(
    `UPDATE users SET x_account_id = $2, x_proven_at = coalesce(x_proven_at, now()) WHERE id = $1`,
    [userId, xId],
  );
}

/** The claimant had only an archive: it moves, with the X id, to the user who proved it. */
async function moveClaim(tx: Database, fromUserId: number, toUserId: number): Promise<void> {
  await tx.query(`UPDATE users SET x_account_id = NULL WHERE id = $1`, [fromUserId]);
  await tx.query(`UPDATE x_edges SET user_id = $2 WHERE user_id = $1`, [fromUserId, toUserId]);
  await tx.query(`UPDATE archive_imports SET user_id = $2 WHERE user_id = $1`, [fromUserId, toUserId]);
  await applyUserChange(tx, fromUserId);
}

/** Whoever held the claimant's sessions (the uploader, maybe not the X account's owner) is out. */
async function endSessionsOf(tx: Database, userId: number): Promise<void> {
  await tx.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
}
