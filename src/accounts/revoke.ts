// Revoking tokens at the networks: on unlink, on replacement by another link, and before the
// account is deleted. A failure is not fatal: the token is forgotten here all the same and
// expires at the network.
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import type { Database } from '../db/index.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { ensureMastodonApp, type MastodonOAuthConfig } from '../platforms/mastodon/oauth.ts';
import type { Vault } from '../vault/vault.ts';
import { openCredentials } from './credentials.ts';
import { type LinkRow, liveLinks } from './store.ts';

/** What linking and revoking need; a platform left out cannot be linked (nor revoked) here. */
export interface LinkClients {
  vault: Vault;
  mastodon?: MastodonOAuthConfig;
  bluesky?: NodeOAuthClient;
}

type RevocableRow = Pick<LinkRow, 'user_id' | 'platform' | 'account_id' | 'instance' | 'credentials'>;

/** Revokes the row's token where the network allows it; true when the network confirmed. */
export async function revokeLinkToken(
  database: Database,
  clients: LinkClients | undefined,
  row: RevocableRow,
): Promise<boolean> {
  try {
    if (row.platform === 'bluesky' && clients?.bluesky && isOAuthSession(clients, row)) {
      await clients.bluesky.revoke(row.account_id);
      return true;
    }
    if (row.platform === 'mastodon' && clients?.mastodon && row.instance && row.credentials) {
      const { accessToken } = openCredentials<{ accessToken: string }>(
        clients.vault,
        row.user_id,
        'mastodon',
        row.credentials,
      );
      return await revokeMastodonToken(database, clients.vault, clients.mastodon, row.instance, accessToken);
    }
  } catch {
    // Unreachable instance, expired session: the token is dropped here all the same.
  }
  return false;
}

/** Bluesky OAuth sessions live in the client's store, by DID; app-password links have none. */
function isOAuthSession(clients: LinkClients, row: RevocableRow): boolean {
  if (!row.credentials) return true;
  const credentials = openCredentials<{ kind?: string }>(
    clients.vault,
    row.user_id,
    'bluesky',
    row.credentials,
  );
  return credentials.kind === 'oauth';
}

/**
 * POST /oauth/revoke (Mastodon ≥ 3.5): client credentials and the token, form-encoded, over the
 * safe fetch, which follows no redirect of a POST: they never reach another address.
 */
export async function revokeMastodonToken(
  database: Database,
  vault: Vault,
  config: MastodonOAuthConfig,
  instance: string,
  token: string,
): Promise<boolean> {
  const app = await ensureMastodonApp(database, vault, instance, config);
  const res = await safeFetch(config.policy, { timeoutMs: 10_000 })(`${app.instance}/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, token }),
    redirect: 'error',
  });
  return res.ok;
}

/**
 * After a replacement: revokes the token the new link took the place of. A Bluesky OAuth
 * session of the same DID was already replaced in the client's store by the new sign-in, and
 * revoking by DID would end the new one: only another account's session is revoked there.
 */
export async function revokeReplaced(
  database: Database,
  clients: LinkClients | undefined,
  replaced: LinkRow | null,
  newAccountId: string,
): Promise<boolean> {
  if (!replaced) return false;
  if (replaced.platform === 'bluesky' && replaced.account_id === newAccountId) return false;
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
