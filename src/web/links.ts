// Linking Bluesky and Mastodon accounts from the web: the engine's OAuth flows, the directory
// told in the same transaction as every change, and token revocation on unlink and on account deletion.
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import type { Database } from '../db/index.ts';
import { applyUserChange } from '../directory/fanout.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { completeBlueskyOAuth, startBlueskyOAuth } from '../platforms/bluesky/oauth.ts';
import {
  completeMastodonLink,
  ensureMastodonApp,
  type MastodonOAuthConfig,
  startMastodonLink,
} from '../platforms/mastodon/oauth.ts';
import { openCredentials, type WithLink } from '../reconnect/accounts.ts';
import type { Vault } from '../vault/vault.ts';

/** What linking needs; a platform left out answers 503 (not configured on this server). */
export interface PlatformLinks {
  vault: Vault;
  mastodon?: MastodonOAuthConfig;
  bluesky?: NodeOAuthClient;
}

export type LinkPlatform = 'bluesky' | 'mastodon';

export class LinkNotConfiguredError extends Error {
  constructor(platform: string) {
    super(`Linking ${platform} is not configured on this server.`);
    this.name = 'LinkNotConfiguredError';
  }
}

/** The state of an OAuth callback belongs to another user than the browser's session. */
export class LinkOwnerMismatchError extends Error {
  constructor() {
    super('This sign-in was started by another session: start linking again from this browser.');
    this.name = 'LinkOwnerMismatchError';
  }
}

export interface LinkedAccountView {
  platform: LinkPlatform;
  handle: string;
  instance: string | null;
  status: string;
  linkedAt: string;
}

export async function listLinks(database: Database, userId: number): Promise<LinkedAccountView[]> {
  const rows = await database.query<{
    platform: LinkPlatform;
    handle: string;
    instance: string | null;
    status: string;
    created_at: Date | string;
  }>(
    `SELECT platform, handle, instance, status, created_at FROM linked_accounts
     WHERE user_id = $1 AND status <> 'unlinked' ORDER BY platform`,
    [userId],
  );
  return rows.map((r) => ({
    platform: r.platform,
    handle: r.handle,
    instance: r.instance,
    status: r.status,
    linkedAt: new Date(r.created_at).toISOString(),
  }));
}

export async function startLink(
  database: Database,
  links: PlatformLinks,
  platform: LinkPlatform,
  input: { userId: number; handle?: string; instance?: string },
): Promise<URL> {
  if (platform === 'bluesky') {
    if (!links.bluesky) throw new LinkNotConfiguredError('Bluesky');
    return startBlueskyOAuth(links.bluesky, { userId: input.userId, handle: input.handle ?? '' });
  }
  if (!links.mastodon) throw new LinkNotConfiguredError('Mastodon');
  const { url } = await startMastodonLink(
    database,
    links.vault,
    { userId: input.userId, instance: input.instance ?? '' },
    links.mastodon,
  );
  return url;
}

/**
 * Finishes a link for the session user. The link and the directory's change (the follows it
 * plans for others and for the user) are one transaction: if either fails, nothing is linked.
 */
export async function completeLink(
  database: Database,
  links: PlatformLinks,
  platform: LinkPlatform,
  params: URLSearchParams,
  sessionUserId: number | undefined,
): Promise<{ userId: number; handle: string }> {
  const withLink: WithLink = async (tx, link) => {
    // Only the browser that started the sign-in finishes it; any other links nothing.
    if (sessionUserId !== link.userId) throw new LinkOwnerMismatchError();
    await applyUserChange(tx, link.userId);
  };
  if (platform === 'bluesky') {
    if (!links.bluesky) throw new LinkNotConfiguredError('Bluesky');
    return completeBlueskyOAuth(database, links.vault, links.bluesky, params, withLink);
  }
  if (!links.mastodon) throw new LinkNotConfiguredError('Mastodon');
  return completeMastodonLink(
    database,
    links.vault,
    { state: params.get('state') ?? '', code: params.get('code') ?? '' },
    links.mastodon,
    undefined,
    withLink,
  );
}

