// Revoking tokens at the networks: on unlink, on replacement by another link, and before the
// account is deleted. A failure is not fatal: the token is forgotten here all the same and
// expires at the network. How each network revokes is its own (src/platforms/*/network.ts).
import type { Database } from '../db/index.ts';
import type { RevocableRow } from '../platforms/network.ts';
import { findNetwork, type LinkClients, linkContext } from '../platforms/registry.ts';
import { type LinkRow, liveLinks } from './store.ts';

export type { LinkClients };

/** Revokes the row's token where the network allows it; true when the network confirmed. */
export async function revokeLinkToken(
  database: Database,
  clients: LinkClients | undefined,
  row: RevocableRow,
): Promise<boolean> {
  const network = findNetwork(row.platform);
  const ctx = linkContext(database, clients, row.platform);
  if (!network || !ctx) return false;
  try {
    return await network.linking.revoke(ctx, row);
  } catch {
    // Unreachable instance, expired session: the token is dropped here all the same.
    return false;
  }
}

/**
 * After a replacement: revokes the token the new link took the place of — unless the new
 * sign-in of the same account already replaced that session (revoking it would end the new one).
 */
export async function revokeReplaced(
  database: Database,
  clients: LinkClients | undefined,
  replaced: LinkRow | null,
  newAccountId: string,
): Promise<boolean> {
  if (!replaced) return false;
  const sameSession = findNetwork(replaced.platform)?.linking.replacesOwnSession;
  if (sameSession && replaced.account_id === newAccountId) return false;
  return revokeLinkToken(database, clients, replaced);
}

/** Revokes every live token of the user (all networks, or one). */
export async function revokeUserTokens(
  database: Database,
  clients: LinkClients | undefined,
  userId: number,
  platform?: string,
): Promise<void> {
  for (const row of await liveLinks(database, userId, platform))
    await revokeLinkToken(database, clients, row);
}
