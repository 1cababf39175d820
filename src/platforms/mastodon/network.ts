// Mastodon-API servers as the server sees them beyond following: OAuth linking on the person's
// server, tokens revoked there, `user@host` addresses as follow targets.
import { openCredentials } from '../../accounts/credentials.ts';
import type { Database } from '../../db/index.ts';
import { safeFetch } from '../../net/safe-fetch.ts';
import type { LookupResult } from '../../profiles/store.ts';
import type { Vault } from '../../vault/vault.ts';
import type { Network, NetworkSignIn, PublicProfile } from '../network.ts';
import { normalizeTarget } from './address.ts';
import { InstanceUrlError } from './instance.ts';
import {
  completeMastodonLink,
  completeMastodonSignIn,
  ensureMastodonApp,
  type MastodonOAuthConfig,
  mastodonPendingOf,
  startMastodonLink,
} from './oauth.ts';

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

const signIn: NetworkSignIn<MastodonOAuthConfig> = {
  pendingOf: ({ database, vault }, params) => mastodonPendingOf(database, vault, params.get('state') ?? ''),
  async complete({ database, vault, client }, params, accept) {
    // `accept` checks the pending start before the code is exchanged.
    const done = await completeMastodonSignIn(
      database,
      vault,
      { state: params.get('state') ?? '', code: params.get('code') ?? '', accept },
      client,
    );
    return {
      account: done.account,
      credentials: { accessToken: done.accessToken, scopes: done.scopes },
      // The token is the sign-in's own: a link it renews keeps it, anything else gives it back.
      forget: async () => {
        await revokeMastodonToken(database, vault, client, done.account.instance, done.accessToken).catch(
          () => false,
        );
      },
    };
  },
};

/** One look-up per account, on the account's own server, one after the other. */
async function lookupProfiles(
  lookup: (acct: string) => Promise<LookupResult>,
  targets: string[],
): Promise<Map<string, LookupResult>> {
  const found = new Map<string, LookupResult>();
  for (const target of targets) found.set(target, await lookup(target));
  return found;
}

/** `https://host/@user`, from the handle's user and the instance's origin. */
function publicProfile({
  handle,
  instance,
}: {
  handle: string;
  instance: string | null;
}): PublicProfile | null {
  if (!instance) return null;
  const user = handle.split('@')[0];
  try {
    const origin = new URL(instance).origin;
    return user ? { url: `${origin}/@${encodeURIComponent(user)}`, instance: origin } : null;
  } catch {
    return null;
  }
}

export const MASTODON: Network<MastodonOAuthConfig> = {
  name: 'mastodon',
  displayName: 'Mastodon',
  normalizeTarget,
  // `user@host`: the handle as kept, completed with the instance's host when it has none.
  linkedTargetSql: `CASE WHEN position('@' IN ltrim(la.handle, '@')) > 0 THEN ltrim(la.handle, '@')
            ELSE ltrim(la.handle, '@') || '@' || coalesce(la.instance, split_part(la.account_id, ':', 1)) END`,
  // 400 follows per 24 h through the API.
  releasePace: { perWindow: 400, windowSeconds: 86_400 },
  linking: {
    startField: 'instance',
    missingStartField: () => new InstanceUrlError('Give your Mastodon server.'),
    async start({ database, vault, client }, { address, pending }) {
      return (await startMastodonLink(database, vault, { instance: address, pending }, client)).url;
    },
    complete: ({ database, vault, client }, params, accept, withLink) =>
      completeMastodonLink(
        database,
        vault,
        { state: params.get('state') ?? '', code: params.get('code') ?? '', accept },
        client,
        undefined,
        withLink,
      ),
    async revoke({ database, vault, client }, row) {
      if (!row.instance || !row.credentials) return false;
      const { accessToken } = openCredentials<{ accessToken: string }>(
        vault,
        row.user_id,
        'mastodon',
        row.credentials,
      );
      return revokeMastodonToken(database, vault, client, row.instance, accessToken);
    },
  },
  // A private list on the account of each member who asked; Mastodon lists hold only accounts
  // the holder follows, and never the holder.
  communityLists: { starterPack: false, description: () => '', holderOffList: true },
  signIn,
  profiles: {
    batchSize: 1,
    lookup: (resolver, targets) => lookupProfiles((acct) => resolver.mastodon(acct), targets),
  },
  publicProfile,
};
