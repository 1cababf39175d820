// The Bluesky OAuth client of this deployment, from the environment: the same client for the web
// process (sign-in, callbacks) and for every worker (restoring and refreshing sessions), so a
// person who linked through the web is followed for by any worker. Confidential client when the
// public origin is https and PASSERELLE_BLUESKY_OAUTH_KEYS is set; otherwise, in development on
// http, the loopback client.
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import type { Database } from '../../db/index.ts';
import { netPolicyFromEnv } from '../../net/policy.ts';
import type { Vault } from '../../vault/vault.ts';
import {
  confidentialClientMetadata,
  createBlueskyOAuthClient,
  keysetFromEnv,
  loopbackClientMetadata,
} from './oauth.ts';

/**
 * The first PUBLIC_ORIGIN (where browsers reach Passerelle); otherwise the development server's
 * own address on PORT, so OAuth redirects come back to the port the server listens on.
 */
export function publicOriginFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PUBLIC_ORIGIN?.split(',')[0]?.trim();
  return new URL(configured || `http://127.0.0.1:${env.PORT?.trim() || '8080'}`).origin;
}

/**
 * The loopback client's redirect must use an IP literal (RFC 8252 §7.3): a localhost origin is
 * rewritten to 127.0.0.1, and the callback sends the browser back to the public origin.
 */
export function loopbackRedirectUri(origin: string): string {
  const url = new URL('/oauth/bluesky/callback', origin);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  return url.toString();
}

export async function blueskyOAuthClientFromEnv(
  database: Database,
  vault: Vault,
  env: NodeJS.ProcessEnv = process.env,
): Promise<NodeOAuthClient> {
  const origin = publicOriginFromEnv(env);
  const production = origin.startsWith('https:') && Boolean(env.PASSERELLE_BLUESKY_OAUTH_KEYS);
  return createBlueskyOAuthClient(database, vault, {
    clientMetadata: production
      ? confidentialClientMetadata(origin)
      : loopbackClientMetadata(loopbackRedirectUri(origin)),
    keyset: production ? await keysetFromEnv(env) : undefined,
    handleResolver: env.PASSERELLE_BLUESKY_HANDLE_RESOLVER || undefined,
    plcDirectoryUrl: env.PASSERELLE_PLC_URL || undefined,
    allowHttp: !production,
    // Local PDS and PLC only under the development setting, as for Mastodon instances: an https
    // deployment without keys (the loopback client) still reaches public addresses only.
    netPolicy: netPolicyFromEnv(env),
  });
}
