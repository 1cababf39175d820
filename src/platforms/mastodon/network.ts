// Mastodon-API servers as the server sees them beyond following: OAuth linking on the person's
// server, tokens revoked there, `user@host` addresses as follow targets.
import { openCredentials } from '../../accounts/credentials.ts';
import type { Database } from '../../db/index.ts';
import { safeFetch } from '../../net/safe-fetch.ts';
import type { Vault } from '../../vault/vault.ts';
import type { Network } from '../network.ts';
import { normalizeTarget } from './address.ts';
import { InstanceUrlError } from './instance.ts';
import {
  completeMastodonLink,
  ensureMastodonApp,
  type MastodonOAuthConfig,
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
};
