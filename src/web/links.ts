// Linking Bluesky and Mastodon accounts from the web: the platforms' OAuth flows, started only
// by the session (POST + CSRF) and completed only for the session that started them, the
// directory told in the same transaction as every change, and the replaced or unlinked token
// revoked at the network (src/accounts).
import { LinkExistsError } from '../accounts/errors.ts';
import type { AcceptPending, PendingLink } from '../accounts/pending.ts';
import { type LinkClients, revokeLinkToken, revokeReplaced, revokeUserTokens } from '../accounts/revoke.ts';
import { liveLink, liveLinks, markUnlinked, type WithLink } from '../accounts/store.ts';
import type { Database } from '../db/index.ts';
import { applyUserChange } from '../directory/fanout.ts';
import type { LinkContext } from '../platforms/network.ts';
import { linkContext, NETWORK_NAMES, type NetworkName, network } from '../platforms/registry.ts';

/** What linking needs; a platform left out answers 503 (not configured on this server). */
export type PlatformLinks = LinkClients;

export type LinkPlatform = NetworkName;

export class LinkNotConfiguredError extends Error {
  constructor(platform: string) {
    super(`Linking ${platform} is not configured on this server.`);
    this.name = 'LinkNotConfiguredError';
  }
}

/** The state of an OAuth callback was started by another session than the browser's. */
export class LinkOwnerMismatchError extends Error {
  constructor() {
    super('This sign-in was started by another session: start linking again from this browser.');
    this.name = 'LinkOwnerMismatchError';
  }
}

/** Re-authorising asked for a link the user does not have. */
export class NothingToReauthoriseError extends Error {
  constructor(platform: string) {
    super(`No ${platform} account is linked: link one instead.`);
    this.name = 'NothingToReauthoriseError';
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

export interface StartInput {
  userId: number;
  sessionId: number;
  handle?: string;
  instance?: string;
  /** Replace the account already linked on this network (the person confirmed). */
  replace?: boolean;
  /** Renew the authorisation of the account already linked (its token was refused). */
  reauthorize?: boolean;
}

/**
 * Where the browser goes to link: the network's authorize URL. A link already there is replaced
 * only when the person confirmed (else LinkExistsError); re-authorising reuses its address.
 */
export async function startLink(
  database: Database,
  links: PlatformLinks,
  platform: LinkPlatform,
  input: StartInput,
): Promise<URL> {
  const current = await liveLink(database, input.userId, platform);
  const pending: PendingLink = {
    userId: input.userId,
    sessionId: input.sessionId,
    intent: input.reauthorize ? 'reauth' : input.replace ? 'replace' : 'link',
  };
  if (input.reauthorize && !current) throw new NothingToReauthoriseError(platform);
  if (pending.intent === 'link' && current) {
    throw new LinkExistsError(platform, current.handle);
  }
  const { linking } = network(platform);
  const ctx = configured(database, links, platform);
  const field = linking.startField;
  const address = input.reauthorize ? (current?.[field] ?? '') : (input[field] ?? '');
  return linking.start(ctx, { address, pending });
}

/** The network's linking context; LinkNotConfiguredError when this server cannot link it. */
function configured(database: Database, links: PlatformLinks, platform: LinkPlatform): LinkContext<unknown> {
  const ctx = linkContext(database, links, platform);
  if (!ctx) throw new LinkNotConfiguredError(network(platform).displayName);
  return ctx;
}

/**
 * Finishes a link for the session that started it. The link and the directory's change (the
 * follows it plans for others and for the user) are one transaction: if either fails, nothing is
 * linked. The token the link replaced is revoked afterwards.
 */
export async function completeLink(
  database: Database,
  links: PlatformLinks,
  platform: LinkPlatform,
  params: URLSearchParams,
  session: { id: number; userId: number } | null | undefined,
): Promise<{ userId: number; handle: string }> {
  // Only the session that started the sign-in finishes it; any other links nothing.
  const accept: AcceptPending = (pending) => {
    if (!session || pending.sessionId !== session.id || pending.userId !== session.userId)
      throw new LinkOwnerMismatchError();
  };
  const withLink: WithLink = async (tx, link) => {
    await applyUserChange(tx, link.userId);
  };
  const ctx = configured(database, links, platform);
  const done = await network(platform).linking.complete(ctx, params, accept, withLink);
  await revokeReplaced(database, links, done.replaced, done.accountId);
  return done;
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
  const [row] = await liveLinks(database, userId, platform);
  if (!row) return false;
  // Planned follows stay as they are: the engine only works for active accounts, and linking
  // again picks them up where they stopped.
  await database.transaction(async (tx) => {
    await markUnlinked(tx, userId, platform);
    await applyUserChange(tx, userId);
  });
  await revokeLinkToken(database, links, row);
  return true;
}

/** Networks whose sessions are revoked outside a database transaction (or inside one). */
function revokedOutside(outside: boolean): NetworkName[] {
  return NETWORK_NAMES.filter(
    (name) => Boolean(network(name).linking.revokesOutsideTransactions) === outside,
  );
}

/**
 * The beforeUserDelete hook: revokes the tokens kept in the database (Mastodon's) inside the
 * deletion transaction. Sessions in an OAuth client's own store (Bluesky's) are reached outside
 * `tx` (on PGlite, one connection, that would wait on the transaction forever):
 * revokeSessionsOutsideTransaction runs before it.
 */
export function revokeTokensBeforeDelete(links: PlatformLinks) {
  return async (tx: Database, userId: number): Promise<void> => {
    for (const name of revokedOutside(false)) await revokeUserTokens(tx, links, userId, name);
  };
}

/** Revokes the user's sessions held outside the database's transactions; call it before the deletion. */
export async function revokeSessionsOutsideTransaction(
  database: Database,
  links: PlatformLinks | undefined,
  userId: number,
): Promise<void> {
  for (const name of revokedOutside(true))
    if (links?.[name]) await revokeUserTokens(database, links, userId, name);
}