/** Revokes the platform token where the API allows it; failures are left to expire on their own. */
export async function revokeLinkToken(
  database: Database,
  links: PlatformLinks | undefined,
  row: {
    user_id: number;
    platform: string;
    account_id: string;
    instance: string | null;
    credentials: string | null;
  },
): Promise<boolean> {
  try {
    if (row.platform === 'bluesky' && links?.bluesky) {
      await links.bluesky.revoke(row.account_id);
      return true;
    }
    if (row.platform === 'mastodon' && links?.mastodon && row.instance && row.credentials) {
      const { accessToken } = openCredentials<{ accessToken: string }>(
        links.vault,
        row.user_id,
        'mastodon',
        row.credentials,
      );
      const app = await ensureMastodonApp(database, links.vault, row.instance, links.mastodon);
      // POST /oauth/revoke (Mastodon ≥ 3.5): client credentials and the token, form-encoded;
      // the safe fetch follows no redirect of a POST, so they never reach another address.
      const res = await safeFetch(links.mastodon.policy, { timeoutMs: 10_000 })(
        `${app.instance}/oauth/revoke`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            token: accessToken,
          }),
          redirect: 'error',
        },
      );
      return res.ok;
    }
  } catch {
    // Unreachable instance, expired session: the token is dropped here all the same.
  }
  return false;
}

interface LinkRow {
  user_id: number;
  platform: string;
  account_id: string;
  instance: string | null;
  credentials: string | null;
}

async function linkRows(database: Database, userId: number, platform?: string): Promise<LinkRow[]> {
  const rows = await database.query<LinkRow & { user_id: string | number }>(
    `SELECT user_id, platform, account_id, instance, credentials FROM linked_accounts
     WHERE user_id = $1 AND status <> 'unlinked' AND ($2::text IS NULL OR platform = $2)`,
    [userId, platform ?? null],
  );
  return rows.map((r) => ({ ...r, user_id: Number(r.user_id) }));
}

/**
 * Unlinks: marks the account unlinked, forgets the token and tells the directory in one
 * transaction, then revokes the token at the platform (a failure before leaves all as it was).
 */
export async function unlink(
  database: Database,
  links: PlatformLinks | undefined,
  userId: number,
  platform: LinkPlatform,
): Promise<boolean> {
  const [row] = await linkRows(database, userId, platform);
  if (!row) return false;
  // Planned follows stay as they are: the engine only works for active accounts, and linking
  // again picks them up where they stopped.
  await database.transaction(async (tx) => {
    await tx.query(
      `UPDATE linked_accounts SET status = 'unlinked', credentials = NULL, updated_at = now()
       WHERE user_id = $1 AND platform = $2`,
      [userId, platform],
    );
    await applyUserChange(tx, userId);
  });
  await revokeLinkToken(database, links, row);
  return true;
}

/**
 * The beforeUserDelete hook: revokes the Mastodon tokens inside the deletion transaction. Bluesky
 * sessions live in the OAuth client's own store, reached outside `tx` (on PGlite, one connection,
 * that would wait on the transaction forever): revokeBlueskySessions runs before it.
 */
export function revokeTokensBeforeDelete(links: PlatformLinks) {
  return async (tx: Database, userId: number): Promise<void> => {
    for (const row of await linkRows(tx, userId, 'mastodon')) await revokeLinkToken(tx, links, row);
  };
}

/** Revokes the user's Bluesky OAuth sessions; call it before the deletion transaction. */
export async function revokeBlueskySessions(
  database: Database,
  links: PlatformLinks | undefined,
  userId: number,
) {
  if (!links?.bluesky) return;
  for (const row of await linkRows(database, userId, 'bluesky')) await revokeLinkToken(database, links, row);
}
