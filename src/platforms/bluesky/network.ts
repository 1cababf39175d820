// Bluesky as the server sees it beyond following: OAuth linking by handle, sessions kept in the
// OAuth client's own store (revoked there, by DID), DIDs as follow targets.
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import { openCredentials } from '../../accounts/credentials.ts';
import { liveHolder } from '../../accounts/store.ts';
import { BLUESKY_BATCH } from '../../profiles/lookup.ts';
import type { Vault } from '../../vault/vault.ts';
import type { Network, NetworkSignIn, RevocableRow } from '../network.ts';
import { blueskyPendingOf, completeBlueskyOAuth, completeBlueskySignIn, startBlueskyOAuth } from './oauth.ts';

/** Bluesky OAuth sessions live in the client's store, by DID; app-password links have none. */
function isOAuthSession(vault: Vault, row: RevocableRow): boolean {
  if (!row.credentials) return true;
  return openCredentials<{ kind?: string }>(vault, row.user_id, 'bluesky', row.credentials).kind === 'oauth';
}

const signIn: NetworkSignIn<NodeOAuthClient> = {
  pendingOf: ({ database, vault, client }, params) =>
    client ? blueskyPendingOf(database, vault, params) : Promise.resolve(null),
  async complete({ database, client }, params, accept) {
    const { pending, account } = await completeBlueskySignIn(client, params);
    // Bluesky's session is stored by DID; one linked to someone is that link's session now.
    const forget = async (held: boolean) => {
      if (!held) await client.revoke(account.accountId).catch(() => undefined);
    };
    try {
      accept(pending);
    } catch (err) {
      await forget((await liveHolder(database, 'bluesky', account.accountId)) !== null);
      throw err;
    }
    return { account, credentials: { kind: 'oauth' }, forget };
  },
};

export const BLUESKY: Network<NodeOAuthClient> = {
  name: 'bluesky',
  displayName: 'Bluesky',
  // DIDs are case-sensitive identifiers: kept as given.
  normalizeTarget: (target) => target.trim(),
  // 5,000 points/h at 3 points per follow = 1,666/h: keep a margin for the engine's other writes.
  releasePace: { perWindow: 1500, windowSeconds: 3600 },
  linking: {
    startField: 'handle',
    missingStartField: () => new TypeError('Give your Bluesky handle.'),
    start: ({ client }, { address, pending }) => startBlueskyOAuth(client, { handle: address, pending }),
    async complete({ database, vault, client }, params, accept, withLink) {
      const done = await completeBlueskyOAuth(database, vault, client, params, accept, withLink);
      return { ...done, accountId: done.did };
    },
    async revoke({ vault, client }, row) {
      if (!isOAuthSession(vault, row)) return false;
      await client.revoke(row.account_id);
      return true;
    },
    replacesOwnSession: true,
    revokesOutsideTransactions: true,
  },
  // One public list per community on the publishing organiser's account, and its starter pack.
  communityLists: {
    starterPack: true,
    description: (name) => `${name}: moving together from X.`,
    holderOffList: false,
  },
  signIn,
  profiles: {
    // getProfiles answers up to 25 accounts a call.
    batchSize: BLUESKY_BATCH,
    lookup: (resolver, dids) => resolver.bluesky(dids),
  },
  publicProfile: ({ handle }) => ({
    url: `https://bsky.app/profile/${encodeURIComponent(handle)}`,
    instance: null,
  }),
};
