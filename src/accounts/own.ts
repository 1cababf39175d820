// A linked account never follows itself: the planner and the engine both ask this before a
// follow is planned or sent.

/** Why a task aimed at the account itself ends without a follow. */
export const OWN_ACCOUNT_REASON = 'own account: nobody follows themself';

const normalise = (address: string) => address.trim().replace(/^@/, '').toLowerCase();

/**
 * True when `target` is the linked account itself: its stable id (a DID on Bluesky) or its
 * address (`user@host` on Mastodon, where targets are addresses), compared case-insensitively.
 */
export function isOwnAccount(account: { accountId: string; handle: string }, target: string): boolean {
  if (target === account.accountId) return true;
  return normalise(target) === normalise(account.handle);
}
